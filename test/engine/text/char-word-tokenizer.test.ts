// Tests for the character and word tokenizers: vocabulary ranking and caps, <unk>, round trips, Chinese and
// Japanese segmentation with Intl.Segmenter, decoding rules, the registry and fitTokenizer's inputs.
import { describe, expect, it } from 'vitest';
import { segmentWords } from '../../../src/engine/text/word-tokenizer';
import { TOKENIZER_REGISTRY, decode, encode, fitTokenizer, vocabularySize } from '../../../src/engine/text/tokenizer';
import { SPECIAL_TOKENS, UNK_ID } from '../../../src/engine/text/tokenizer-types';

async function* chunks(...texts: string[]): AsyncIterable<string> {
  for (const t of texts) yield t;
}

describe('character tokenizer', () => {
  it('ranks code points by count, ties in code order, after the special tokens', async () => {
    const fitted = await fitTokenizer('char', ['abacab', 'c🙂']);
    // a 3, b 2, c 2, 🙂 1.
    expect(fitted.tokens).toEqual([...SPECIAL_TOKENS, 'a', 'b', 'c', '🙂']);
    expect(encode(fitted, 'ab🙂z')).toEqual([5, 6, 8, UNK_ID]);
    expect(decode(fitted, [5, 6, 8, UNK_ID])).toBe('ab🙂\ufffd');
    expect(decode(fitted, [2, 5, 0, 3])).toBe('a');
    expect(decode(fitted, [2, 5, 4, 3], { keepSpecials: true })).toBe('<bos>a<mask><eos>');
    expect(() => decode(fitted, [9])).toThrow(RangeError);
    expect(() => encode({ ...fitted, tokens: ['<PAD>', ...fitted.tokens.slice(1)] }, 'a')).toThrow(/special tokens/);
  });

  it('round-trips text whose characters were all seen', async () => {
    const text = 'Hello, 世界! 🙂 naïve\n\ttabs';
    const fitted = await fitTokenizer('char', chunks(text.slice(0, 10), text.slice(10)), { normalization: { nfkc: false } });
    expect(decode(fitted, encode(fitted, text))).toBe(text);
  });

  it('applies min count and the vocabulary cap', async () => {
    const fitted = await fitTokenizer('char', ['aaabbc'], { minCount: 2 });
    expect(fitted.tokens.slice(5)).toEqual(['a', 'b']);
    const capped = await fitTokenizer('char', ['aaabbc'], { maxVocab: 6 });
    expect(capped.tokens.slice(5)).toEqual(['a']);
    await expect(fitTokenizer('char', ['abc'], { minCount: 5 })).rejects.toMatchObject({ code: 'empty-file' });
    await expect(fitTokenizer('char', [''])).rejects.toMatchObject({ code: 'empty-file' });
    await expect(fitTokenizer('char', ['abc'], { minCount: 0 })).rejects.toThrow(RangeError);
  });

  it('normalizes with NFKC by default, at training and at encoding', async () => {
    const fitted = await fitTokenizer('char', ['ﬁ']);
    expect(encode(fitted, 'ﬁ')).toEqual(encode(fitted, 'fi'));
    expect(vocabularySize(fitted)).toBe(7);
  });
});

describe('word tokenizer', () => {
  it('splits English into words and punctuation, lower-cased by default', async () => {
    const fitted = await fitTokenizer('word', ['The cat sat. The dog sat!']);
    expect(fitted.tokens.slice(5)).toEqual(['sat', 'the', '!', '.', 'cat', 'dog']);
    const ids = encode(fitted, 'the cat sat on the mat.');
    expect(ids).toEqual([6, 9, 5, UNK_ID, 6, UNK_ID, 8]);
    expect(decode(fitted, encode(fitted, 'The dog sat.'))).toBe('the dog sat.');
  });

  it('can drop punctuation', async () => {
    const fitted = await fitTokenizer('word', ['Hi, you!'], { keepPunctuation: false });
    expect(fitted.tokens.slice(5)).toEqual(['hi', 'you']);
  });

  it('segments Chinese into several words that join back to the input', async () => {
    const words = segmentWords('我喜欢机器学习', 'zh', true);
    expect(words.length).toBeGreaterThan(1);
    expect(words.join('')).toBe('我喜欢机器学习');
    const fitted = await fitTokenizer('word', ['我喜欢机器学习'], { locale: 'zh' });
    expect(encode(fitted, '我喜欢机器学习')).not.toContain(UNK_ID);
    expect(decode(fitted, encode(fitted, '我喜欢机器学习'))).toBe('我喜欢机器学习');
  });

  it('segments Japanese and decodes it without spaces', async () => {
    const text = '私は機械学習が好きです。';
    const words = segmentWords(text, 'ja', true);
    expect(words.length).toBeGreaterThan(3);
    expect(words.join('')).toBe(text);
    const fitted = await fitTokenizer('word', [text], { locale: 'ja' });
    expect(decode(fitted, encode(fitted, text))).toBe(text);
  });

  it('caps the vocabulary by frequency and rejects a bad locale', async () => {
    const fitted = await fitTokenizer('word', ['b a b c b a'], { maxVocab: 7 });
    expect(fitted.tokens.slice(5)).toEqual(['b', 'a']);
    await expect(fitTokenizer('word', ['x'], { locale: 'not a locale!' })).rejects.toThrow(/language tag/);
  });
});

describe('tokenizer registry', () => {
  it('lists every kind with a label, a description and defaults that fit', async () => {
    expect(Object.keys(TOKENIZER_REGISTRY)).toEqual(['char', 'word', 'bpe']);
    for (const [kind, info] of Object.entries(TOKENIZER_REGISTRY)) {
      expect(info.label.length).toBeGreaterThan(0);
      expect(info.description.length).toBeGreaterThan(20);
      const fitted = await fitTokenizer(kind as 'char', ['some text, some more text'], info.defaults);
      expect(fitted.kind).toBe(kind);
      expect(JSON.parse(JSON.stringify(fitted))).toEqual(fitted);
      expect(structuredClone(fitted)).toEqual(fitted);
    }
    await expect(fitTokenizer('sentencepiece' as 'char', ['x'])).rejects.toThrow(/Unknown tokenizer kind/);
  });
});
