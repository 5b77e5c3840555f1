// Data for the vocabulary viewer: one row per id with a printable form of the token and its count, and
// coverage statistics measured by encoding texts (unknown share, tokens per text, bytes per token).

import { bpeTokenBytes } from './bpe-codec';
import { normalizeText } from './text-normalize';
import { encode, vocabularySize } from './tokenizer';
import { type FittedTokenizer, SPECIAL_COUNT, SPECIAL_TOKENS, UNK_ID } from './tokenizer-types';
import { decodeWtf8, pushWtf8Bytes } from './wtf8';

/** Token counts from encoding some texts (normally the training split), see countTokens. */
export interface TokenCounts {
  /** counts[id]: how often each id occurred. */
  counts: number[];
  texts: number;
  tokens: number;
  /** UTF-8 bytes of the normalized texts (what the tokens cover). */
  bytes: number;
}

/** One row of the viewer. */
export interface VocabularyRow {
  id: number;
  /** Printable form: see displayToken. */
  token: string;
  /** Occurrences in the counted texts; absent when no counts were given. */
  count?: number;
}

/** Coverage of the counted texts. */
export interface CoverageStats {
  /** Fraction of tokens that are <unk> (0 for BPE). */
  unknownShare: number;
  tokensPerText: number;
  /** Compression ratio: UTF-8 bytes per token (higher: fewer, longer tokens). */
  bytesPerToken: number;
}

export interface VocabularyTable {
  rows: VocabularyRow[];
  coverage?: CoverageStats;
}

/**
 * Encodes every text and counts ids (one pass; pass an iterable so a corpus can be streamed in chunks).
 * Side effect: fills the encoder caches of `fitted`.
 */
export function countTokens(fitted: FittedTokenizer, texts: Iterable<string>): TokenCounts {
  const counts = new Array<number>(vocabularySize(fitted)).fill(0);
  const result: TokenCounts = { counts, texts: 0, tokens: 0, bytes: 0 };
  const scratch: number[] = [];
  for (const text of texts) {
    for (const id of encode(fitted, text)) counts[id] += 1;
    result.texts += 1;
    scratch.length = 0;
    result.bytes += pushWtf8Bytes(normalizeText(text, fitted.normalization), scratch).length;
  }
  result.tokens = counts.reduce((sum, c) => sum + c, 0);
  return result;
}

const ESCAPED = /[\p{Cc}\p{Cf}\p{Cs}\s]/gu;

/**
 * Makes a token readable: a space as '␣'; other whitespace, control and format characters and lone surrogates
 * as escapes (`\x0a` for a newline, `\x09` for a tab, `\u200b` for a zero-width space). The rest as is. Pure.
 */
export function displayText(text: string): string {
  return text.replace(ESCAPED, (ch) => {
    if (ch === ' ') return '\u2423';
    const code = ch.charCodeAt(0);
    return code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/** Length of the complete UTF-8 (or WTF-8) character starting at bytes[from], or 0 when it is cut or invalid. */
function completeCharLength(bytes: Uint8Array, from: number): number {
  const b = bytes[from];
  const size = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
  if (size === 0 || from + size > bytes.length) return 0;
  for (let i = from + 1; i < from + size; i++) if ((bytes[i] & 0xc0) !== 0x80) return 0;
  return size;
}

/** Printable form of BPE token bytes: whole characters shown as text, stray bytes of split characters as `\xNN`. */
function displayBytes(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; ) {
    const size = completeCharLength(bytes, i);
    if (size === 0) {
      out += `\\x${bytes[i].toString(16).padStart(2, '0')}`;
      i += 1;
    } else {
      out += displayText(decodeWtf8(bytes.subarray(i, i + size)));
      i += size;
    }
  }
  return out;
}

/** Printable form of token `id` (special tokens by name). */
export function displayToken(fitted: FittedTokenizer, id: number): string {
  if (id < SPECIAL_COUNT) return SPECIAL_TOKENS[id];
  return fitted.kind === 'bpe' ? displayBytes(bpeTokenBytes(fitted)[id]) : displayText(fitted.tokens[id]);
}

/**
 * Rows for every id in id order, with counts and coverage when `counts` (from countTokens on the training
 * texts, with this tokenizer) is given. Throws a RangeError when the counts belong to another vocabulary.
 */
export function vocabularyTable(fitted: FittedTokenizer, counts?: TokenCounts): VocabularyTable {
  const size = vocabularySize(fitted);
  if (counts !== undefined && counts.counts.length !== size) {
    throw new RangeError(`The counts have ${counts.counts.length} ids but the vocabulary has ${size}; count with this tokenizer.`);
  }
  const rows: VocabularyRow[] = [];
  for (let id = 0; id < size; id++) {
    const row: VocabularyRow = { id, token: displayToken(fitted, id) };
    if (counts !== undefined) row.count = counts.counts[id];
    rows.push(row);
  }
  if (counts === undefined) return { rows };
  const tokens = counts.tokens;
  const coverage: CoverageStats = {
    unknownShare: tokens === 0 ? 0 : counts.counts[UNK_ID] / tokens,
    tokensPerText: counts.texts === 0 ? 0 : tokens / counts.texts,
    bytesPerToken: tokens === 0 ? 0 : counts.bytes / tokens,
  };
  return { rows, coverage };
}
