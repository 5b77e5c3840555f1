// Tests for the corpus pipeline: the line-boundary cut, the unigram baseline and the encoded id streams.
import { describe, expect, it } from 'vitest';
import { countCodePoints, prepareCorpus, splitCorpusText, unigramEntropy } from '../../../src/engine/data/corpus-pipeline';
import { DataInputError } from '../../../src/engine/data/table-types';
import { decode } from '../../../src/engine/text/tokenizer';
import { UNK_ID } from '../../../src/engine/text/tokenizer-types';

describe('splitCorpusText', () => {
  it('cuts after the last line break before 90% of the text', () => {
    // 10 lines of "abcd\n" = 50 code units; 90% = 45 falls at the start of line 10 (index 45).
    const text = 'abcd\n'.repeat(10);
    expect(splitCorpusText(text)).toEqual({ train: 'abcd\n'.repeat(9), validation: 'abcd\n' });
    // A target inside a line moves the cut back to that line's start.
    const lines = 'aaaaaaa\nbbbbbbb\ncc\n'; // 19 units, target floor(17.1) = 17 → last '\n' before 17 is at 15.
    expect(splitCorpusText(lines)).toEqual({ train: 'aaaaaaa\nbbbbbbb\n', validation: 'cc\n' });
  });

  it('moves forward when no line break precedes the target, and cuts exactly without line breaks', () => {
    expect(splitCorpusText('abcdefghijklmnopqrs\nt')).toEqual({ train: 'abcdefghijklmnopqrs\n', validation: 't' });
    expect(splitCorpusText('abcdefghij')).toEqual({ train: 'abcdefghi', validation: 'j' });
    expect(splitCorpusText('abcdefghij', 0.5)).toEqual({ train: 'abcde', validation: 'fghij' });
  });

  it('never splits a surrogate pair', () => {
    const text = 'abcdefgh😀z'; // '😀' occupies units 8 and 9; target = floor(11 · 0.9) = 9.
    const { train, validation } = splitCorpusText(text);
    expect(train).toBe('abcdefgh');
    expect(validation).toBe('😀z');
  });

  it('refuses a corpus too short to split and a bad fraction', () => {
    expect(() => splitCorpusText('a')).toThrow(DataInputError);
    expect(() => splitCorpusText('abc\n', 0.9)).toThrow(RangeError);
    expect(() => splitCorpusText('abc\n', 0)).toThrow(RangeError);
  });
});

describe('unigramEntropy', () => {
  it('matches hand-computed entropies', () => {
    expect(unigramEntropy([1, 2, 3, 4]).bits).toBeCloseTo(2, 12);
    expect(unigramEntropy([7, 7, 7]).nats).toBe(0);
    // p = (1/2, 1/4, 1/4): H = 1.5 bits = 1.5 ln 2 nats.
    const h = unigramEntropy([5, 5, 6, 7]);
    expect(h.bits).toBeCloseTo(1.5, 12);
    expect(h.nats).toBeCloseTo(1.5 * Math.LN2, 12);
    expect(unigramEntropy([]).nats).toBe(0);
  });
});

describe('countCodePoints', () => {
  it('counts a surrogate pair once', () => {
    expect(countCodePoints('a😀b')).toBe(3);
    expect(countCodePoints('')).toBe(0);
  });
});

describe('prepareCorpus', () => {
  it('fits a char tokenizer on the training part only and encodes both parts', async () => {
    // Train 'aab\n' × 9 (36 chars), validation 'aaz\n': z is unseen in training → <unk>.
    const corpus = 'aab\n'.repeat(9) + 'aaz\n';
    const prepared = await prepareCorpus(corpus);
    expect(prepared.tokenizer.kind).toBe('char');
    expect(prepared.vocabSize).toBe(5 + 3); // specials + a, b, \n
    expect(prepared.trainIds).toBeInstanceOf(Int32Array);
    expect(prepared.trainIds.length).toBe(36);
    expect(decode(prepared.tokenizer, prepared.trainIds)).toBe('aab\n'.repeat(9));
    expect(prepared.validationIds.length).toBe(4);
    expect(prepared.validationIds[2]).toBe(UNK_ID);
    expect(prepared.trainCharacters).toBe(36);
    expect(prepared.validationCharacters).toBe(4);
    // p = (1/2, 1/4, 1/4) → 1.5 bits per token = per character.
    expect(prepared.baseline.bitsPerToken).toBeCloseTo(1.5, 12);
    expect(prepared.baseline.bitsPerCharacter).toBeCloseTo(1.5, 12);
    expect(prepared.baseline.nats).toBeCloseTo(1.5 * Math.LN2, 12);
  });

  it('reads chunks in order and keeps text exactly (no normalization)', async () => {
    const chunks = ['ﬁne Ａ\n', 'line two\n', 'line 3\n'.repeat(5)];
    const prepared = await prepareCorpus((async function* () { yield* chunks; })());
    const whole = chunks.join('');
    expect(decode(prepared.tokenizer, prepared.trainIds)).toBe(whole.slice(0, whole.length - 7));
    expect(decode(prepared.tokenizer, prepared.validationIds)).toBe('line 3\n');
    expect(prepared.tokenizer.kind === 'char' && prepared.tokenizer.tokens.includes('ﬁ')).toBe(true); // NFKC would give 'fi'.
  });

  it('with BPE, bits per character = bits per token × tokens / characters', async () => {
    const prepared = await prepareCorpus('the cat the hat the bat\n'.repeat(20), { tokenizer: 'bpe', bpeVocabSize: 270 });
    expect(prepared.tokenizer.kind).toBe('bpe');
    const expected = (prepared.baseline.bitsPerToken * prepared.trainIds.length) / prepared.trainCharacters;
    expect(prepared.baseline.bitsPerCharacter).toBeCloseTo(expected, 12);
    expect(prepared.trainIds.length).toBeLessThan(prepared.trainCharacters); // Merges shorten the stream.
  });
});
