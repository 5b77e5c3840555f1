// Tests for fixed-length rows (padding and truncation on both sides) and language-model windows.
import { describe, expect, it } from 'vitest';
import { countLmWindows, encodeSequences, gatherLmWindows, makeLmWindows, padSequences } from '../../../src/engine/text/sequences';
import { fitTokenizer } from '../../../src/engine/text/tokenizer';

describe('padSequences', () => {
  const lists = [[1, 2, 3, 4, 5], [7], []];

  it('pads and truncates at the end by default', () => {
    expect([...padSequences(lists, { length: 3 })]).toEqual([1, 2, 3, 7, 0, 0, 0, 0, 0]);
  });

  it('pads before and truncates before when asked', () => {
    expect([...padSequences(lists, { length: 3, padding: 'pre' })]).toEqual([1, 2, 3, 0, 0, 7, 0, 0, 0]);
    expect([...padSequences(lists, { length: 3, truncation: 'pre' })]).toEqual([3, 4, 5, 7, 0, 0, 0, 0, 0]);
    expect([...padSequences(lists, { length: 6, padding: 'pre', truncation: 'pre' })]).toEqual([
      0, 1, 2, 3, 4, 5, 0, 0, 0, 0, 0, 7, 0, 0, 0, 0, 0, 0,
    ]);
  });

  it('rejects a bad length or side', () => {
    expect(() => padSequences(lists, { length: 0 })).toThrow(RangeError);
    expect(() => padSequences(lists, { length: 2, padding: 'left' as 'pre' })).toThrow(/padding/);
  });
});

describe('encodeSequences', () => {
  it('encodes texts into an Int32Array [n, length] with bos/eos', async () => {
    const fitted = await fitTokenizer('char', ['aab']); // a=5, b=6
    const rows = encodeSequences(fitted, ['ab', 'baaa'], { length: 4, addBos: true, addEos: true });
    expect(rows).toBeInstanceOf(Int32Array);
    expect([...rows]).toEqual([2, 5, 6, 3, 2, 6, 5, 5]);
  });
});

describe('language-model windows', () => {
  const tokens = Int32Array.from([10, 11, 12, 13, 14, 15, 16]);

  it('counts windows that have a next token for every position', () => {
    expect(countLmWindows(7, 3, 1)).toBe(4); // starts 0..3
    expect(countLmWindows(7, 3, 3)).toBe(2); // starts 0, 3
    expect(countLmWindows(3, 3, 1)).toBe(0);
    expect(() => countLmWindows(7, 3, 0)).toThrow(RangeError);
  });

  it('makes inputs and targets shifted by one', () => {
    const w = makeLmWindows(tokens, 3, 3);
    expect(w.count).toBe(2);
    expect([...w.inputs]).toEqual([10, 11, 12, 13, 14, 15]);
    expect([...w.targets]).toEqual([11, 12, 13, 14, 15, 16]);
    const part = makeLmWindows(tokens, 3, 1, { first: 2, count: 1 });
    expect([...part.inputs]).toEqual([12, 13, 14]);
    expect([...part.targets]).toEqual([13, 14, 15]);
  });

  it('gathers windows in any order and rejects missing ones', () => {
    const w = gatherLmWindows(tokens, 2, 2, [2, 0]);
    expect([...w.inputs]).toEqual([14, 15, 10, 11]);
    expect([...w.targets]).toEqual([15, 16, 11, 12]);
    expect(() => gatherLmWindows(tokens, 2, 2, [3])).toThrow(/outside/);
  });
});
