// Tests for the bag-of-tokens encoding: vocabulary from the training cells only (hand-counted words),
// exact raw counts, the caps, stable names, JSON round trip, option checks, and train-only fitting in fitPipeline.
import { describe, expect, it } from 'vitest';
import { bagOfTokensFeatureNames, fitBagOfTokens } from '../../../src/engine/clean/bag-of-tokens';
import { encoderFeatureNames, encoderWidth, encoderWriter } from '../../../src/engine/clean/encoder-apply';
import { fitEncoder } from '../../../src/engine/clean/encoder-fit';
import { ENCODINGS, encodingProblem } from '../../../src/engine/clean/encoding-registry';
import type { FeatureEncoder } from '../../../src/engine/clean/encoding-types';
import { fitPipeline } from '../../../src/engine/data/prepare';
import { DataInputError, type ColumnSummary } from '../../../src/engine/data/table-types';
import { encode as encodeIds } from '../../../src/engine/text/tokenizer';

/** Encodes each cell with `encoder`; one array of outputs per cell. */
function encodeCells(encoder: FeatureEncoder, cells: (string | undefined)[]): number[][] {
  const write = encoderWriter(encoder);
  return cells.map((cell) => {
    const out = new Float32Array(encoderWidth(encoder));
    write(cell, out, 0);
    return Array.from(out);
  });
}

// Lower-cased word counts: free 3, now 2, hello 2, and once each prize, money, mum, see, you.
const TRAIN = ['Free prize now', 'free money', 'Hello mum', 'see you now', '', 'hello FREE'];

describe('bag of tokens (words)', () => {
  it('keeps the training words seen at least twice and counts them exactly', () => {
    const enc = fitEncoder({ kind: 'bag-of-tokens' }, 'sms', TRAIN, [...TRAIN, 'winner winner']);
    expect(encoderFeatureNames(enc)).toEqual(['sms#free', 'sms#hello', 'sms#now']);
    expect(encodeCells(enc, ['FREE free now! hello?', 'nothing known', undefined, 'NA'])).toEqual([
      [2, 1, 1],
      [0, 0, 0],
      [0, 0, 0],
      [0, 0, 0],
    ]);
  });

  it('never learns a token that occurs only outside the training cells', () => {
    const enc = fitBagOfTokens({ minCount: 1 }, 'sms', TRAIN);
    expect(bagOfTokensFeatureNames(enc)).not.toContain('sms#winner');
    expect(bagOfTokensFeatureNames(enc)).toHaveLength(8);
    expect(encodeCells(enc, ['winner winner'])[0].every((v) => v === 0)).toBe(true);
  });

  it('caps the vocabulary at the most frequent tokens, ties broken by id', () => {
    // free (3) first; hello and now tie at 2 and hello has the lower id (code-unit order in the word ranking).
    const enc = fitBagOfTokens({ maxTokens: 2 }, 'sms', TRAIN);
    expect(bagOfTokensFeatureNames(enc)).toEqual(['sms#free', 'sms#hello']);
  });

  it('is plain JSON: a stored encoder encodes exactly like the fitted one, with the same names', () => {
    const enc = fitBagOfTokens({}, 'sms', TRAIN);
    const stored = JSON.parse(JSON.stringify(enc)) as FeatureEncoder;
    expect(stored).toEqual(enc);
    const cells = ['free now now', 'Hello FREE'];
    expect(encodeCells(stored, cells)).toEqual(encodeCells(enc, cells));
    expect(encoderFeatureNames(stored)).toEqual(encoderFeatureNames(enc));
  });

  it('refuses a column without any word in the training cells, naming the column', () => {
    expect(() => fitBagOfTokens({}, 'sms', ['', 'NA'])).toThrow(DataInputError);
    expect(() => fitBagOfTokens({}, 'sms', ['', 'NA'])).toThrow(/'sms' has no words/);
  });
});

describe('bag of tokens (BPE)', () => {
  it('counts the kept subword ids of a text exactly as the tokenizer encodes it', () => {
    const train = ['lower lowest low', 'newer newest new', 'low new lower newer'];
    const enc = fitBagOfTokens({ tokenizer: 'bpe', maxTokens: 50, minCount: 1 }, 'w', train);
    if (enc.kind !== 'bag-of-tokens') throw new Error('expected bag-of-tokens');
    expect(enc.tokenizer.kind).toBe('bpe');
    expect(enc.ids).toEqual([...enc.ids].sort((a, b) => a - b));
    const text = 'lowest newer low';
    // Independent count: encode, then tally the ids that are features.
    const expected = enc.ids.map((id) => encodeIds(enc.tokenizer, text).filter((t) => t === id).length);
    expect(encodeCells(enc, [text])[0]).toEqual(expected);
    expect(expected.reduce((a, b) => a + b, 0)).toBe(encodeIds(enc.tokenizer, text).length);
    expect(new Set(encoderFeatureNames(enc)).size).toBe(enc.ids.length);
    expect(encoderFeatureNames(enc).some((n) => n.startsWith('w#\u2423'))).toBe(true); // a space shows as '␣'
  });
});

describe('bag-of-tokens registry entry', () => {
  it('reads only text columns and explains bad options', () => {
    expect(ENCODINGS['bag-of-tokens'].accepts).toEqual(['text']);
    expect(encodingProblem(ENCODINGS['bag-of-tokens'].defaults, 'sms', 'text')).toBeUndefined();
    expect(encodingProblem({ kind: 'bag-of-tokens' }, 'sms', 'categorical')).toMatch(/cannot read column 'sms'/);
    expect(encodingProblem({ kind: 'bag-of-tokens', maxTokens: 0 }, 'sms', 'text')).toMatch(/whole number of tokens/);
    expect(encodingProblem({ kind: 'bag-of-tokens', minCount: 1.5 }, 'sms', 'text')).toMatch(/minimum count/);
    expect(encodingProblem({ kind: 'bag-of-tokens', tokenizer: 'char' as 'word' }, 'sms', 'text')).toMatch(/'word' or 'bpe'/);
    expect(() => fitBagOfTokens({ maxTokens: -1 }, 'sms', TRAIN)).toThrow(RangeError);
  });
});

describe('bag of tokens in fitPipeline', () => {
  it('learns each row-specific word exactly when that row is a training row', () => {
    // Row i says its own word twice (so it passes minCount 2 on its own), plus a word shared by its class.
    const rows = Array.from({ length: 40 }, (_, i) => [`uniq${i} uniq${i} ${i % 2 ? 'prize' : 'lunch'}`, i % 2 ? 'spam' : 'ham']);
    const summaries: ColumnSummary[] = [
      { name: 'text', type: 'text', missing: 0, distinct: 40, distinctCapped: false },
      { name: 'label', type: 'categorical', missing: 0, distinct: 2, distinctCapped: false },
    ];
    const { pipeline, assignment } = fitPipeline(rows, ['text', 'label'], summaries, {
      version: 2, targetColumn: 'label', task: 'classification', featureColumns: ['text'],
      split: { train: 0.5, validation: 0.25, test: 0.25 }, seed: 3, cleaning: [],
      encodings: [{ column: 'text', encoding: { kind: 'bag-of-tokens', minCount: 2 } }],
    });
    const expected = rows.map((_, i) => i).filter((i) => assignment[i] === 0).map((i) => `text#uniq${i}`);
    expect(expected.length).toBeGreaterThan(5);
    const learned = pipeline.featureNames.filter((n) => n.startsWith('text#uniq'));
    expect([...learned].sort()).toEqual([...expected].sort());
    expect(pipeline.featureNames).toEqual(expect.arrayContaining(['text#prize', 'text#lunch']));
  });
});
