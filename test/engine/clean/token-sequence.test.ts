// Tests for the token-sequence encoding: hand-computed padded ids of a tiny table, the vocabulary cap, 'auto'
// length, JSON round trip, feature names, option checks, and train-only fitting inside fitPipeline.
import { describe, expect, it } from 'vitest';
import { encoderFeatureNames, encoderWidth, encoderWriter, tokenCountFeatureIndices } from '../../../src/engine/clean/encoder-apply';
import { fitEncoder } from '../../../src/engine/clean/encoder-fit';
import { ENCODINGS, encodingProblem } from '../../../src/engine/clean/encoding-registry';
import type { FeatureEncoder } from '../../../src/engine/clean/encoding-types';
import { autoSequenceLength, fitTokenSequence } from '../../../src/engine/clean/token-sequence';
import { encodeFeatures } from '../../../src/engine/data/pipeline-encode';
import { fitPipeline } from '../../../src/engine/data/prepare';
import { DataInputError, type ColumnSummary } from '../../../src/engine/data/table-types';
import { decode, vocabularySize } from '../../../src/engine/text/tokenizer';

/** Encodes each cell with `encoder`; one array of ids per cell. */
function encodeCells(encoder: FeatureEncoder, cells: (string | undefined)[]): number[][] {
  const write = encoderWriter(encoder);
  return cells.map((cell) => {
    const out = new Float32Array(encoderWidth(encoder));
    write(cell, out, 0);
    return Array.from(out);
  });
}

// Lower-cased word counts: free 3, now 2, hello 2, and once each prize, money, mum, see, you.
// With minCount 2 the ids are the 5 specials, then free 5, hello 6, now 7 (ties in code-unit order).
const TRAIN = ['Free prize now', 'free money', 'Hello mum', 'see you now', '', 'hello FREE'];
const PAD = 0;
const UNK = 1;

describe('token sequence (words)', () => {
  it('writes exact padded ids; unknown words and punctuation are <unk>, missing cells all padding', () => {
    const enc = fitEncoder({ kind: 'token-sequence', length: 4 }, 'sms', TRAIN, TRAIN);
    expect(enc.kind === 'token-sequence' && enc.tokenizer.kind === 'word' && enc.tokenizer.tokens.slice(5)).toEqual(['free', 'hello', 'now']);
    expect(encodeCells(enc, ['FREE free now! hello?', 'hello', 'money now', undefined, 'NA'])).toEqual([
      [5, 5, 7, UNK], // cut after 4 tokens (truncation 'post' keeps the start)
      [6, PAD, PAD, PAD],
      [UNK, 7, PAD, PAD], // 'money' was seen once: below minCount 2
      [PAD, PAD, PAD, PAD],
      [PAD, PAD, PAD, PAD],
    ]);
  });

  it("pads and truncates at the start with 'pre'", () => {
    const enc = fitTokenSequence({ length: 4, padding: 'pre', truncation: 'pre' }, 'sms', TRAIN);
    // 'FREE free now! hello?' is free free now ! hello ?: the last 4 are now ! hello ?.
    expect(encodeCells(enc, ['FREE free now! hello?', 'hello'])).toEqual([
      [7, UNK, 6, UNK],
      [PAD, PAD, PAD, 6],
    ]);
  });

  it('caps the vocabulary (specials included) at the most frequent words', () => {
    const enc = fitTokenSequence({ vocabSize: 6, length: 3 }, 'sms', TRAIN);
    if (enc.tokenizer.kind !== 'word') throw new Error('expected words');
    expect(vocabularySize(enc.tokenizer)).toBe(6);
    expect(encodeCells(enc, ['free hello now'])).toEqual([[5, UNK, UNK]]);
  });

  it("picks 'auto' length as the nearest-rank 95th percentile of training token counts, capped at 256", () => {
    // Training token counts (missing '' skipped): 3, 2, 2, 3, 2 -> sorted 2 2 2 3 3; rank ceil(0.95 * 5) = 5 -> 3.
    expect(fitTokenSequence({ length: 'auto' }, 'sms', TRAIN).length).toBe(3);
    expect(autoSequenceLength(Array.from({ length: 20 }, (_, i) => i + 1))).toBe(19);
    expect(autoSequenceLength([300, 400])).toBe(256);
    expect(autoSequenceLength([0, 0])).toBe(1);
  });

  it('names one feature per position and is plain JSON that encodes the same after a round trip', () => {
    const enc = fitTokenSequence({ length: 3 }, 'sms', TRAIN);
    expect(encoderFeatureNames(enc)).toEqual(['sms@0', 'sms@1', 'sms@2']);
    const stored = JSON.parse(JSON.stringify(enc)) as FeatureEncoder;
    expect(stored).toEqual(enc);
    const cells = ['free now now', 'Hello FREE', 'zebra'];
    expect(encodeCells(stored, cells)).toEqual(encodeCells(enc, cells));
    expect(tokenCountFeatureIndices([enc])).toEqual([]); // ids are not counts: token deletion must not thin them
  });

  it('refuses a column without any word seen minCount times in the training cells, naming the column', () => {
    expect(() => fitTokenSequence({}, 'sms', ['', 'NA'])).toThrow(DataInputError);
    expect(() => fitTokenSequence({ minCount: 5 }, 'sms', TRAIN)).toThrow(/'sms' has no word seen 5 times/);
  });
});

describe('token sequence (characters and BPE)', () => {
  it('gives one id per code point; characters outside the training text are <unk>', () => {
    // Counts a 3, b 3, c 1 -> a 5, b 6 (tie: code-unit order), c 7.
    const enc = fitTokenSequence({ tokenizer: 'char', minCount: 1, length: 5 }, 'w', ['abba', 'cab']);
    expect(encodeCells(enc, ['cabd'])).toEqual([[7, 5, 6, UNK, PAD]]);
  });

  it('encodes subword ids inside the vocabulary that decode back to the text', () => {
    const train = ['lower lowest low', 'newer newest new', 'low new lower newer'];
    const enc = fitTokenSequence({ tokenizer: 'bpe', vocabSize: 300, length: 16 }, 'w', train);
    const [ids] = encodeCells(enc, ['lowest newer']);
    const size = vocabularySize(enc.tokenizer);
    expect(size).toBeLessThanOrEqual(300);
    expect(ids.every((id) => Number.isInteger(id) && id >= 0 && id < size)).toBe(true);
    expect(decode(enc.tokenizer, ids)).toBe('lowest newer');
  });
});

describe('token-sequence registry entry', () => {
  it('reads only text columns and explains bad options', () => {
    expect(ENCODINGS['token-sequence'].accepts).toEqual(['text']);
    expect(ENCODINGS['token-sequence'].defaults).toMatchObject({ tokenizer: 'word', vocabSize: 5000, minCount: 2, length: 'auto' });
    expect(encodingProblem(ENCODINGS['token-sequence'].defaults, 'sms', 'text')).toBeUndefined();
    expect(encodingProblem({ kind: 'token-sequence', length: 'auto' }, 'sms', 'text')).toBeUndefined();
    expect(encodingProblem({ kind: 'token-sequence' }, 'sms', 'numeric')).toMatch(/cannot read column 'sms'/);
    expect(encodingProblem({ kind: 'token-sequence', length: 0 }, 'sms', 'text')).toMatch(/length of 'auto' or a whole number/);
    expect(encodingProblem({ kind: 'token-sequence', vocabSize: 5 }, 'sms', 'text')).toMatch(/vocabulary size from 6/);
    expect(encodingProblem({ kind: 'token-sequence', tokenizer: 'bpe', vocabSize: 100 }, 'sms', 'text')).toMatch(/from 261/);
    expect(encodingProblem({ kind: 'token-sequence', minCount: 0 }, 'sms', 'text')).toMatch(/minimum count/);
    expect(encodingProblem({ kind: 'token-sequence', padding: 'middle' as 'pre' }, 'sms', 'text')).toMatch(/padding 'pre' or 'post'/);
    expect(() => fitTokenSequence({ length: 2.5 }, 'sms', TRAIN)).toThrow(RangeError);
  });
});

describe('token sequence in fitPipeline', () => {
  it('maps a word seen only in validation or test rows to <unk>, and a training word to its own id', () => {
    // Row i starts with its own word twice (so it passes minCount 2 on its own), then a word shared by its class.
    const rows = Array.from({ length: 40 }, (_, i) => [`uniq${i} uniq${i} ${i % 2 ? 'prize' : 'lunch'}`, i % 2 ? 'spam' : 'ham']);
    const summaries: ColumnSummary[] = [
      { name: 'text', type: 'text', missing: 0, distinct: 40, distinctCapped: false },
      { name: 'label', type: 'categorical', missing: 0, distinct: 2, distinctCapped: false },
    ];
    const { pipeline, assignment } = fitPipeline(rows, ['text', 'label'], summaries, {
      version: 2, targetColumn: 'label', task: 'classification', featureColumns: ['text'],
      split: { train: 0.5, validation: 0.25, test: 0.25 }, seed: 3, cleaning: [],
      encodings: [{ column: 'text', encoding: { kind: 'token-sequence', length: 4 } }],
    });
    expect(pipeline.featureNames).toEqual(['text@0', 'text@1', 'text@2', 'text@3']);
    const { x } = encodeFeatures(pipeline, rows, ['text', 'label']);
    const firstIds = rows.map((_, i) => x[i * 4]);
    const train = rows.map((_, i) => assignment[i] === 0);
    expect(train.filter(Boolean).length).toBeGreaterThan(5);
    expect(train.filter((t) => !t).length).toBeGreaterThan(5);
    rows.forEach((_, i) => {
      expect(firstIds[i] === UNK).toBe(!train[i]);
      expect(x[i * 4 + 3]).toBe(PAD);
    });
    expect(new Set(firstIds.filter((_, i) => train[i])).size).toBe(train.filter(Boolean).length); // one id per training word
  });
});
