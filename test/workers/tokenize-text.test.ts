// The data API's tokenizeText through Comlink on tiny imported datasets with hand-counted answers (vocabulary,
// counts, coverage, lengths, padding, the train-only fit, a corpus's 90% head), and text classification with
// the bag-of-tokens encoding trained end to end by the MLP on the tfjs cpu backend.
import * as tf from '@tensorflow/tfjs';
import { afterEach, describe, expect, it } from 'vitest';
import { createDataApi } from '../../workers/data-api';
import { createTrainApi } from '../../workers/train-api';
import { createDbOpener } from '../../workers/open-db';
import { lengthStats, splitLongText, type TokenizeTextRequest } from '../../workers/tokenize-text';
import type { PrepareSpec } from '../../src/engine/data/prepare-types';
import { exposeOverChannel } from './expose';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

function setUp(dbName = `webtrain-test-${crypto.randomUUID()}`) {
  const data = exposeOverChannel(createDataApi({ db: createDbOpener(dbName) }));
  closers.push(data.close);
  return data.remote;
}

type Data = ReturnType<typeof setUp>;

async function importText(data: Data, content: string, name: string): Promise<string> {
  const outcome = await data.importFiles([{ file: new Blob([content]), path: [name] }]);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.value.id;
}

async function tokenize(data: Data, id: string, request: TokenizeTextRequest) {
  const outcome = await data.tokenizeText(id, request);
  if (!outcome.ok) throw new Error(outcome.problem.message);
  return outcome.value;
}

/** 40 rows 'uniq<i> common' (label alternating): a word of its own per row plus one shared word. */
const UNIQUE_ROWS = `text,label\n${Array.from({ length: 40 }, (_, i) => `uniq${i} common,${i % 2 ? 'b' : 'a'}`).join('\n')}\n`;

describe('tokenizeText', () => {
  it('counts words of every row when the table has no preparation yet, and pads the example', async () => {
    const data = setUp();
    // Lower-cased words: b 3, a 1, c 1 (ties in code-unit order), so ids b 5, a 6, c 7.
    const id = await importText(data, 'text,n\nA b,1\nb c,2\nB,3\n', 'tiny.csv');
    const result = await tokenize(data, id, { source: { column: 'text' }, kind: 'word', vocabSize: 100, sequenceLength: 3, padding: 'pre' });
    expect(result.scope).toBe('all-rows');
    expect(result.vocabularySize).toBe(8);
    expect(result.vocabulary.slice(5)).toEqual([{ id: 5, token: 'b', count: 3 }, { id: 6, token: 'a', count: 1 }, { id: 7, token: 'c', count: 1 }]);
    expect(result.vocabulary[0]).toEqual({ id: 0, token: '<pad>', count: 0 });
    expect(result.training).toMatchObject({ texts: 3, tokens: 5 });
    expect(result.coverage.unknownShare).toBe(0);
    expect(result.coverage.tokensPerText).toBeCloseTo(5 / 3, 12);
    expect(result.heldOut).toBeUndefined();
    expect(result.lengths).toMatchObject({ texts: 3, p50: 2, p95: 2, max: 2, binWidth: 1, bins: [0, 1, 2] });
    expect(result.lengths.mean).toBeCloseTo(5 / 3, 12);
    expect(result.examples.map((e) => e.text)).toEqual(['A b', 'b c', 'B']);
    expect(result.examples[0]).toMatchObject({ ids: [6, 5], tokens: ['a', 'b'], padded: [0, 6, 5], paddedTokens: ['<pad>', 'a', 'b'] });
    expect(result.sequence).toEqual({ length: 3, padding: 'pre', truncation: 'post', truncatedShare: 0 });
  });

  it('fits on the training split of the stored preparation only; held-out words are unknown', async () => {
    const data = setUp();
    const id = await importText(data, UNIQUE_ROWS, 'unique.csv');
    const spec: PrepareSpec = {
      version: 2, targetColumn: 'label', task: 'classification', featureColumns: ['text'],
      split: { train: 0.5, validation: 0.25, test: 0.25 }, seed: 7, cleaning: [],
      encodings: [{ column: 'text', encoding: { kind: 'bag-of-tokens', minCount: 1 } }],
    };
    const prepared = await data.prepareDataset(id, spec);
    if (!prepared.ok) throw new Error(prepared.problem.message);
    const { counts } = prepared.value;
    const result = await tokenize(data, id, { source: { column: 'text' }, kind: 'word', vocabSize: 1000 });
    expect(result.scope).toBe('train-split');
    expect(result.training.texts).toBe(counts.train);
    // The vocabulary: 'common' plus exactly the training rows' own words, the same ones the bag of tokens kept.
    const words = result.vocabulary.slice(5).map((r) => r.token);
    expect(words[0]).toBe('common');
    expect(words.slice(1).sort()).toEqual(prepared.value.featureNames.map((n) => n.slice('text#'.length)).filter((w) => w !== 'common').sort());
    expect(words).toHaveLength(1 + counts.train);
    // Every held-out text is '<unk> common': half its tokens are unknown.
    expect(result.heldOut).toEqual({ texts: counts.validation + counts.test, unknownShare: 0.5, tokensPerText: 2 });
    expect(result.coverage.unknownShare).toBe(0);
  });

  it('learns the most frequent byte pair first and shows tokens with visible spaces', async () => {
    const data = setUp();
    // BPE words: 'ab' x2 and ' ab' x2, so the pair (a, b) occurs 4 times and (space, a) twice: merge 0 is 'ab'.
    const id = await importText(data, 'text\nab ab ab\nab\n', 'pairs.csv');
    const result = await tokenize(data, id, { source: { column: 'text' }, kind: 'bpe', vocabSize: 262, sequenceLength: 4, truncation: 'pre' });
    expect(result.vocabularySize).toBe(262);
    expect(result.vocabulary[261]).toEqual({ id: 261, token: 'ab', count: 4 });
    expect(result.vocabulary[5 + 32]).toEqual({ id: 37, token: '\u2423', count: 2 });
    expect(result.examples[0]).toMatchObject({ text: 'ab ab ab', ids: [261, 37, 261, 37, 261], tokens: ['ab', '\u2423', 'ab', '\u2423', 'ab'] });
    expect(result.examples[0].padded).toEqual([37, 261, 37, 261]); // keeps the end
    expect(result.sequence.truncatedShare).toBe(0.5);
    expect(result.coverage.bytesPerToken).toBeCloseTo(10 / 6, 12); // 8 + 2 bytes in 5 + 1 tokens
  });

  it('segments Chinese into words and shows them as they are', async () => {
    const data = setUp();
    const id = await importText(data, 'text\n我喜欢学习\n学习很好\n', 'zh.csv');
    const result = await tokenize(data, id, { source: { column: 'text' }, kind: 'word', vocabSize: 100, locale: 'zh' });
    expect(result.examples[0].tokens).toEqual(['我', '喜欢', '学习']);
    expect(result.vocabulary.find((r) => r.token === '学习')?.count).toBe(2);
  });

  it('trains on the lines that start in the first 90% of a corpus and measures the rest as held out', async () => {
    const data = setUp();
    // 10 lines of 10 code units: lines 1-9 start before offset 90 and train; the last line is held out.
    const id = await importText(data, `${'abcabcabc\n'.repeat(9)}xyzxyzxyz\n`, 'corpus.txt');
    const result = await tokenize(data, id, { source: 'corpus', kind: 'char', vocabSize: 100 });
    expect(result.scope).toBe('corpus-head');
    expect(result.vocabulary.slice(5)).toEqual([
      { id: 5, token: 'a', count: 27 }, { id: 6, token: 'b', count: 27 }, { id: 7, token: 'c', count: 27 }, { id: 8, token: '\\x0a', count: 9 },
    ]);
    expect(result.training).toEqual({ texts: 9, tokens: 90, bytes: 90 });
    expect(result.heldOut).toEqual({ texts: 1, unknownShare: 0.9, tokensPerText: 10 });
    expect(result.lengths).toMatchObject({ texts: 9, p50: 10, max: 10 });
    expect(result.sequence.length).toBe(10); // the p95 when none is asked for
  });

  it('reports bad requests as problems', async () => {
    const data = setUp();
    const table = await importText(data, 'text\nab\n', 'one.csv');
    const corpus = await importText(data, 'some text\n', 'c.txt');
    const cases: [string, TokenizeTextRequest, RegExp][] = [
      [table, { source: 'corpus', kind: 'char', vocabSize: 50 }, /is a table/],
      [corpus, { source: { column: 'text' }, kind: 'char', vocabSize: 50 }, /corpus/],
      [table, { source: { column: 'nope' }, kind: 'char', vocabSize: 50 }, /no column 'nope'/],
      [table, { source: { column: 'text' }, kind: 'bpe', vocabSize: 100 }, /vocabSize must be an integer from 261/],
      [table, { source: { column: 'text' }, kind: 'char', vocabSize: 50, sequenceLength: 0 }, /Sequence length/],
      ['missing', { source: { column: 'text' }, kind: 'char', vocabSize: 50 }, /./],
    ];
    for (const [id, request, message] of cases) {
      const outcome = await data.tokenizeText(id, request);
      expect(outcome.ok).toBe(false);
      if (!outcome.ok) expect(outcome.problem.message).toMatch(message);
    }
  });
});

describe('tokenize helpers', () => {
  it('splits long texts before the last space of a gap, and tokens of the pieces equal those of the whole', () => {
    const text = 'word '.repeat(1000); // 5000 units
    const pieces = splitLongText(text);
    expect(pieces.join('')).toBe(text);
    expect(pieces.every((p) => p.length <= 2000)).toBe(true);
    expect(pieces.slice(1).every((p) => p.startsWith(' word'))).toBe(true);
    const han = '学'.repeat(4500);
    expect(splitLongText(han).map((p) => p.length)).toEqual([2000, 2000, 500]);
  });

  it('computes nearest-rank percentiles and a histogram over 0..max', () => {
    const stats = lengthStats([5, 1, 3, 2, 4, 100]);
    expect(stats).toMatchObject({ texts: 6, p50: 3, p95: 100, max: 100, binWidth: 4 });
    expect(stats.bins).toHaveLength(26);
    expect(stats.bins[0]).toBe(3); // 1, 2, 3
    expect(stats.bins[1]).toBe(2); // 4, 5
    expect(stats.bins[25]).toBe(1); // 100
    expect(lengthStats([])).toMatchObject({ texts: 0, mean: 0, max: 0, bins: [0] });
  });
});

describe('text classification with a bag of tokens', () => {
  it('prepares a spam/ham table with the bag-of-tokens encoding and trains the MLP to 100%', async () => {
    const dbName = `webtrain-test-${crypto.randomUUID()}`;
    const data = setUp(dbName);
    const spam = ['free prize', 'win cash now', 'claim your free cash', 'prize win'];
    const ham = ['lunch at home', 'see mum later', 'meeting later today', 'home for lunch'];
    const rows = Array.from({ length: 80 }, (_, i) => (i % 2 ? `${spam[(i >> 1) % 4]} msg${i},spam` : `${ham[(i >> 1) % 4]} msg${i},ham`));
    const id = await importText(data, `message,label\n${rows.join('\n')}\n`, 'spam.csv');
    const spec: PrepareSpec = {
      version: 2, targetColumn: 'label', task: 'classification', featureColumns: ['message'],
      split: { train: 0.6, validation: 0.2, test: 0.2 }, seed: 1, cleaning: [],
      encodings: [{ column: 'message', encoding: { kind: 'bag-of-tokens' } }],
    };
    const prepared = await data.prepareDataset(id, spec);
    if (!prepared.ok) throw new Error(prepared.problem.message);
    expect(prepared.value.classes).toEqual(['ham', 'spam']);
    // The per-row 'msgN' words occur once each, under the minimum count of 2: only the shared words are features.
    expect(prepared.value.featureNames.some((n) => n.startsWith('message#msg'))).toBe(false);
    expect(prepared.value.featureNames).toEqual(expect.arrayContaining(['message#free', 'message#lunch']));

    await tf.setBackend('cpu');
    const train = createTrainApi({ db: createDbOpener(dbName), selectBackend: async () => ({ name: 'cpu', reason: 'tests' }) });
    const run = await train.startRun({
      datasetId: id, model: { hiddenLayers: [8], activation: 'relu' },
      config: { epochs: 15, batchSize: 8, learningRate: 0.05, optimizer: 'adam', seed: 1 },
    }, () => undefined);
    if (!run.ok) throw new Error(run.problem.message);
    expect(run.value.status).toBe('completed');
    expect(run.value.evaluation?.accuracy).toBe(1);
  });
});
