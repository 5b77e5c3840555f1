// Byte-level BPE training: count pre-split words, then repeatedly merge the most frequent adjacent pair,
// updating pair counts incrementally (only words that contain the merged pair are touched).

import { type TextNormalization, normalizeText } from './text-normalize';
import { fittedHeader, incrementCount } from './token-vocabulary';
import { type BpeTokenizerOptions, type FittedBpeTokenizer, type TokenizerTrainer, checkIntegerOption } from './tokenizer-types';
import { BYTE_ID_OFFSET, FIRST_MERGE_ID, MAX_BPE_VOCAB, mergePairInPlace, pairKey, splitBpeWords } from './bpe-codec';
import { DataInputError } from '../data/table-types';
import { PairHeap } from './pair-heap';
import { pushWtf8Bytes } from './wtf8';

export const BPE_DEFAULTS = { vocabSize: 2000, minPairCount: 2 } as const;

/** Training state: each distinct word as a mutable symbol list with its corpus frequency. */
interface WordTable {
  symbols: number[][];
  freqs: number[];
}

function buildWordTable(wordCounts: Map<string, number>): WordTable {
  const symbols: number[][] = [];
  const freqs: number[] = [];
  // Sorted so that the result never depends on the order the texts arrived in.
  const entries = [...wordCounts].sort((x, y) => (x[0] < y[0] ? -1 : x[0] > y[0] ? 1 : 0));
  for (const [word, count] of entries) {
    const ids = pushWtf8Bytes(word, []).map((b) => b + BYTE_ID_OFFSET);
    if (ids.length < 2) continue; // A single byte has no pair to merge.
    symbols.push(ids);
    freqs.push(count);
  }
  return { symbols, freqs };
}

function containsPair(s: number[], left: number, right: number): boolean {
  for (let i = 0; i + 1 < s.length; i++) if (s[i] === left && s[i + 1] === right) return true;
  return false;
}

/**
 * Learns merges from word counts until the vocabulary reaches `vocabSize` or the most frequent pair occurs
 * fewer than `minPairCount` times (then the vocabulary is smaller than asked). Ties between equally frequent
 * pairs go to the lexicographically smallest (left id, right id), so training is deterministic.
 * Returns the flat merge list [left0, right0, left1, right1, ...].
 */
export function learnMerges(wordCounts: Map<string, number>, vocabSize: number, minPairCount: number): number[] {
  const { symbols, freqs } = buildWordTable(wordCounts);
  const pairCounts = new Map<number, number>();
  // pair -> words that contained it when it was counted; may list a word twice or hold stale entries.
  const pairWords = new Map<number, number[]>();
  const addWordTo = (key: number, w: number) => {
    const list = pairWords.get(key);
    if (list === undefined) pairWords.set(key, [w]);
    else if (list[list.length - 1] !== w) list.push(w);
  };
  for (let w = 0; w < symbols.length; w++) {
    const s = symbols[w];
    for (let i = 0; i + 1 < s.length; i++) {
      const key = pairKey(s[i], s[i + 1]);
      incrementCount(pairCounts, key, freqs[w]);
      addWordTo(key, w);
    }
  }
  const heap = new PairHeap();
  for (const [key, count] of pairCounts) heap.push(count, key);
  const visited = new Int32Array(symbols.length).fill(-1);
  const merges: number[] = [];
  for (let step = 0; FIRST_MERGE_ID + step < vocabSize; step++) {
    let top = heap.pop();
    while (top !== null && pairCounts.get(top.key) !== top.count) top = heap.pop(); // Skip stale entries.
    if (top === null || top.count < minPairCount) break;
    const left = Math.floor(top.key / MAX_BPE_VOCAB);
    const right = top.key % MAX_BPE_VOCAB;
    const merged = FIRST_MERGE_ID + step;
    merges.push(left, right);
    const delta = new Map<number, number>();
    for (const w of pairWords.get(top.key) ?? []) {
      if (visited[w] === step) continue;
      visited[w] = step;
      const s = symbols[w];
      if (!containsPair(s, left, right)) continue; // Stale entry: merged away by an earlier step.
      // Rather than patch neighbours case by case, remove the word's old pairs and add its new ones.
      const f = freqs[w];
      for (let i = 0; i + 1 < s.length; i++) incrementCount(delta, pairKey(s[i], s[i + 1]), -f);
      mergePairInPlace(s, left, right, merged);
      for (let i = 0; i + 1 < s.length; i++) {
        const key = pairKey(s[i], s[i + 1]);
        incrementCount(delta, key, f);
        if (s[i] === merged || s[i + 1] === merged) addWordTo(key, w);
      }
    }
    pairWords.delete(top.key);
    pairCounts.delete(top.key);
    for (const [key, d] of delta) {
      if (d === 0 || key === top.key) continue;
      const count = (pairCounts.get(key) ?? 0) + d;
      if (count > 0) {
        pairCounts.set(key, count);
        heap.push(count, key);
      } else {
        pairCounts.delete(key);
      }
    }
  }
  return merges;
}

/**
 * Counts pre-split words of normalized training texts; `finish` learns merges (see learnMerges). Options are
 * checked at creation: vocabSize an integer from 261 (specials + bytes) to 2^20, minPairCount at least 1.
 */
export function createBpeTrainer(
  normalization: TextNormalization,
  options: BpeTokenizerOptions = {},
): TokenizerTrainer<FittedBpeTokenizer> {
  const vocabSize = options.vocabSize ?? BPE_DEFAULTS.vocabSize;
  const minPairCount = options.minPairCount ?? BPE_DEFAULTS.minPairCount;
  checkIntegerOption('vocabSize', vocabSize, FIRST_MERGE_ID, MAX_BPE_VOCAB);
  checkIntegerOption('minPairCount', minPairCount, 1);
  const wordCounts = new Map<string, number>();
  return {
    addText(text) {
      for (const word of splitBpeWords(normalizeText(text, normalization))) incrementCount(wordCounts, word);
    },
    finish() {
      if (wordCounts.size === 0) {
        throw new DataInputError('empty-file', 'The training texts are empty; import text with some content before fitting a tokenizer.');
      }
      const merges = learnMerges(wordCounts, vocabSize, minPairCount);
      return { kind: 'bpe', ...fittedHeader(normalization), preSplit: 'words-v1', merges };
    },
  };
}
