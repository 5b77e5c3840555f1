// Rune state for the Tokenize tab: the tokenizer choice (kind, vocabulary size, sequence length, padding),
// the registry it is rendered from, and the last result computed by the data worker for one dataset.
import type { DataInputProblem } from '../engine/data/table-types';
import type { DatasetRecord } from '../engine/storage/records';
import type { TokenizerKind } from '../engine/text/tokenizer-types';
import type { VocabularyRow } from '../engine/text/vocabulary-table';
import type { Outcome } from '../../workers/api-types';
import type { UiRegistries } from '../../workers/registries';
import type { TokenizeTextRequest, TokenizeTextResult } from '../../workers/tokenize-text';

export type { TokenizeTextResult, TokenizedExample, LengthStats } from '../../workers/tokenize-text';
export type { VocabularyRow } from '../engine/text/vocabulary-table';

/** What the state needs from the data worker (DatasetsState provides both). */
export interface TokenizeSource {
  tokenizeText(datasetId: string, request: TokenizeTextRequest): Promise<Outcome<TokenizeTextResult>>;
  registries(): Promise<UiRegistries>;
}

export type TokenizerRegistry = UiRegistries['tokenizers'];

/** The columns a table can be tokenized by: its text columns first, then categorical ones (short texts). */
export function textColumns(dataset: DatasetRecord): string[] {
  const summaries = dataset.summaries ?? [];
  const of = (type: string) => summaries.filter((s) => s.type === type).map((s) => s.name);
  return [...of('text'), ...of('categorical')];
}

/** The vocabulary-size default of a kind: BPE's target size, or the largest vocabulary of char/word. */
export function defaultVocabSize(registry: TokenizerRegistry, kind: TokenizerKind): number {
  return kind === 'bpe' ? registry.bpe.defaults.vocabSize : registry[kind].defaults.maxVocab;
}

/** Rows whose token contains `filter` (case-insensitive), or whose id is `filter`; all rows for ''. */
export function filterVocabulary(rows: readonly VocabularyRow[], filter: string): VocabularyRow[] {
  const wanted = filter.trim().toLowerCase();
  if (wanted === '') return rows.slice();
  return rows.filter((r) => r.token.toLowerCase().includes(wanted) || String(r.id) === wanted);
}

/** `rows` in id order, or most frequent first (ties by id); a new array. */
export function sortVocabulary(rows: readonly VocabularyRow[], order: 'id' | 'count'): VocabularyRow[] {
  const byId = (a: VocabularyRow, b: VocabularyRow) => a.id - b.id;
  return [...rows].sort(order === 'id' ? byId : (a, b) => (b.count ?? 0) - (a.count ?? 0) || byId(a, b));
}

export class TokenizeState {
  registry = $state.raw<TokenizerRegistry | null>(null);
  kind = $state<TokenizerKind>('bpe');
  vocabSize = $state(2000);
  /** Tokens per row; null: the 95th percentile of the training texts' lengths. */
  sequenceLength = $state<number | null>(null);
  padding = $state<'pre' | 'post'>('post');
  /** Table column to tokenize (ignored for a corpus). */
  column = $state<string | null>(null);
  busy = $state(false);
  problem = $state<DataInputProblem | null>(null);
  /** The last result and the dataset it belongs to. */
  private last = $state.raw<{ datasetId: string; result: TokenizeTextResult } | null>(null);

  constructor(private readonly source: TokenizeSource) {}

  /** Loads the tokenizer registry once and takes the chosen kind's default vocabulary size. */
  async loadRegistry(): Promise<void> {
    if (this.registry) return;
    this.registry = (await this.source.registries()).tokenizers;
    this.vocabSize = defaultVocabSize(this.registry, this.kind);
  }

  /** Picks a tokenizer kind and resets the vocabulary size to that kind's default. */
  chooseKind(kind: TokenizerKind): void {
    this.kind = kind;
    if (this.registry) this.vocabSize = defaultVocabSize(this.registry, kind);
  }

  /** The last result when it was computed for `dataset`. */
  resultOf(dataset: DatasetRecord): TokenizeTextResult | null {
    return this.last?.datasetId === dataset.id ? this.last.result : null;
  }

  /** The request the current choices make for `dataset` (a corpus, or the chosen or first text column). */
  requestFor(dataset: DatasetRecord): TokenizeTextRequest | null {
    const corpus = (dataset.kind ?? 'table') === 'corpus';
    const columns = textColumns(dataset);
    const column = this.column !== null && columns.includes(this.column) ? this.column : columns[0];
    if (!corpus && column === undefined) return null;
    return {
      source: corpus ? 'corpus' : { column },
      kind: this.kind,
      vocabSize: this.vocabSize,
      ...(this.sequenceLength !== null ? { sequenceLength: this.sequenceLength } : {}),
      padding: this.padding,
    };
  }

  /** Runs the tokenizer in the worker for `dataset`; the result or a problem is kept. Never rejects. */
  async run(dataset: DatasetRecord): Promise<void> {
    const request = this.requestFor(dataset);
    if (!request || this.busy) return;
    this.busy = true;
    this.problem = null;
    try {
      const outcome = await this.source.tokenizeText(dataset.id, request);
      if (outcome.ok) this.last = { datasetId: dataset.id, result: outcome.value };
      else this.problem = outcome.problem;
    } catch (error) {
      this.problem = { code: 'internal', message: error instanceof Error ? error.message : String(error), rows: [] };
    } finally {
      this.busy = false;
    }
  }
}
