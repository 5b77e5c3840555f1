// Tests for byte-level BPE: hand-computed first merges, vocabulary size and early stop, exact round trips on
// random Unicode (lone surrogates included), determinism, and training speed on ~1 MB of pseudo-words.
import { describe, expect, it } from 'vitest';
import { createRandom } from '../../../src/engine/random';
import { FIRST_MERGE_ID, splitBpeWords } from '../../../src/engine/text/bpe-codec';
import { decode, encode, fitTokenizer, vocabularySize } from '../../../src/engine/text/tokenizer';
import type { FittedBpeTokenizer } from '../../../src/engine/text/tokenizer-types';
import { UNK_ID } from '../../../src/engine/text/tokenizer-types';

const byteId = (ch: string) => 5 + ch.charCodeAt(0);

async function fitBpe(texts: string[], vocabSize: number, minPairCount?: number): Promise<FittedBpeTokenizer> {
  return await fitTokenizer('bpe', texts, { vocabSize, minPairCount });
}

/** Random strings from mixed ranges: ASCII, Latin-1, CJK, emoji (pairs), lone surrogates, whitespace. */
function randomUnicode(seed: number, length: number): string {
  const random = createRandom(seed);
  const pick = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
  let s = '';
  for (let i = 0; i < length; i++) {
    const r = random();
    if (r < 0.3) s += String.fromCharCode(pick(0x20, 0x7e));
    else if (r < 0.4) s += String.fromCharCode(pick(0xa0, 0xff));
    else if (r < 0.55) s += String.fromCharCode(pick(0x4e00, 0x4e40));
    else if (r < 0.7) s += String.fromCodePoint(pick(0x1f600, 0x1f64f));
    else if (r < 0.78) s += String.fromCharCode(pick(0xd800, 0xdfff)); // Lone surrogates (or accidental pairs).
    else if (r < 0.88) s += ' \n\t'[pick(0, 2)];
    else s += String.fromCharCode(pick(0, 0xffff));
  }
  return s;
}

/** Reference BPE: recount all pairs each step, take the most frequent (ties: smallest ids), merge left to right. */
function naiveMerges(texts: string[], vocabSize: number, minPairCount: number): number[] {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of splitBpeWords(t)) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts].map(([w, f]) => ({ s: [...new TextEncoder().encode(w)].map((b) => b + 5), f }));
  const merges: number[] = [];
  for (let id = FIRST_MERGE_ID; id < vocabSize; id++) {
    const pairs = new Map<string, number>();
    for (const { s, f } of words) for (let i = 0; i + 1 < s.length; i++) pairs.set(`${s[i]},${s[i + 1]}`, (pairs.get(`${s[i]},${s[i + 1]}`) ?? 0) + f);
    let best: number[] | null = null;
    let bestCount = 0;
    for (const [key, c] of pairs) {
      const [a, b] = key.split(',').map(Number);
      if (c > bestCount || (c === bestCount && best !== null && (a < best[0] || (a === best[0] && b < best[1])))) {
        best = [a, b];
        bestCount = c;
      }
    }
    if (best === null || bestCount < minPairCount) break;
    merges.push(best[0], best[1]);
    for (const word of words) {
      const out: number[] = [];
      for (let i = 0; i < word.s.length; i++) {
        if (i + 1 < word.s.length && word.s[i] === best[0] && word.s[i + 1] === best[1]) {
          out.push(id);
          i += 1;
        } else out.push(word.s[i]);
      }
      word.s = out;
    }
  }
  return merges;
}

describe('BPE training', () => {
  it('learns the hand-computed merges of "aaabdaaabac" and stops when no pair repeats', async () => {
    // Pairs: aa 4, ab 2, others 1 -> merge (a,a)=Z. "Z a b d Z a b a c": Za 2, ab 2 tie -> (a,b) has the
    // smaller ids -> Y. "Z Y d Z Y a c": ZY 2 -> X. "X d X a c": every pair once -> stop (minPairCount 2).
    const fitted = await fitBpe(['aaabdaaabac'], 1000);
    const Z = FIRST_MERGE_ID;
    expect(fitted.merges).toEqual([byteId('a'), byteId('a'), byteId('a'), byteId('b'), Z, Z + 1]);
    expect(vocabularySize(fitted)).toBe(FIRST_MERGE_ID + 3);
    expect(encode(fitted, 'aaabdaaabac')).toEqual([Z + 2, byteId('d'), Z + 2, byteId('a'), byteId('c')]);
    expect(decode(fitted, [Z + 2])).toBe('aaab');
  });

  it('reaches exactly the requested vocabulary size when pairs keep repeating', async () => {
    const texts = Array.from({ length: 40 }, (_, i) => randomUnicode(i, 200));
    for (const size of [261, 262, 300, 400]) expect(vocabularySize(await fitBpe(texts, size, 1))).toBe(size);
  });

  it('learns the same merges as a naive trainer that recounts every pair at every step', async () => {
    const random = createRandom(3);
    const texts = Array.from({ length: 60 }, () =>
      Array.from({ length: 8 }, () => 'abcab'.slice(Math.floor(random() * 3), 2 + Math.floor(random() * 4))).join(' '),
    );
    const fitted = await fitBpe(texts, 330);
    expect(fitted.merges).toEqual(naiveMerges(texts, 330, 2));
    expect(fitted.merges.length).toBeGreaterThan(10);
  });

  it('is deterministic and independent of text order', async () => {
    const texts = ['the cat sat on the mat', 'the dog sat on the log', 'a cat and a dog'];
    const a = await fitBpe(texts, 300);
    const b = await fitBpe([...texts].reverse(), 300);
    expect(b.merges).toEqual(a.merges);
    expect(JSON.parse(JSON.stringify(a))).toEqual(a);
  });

  it('validates its options', async () => {
    await expect(fitBpe(['abc'], 260)).rejects.toThrow(RangeError);
    await expect(fitBpe(['abc'], 300, 0)).rejects.toThrow(/minPairCount/);
    await expect(fitBpe([], 300)).rejects.toMatchObject({ code: 'empty-file' });
  });
});

describe('BPE encode and decode', () => {
  it('round-trips random Unicode exactly, lone surrogates included, and never emits <unk>', async () => {
    const fitted = await fitBpe(Array.from({ length: 30 }, (_, i) => randomUnicode(100 + i, 300)), 600);
    for (let seed = 0; seed < 50; seed++) {
      const text = randomUnicode(seed, 1 + (seed * 7) % 120);
      const ids = encode(fitted, text);
      expect(ids).not.toContain(UNK_ID);
      expect(decode(fitted, ids)).toBe(text);
    }
    for (const text of ['我喜欢机器学习', '🙂👍🏽 emoji', '\ud800x\udfff', '', '  a\n\n b  ']) {
      expect(decode(fitted, encode(fitted, text))).toBe(text);
    }
  });

  it('pre-splits into pieces that rejoin to the input', () => {
    for (let seed = 0; seed < 20; seed++) {
      const text = randomUnicode(seed, 300);
      expect(splitBpeWords(text).join('')).toBe(text);
    }
    expect(splitBpeWords('Hello, world!  42x')).toEqual(['Hello', ',', ' world', '!', ' ', ' 42', 'x']);
  });

  it('decodes bytes that form no character as U+FFFD and rejects ids outside the vocabulary', async () => {
    const fitted = await fitBpe(['abc abc'], 262);
    expect(decode(fitted, [5 + 0xe6, byteId('a')])).toBe('\ufffda');
    expect(() => decode(fitted, [vocabularySize(fitted)])).toThrow(RangeError);
    expect(decode(fitted, [2, byteId('a'), 0, 3], { keepSpecials: true })).toBe('<bos>a<pad><eos>');
    expect(encode(fitted, 'a', { addBos: true, addEos: true })).toEqual([2, byteId('a'), 3]);
  });

  it('refuses a stored tokenizer with malformed merges or other special tokens', async () => {
    const fitted = await fitBpe(['abc abc'], 262);
    expect(() => encode({ ...fitted, merges: [byteId('a'), FIRST_MERGE_ID] }, 'a')).toThrow(/merge 0/);
    expect(() => encode({ ...fitted, merges: [byteId('a')] }, 'a')).toThrow(/even/);
    expect(() => encode({ ...fitted, specialTokens: ['<pad>'] }, 'a')).toThrow(/special tokens/);
  });

  it('trains on ~1 MB of pseudo-words to 2000 tokens in a few seconds', async () => {
    // Words of 2-10 skewed random letters: over 100 000 distinct words, the hard case for pair updates.
    const random = createRandom(7);
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const chunks: string[] = [];
    let size = 0;
    while (size < 1_000_000) {
      const words: string[] = [];
      for (let w = 0; w < 2000; w++) {
        let word = '';
        const n = 2 + Math.floor(random() * 9);
        for (let i = 0; i < n; i++) word += letters[Math.floor(random() ** 1.5 * 26)];
        words.push(word);
      }
      const chunk = words.join(' ') + '.\n';
      chunks.push(chunk);
      size += chunk.length;
    }
    const started = performance.now();
    const fitted = await fitBpe(chunks, 2000);
    const seconds = (performance.now() - started) / 1000;
    expect(vocabularySize(fitted)).toBe(2000);
    expect(seconds).toBeLessThan(10);
    expect(decode(fitted, encode(fitted, chunks[0]))).toBe(chunks[0]);
  });
});
