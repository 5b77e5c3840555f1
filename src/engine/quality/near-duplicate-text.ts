// Near-duplicate texts: MinHash signatures over character shingles, LSH banding for candidate pairs,
// verification by estimated Jaccard similarity, and union-find grouping. Seeded and deterministic.
import { createRandom } from '../random';
import { hashStringRange, mix32 } from './string-hash';
import { collectGroups, UnionFind, type GroupEdge } from './union-find';

export interface NearDuplicateTextOptions {
  /** Characters per shingle. Default 5; texts shorter than this are one shingle. */
  shingleSize?: number;
  /** MinHash functions per signature. Default 64 (standard error of the estimate ≈ sqrt(J(1-J)/64) ≤ 0.0625). */
  numHashes?: number;
  /**
   * Signature entries per LSH band; numHashes / bandRows bands. Default 4 (16 bands): a pair with
   * Jaccard s becomes a candidate with probability 1 - (1 - s^4)^16, 0.9998 at s = 0.8, 0.01 at s = 0.3.
   */
  bandRows?: number;
  /** Pairs with estimated Jaccard ≥ threshold are near duplicates. Default 0.8. */
  threshold?: number;
  /** Seed of the hash functions. Default 0. */
  seed?: number;
}

export interface NearDuplicateGroup {
  /** Rows in the group, ascending. */
  rows: number[];
  /** Lowest estimated Jaccard among the verified pairs that joined the group (members link transitively). */
  similarity: number;
}

/** Buckets up to this size are compared all pairs; larger ones compare each member to the first and to its predecessor. */
const ALL_PAIRS_BUCKET = 16;

/** The hash family: h_j(x) = xorshift16((x ^ b_j) · a_j) with a_j odd, a bijection of 32-bit x for each j. */
interface MinHashFamily {
  a: Uint32Array;
  b: Uint32Array;
}

function createFamily(numHashes: number, seed: number): MinHashFamily {
  const random = createRandom(seed);
  const draw = () => Math.floor(random() * 4294967296) >>> 0;
  const a = new Uint32Array(numHashes);
  const b = new Uint32Array(numHashes);
  for (let j = 0; j < numHashes; j++) {
    a[j] = draw() | 1;
    b[j] = draw();
  }
  return { a, b };
}

/** Lower-cases and collapses whitespace runs to one space, so formatting alone does not separate texts. */
export function normalizeText(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim();
}

/**
 * The MinHash signature of a normalized text: for each hash function j, the minimum of h_j over the
 * 32-bit hashes of its k-character shingles. Undefined for an empty text. O(shingles · numHashes).
 */
function computeSignature(text: string, k: number, family: MinHashFamily): Uint32Array | undefined {
  if (text.length === 0) return undefined;
  const m = family.a.length;
  const sig = new Uint32Array(m).fill(0xffffffff);
  const last = Math.max(0, text.length - k);
  for (let i = 0; i <= last; i++) {
    const x = mix32(hashStringRange(text, i, Math.min(text.length, i + k)));
    for (let j = 0; j < m; j++) {
      let y = Math.imul(x ^ family.b[j], family.a[j]);
      y = (y ^ (y >>> 16)) >>> 0;
      if (y < sig[j]) sig[j] = y;
    }
  }
  return sig;
}

/** Fraction of equal entries of two signatures: an unbiased estimate of the shingle sets' Jaccard similarity. */
export function estimateJaccard(a: Uint32Array, b: Uint32Array): number {
  let same = 0;
  for (let j = 0; j < a.length; j++) if (a[j] === b[j]) same++;
  return same / a.length;
}

function resolveOptions(options: NearDuplicateTextOptions) {
  const { shingleSize = 5, numHashes = 64, bandRows = 4, threshold = 0.8, seed = 0 } = options;
  for (const [name, v] of [['shingleSize', shingleSize], ['numHashes', numHashes], ['bandRows', bandRows]] as const) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`${name} must be a positive integer, got ${v}.`);
  }
  if (numHashes % bandRows !== 0) {
    throw new RangeError(`numHashes (${numHashes}) must be a multiple of bandRows (${bandRows}) so the bands cover the signature.`);
  }
  if (!(threshold > 0 && threshold <= 1)) throw new RangeError(`threshold must be in (0, 1], got ${threshold}.`);
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}.`);
  return { shingleSize, numHashes, bandRows, threshold, seed };
}

/**
 * Groups texts that are near duplicates (estimated Jaccard of their character-shingle sets ≥ threshold,
 * after normalizeText). Empty texts are skipped. Cost: O(total length · numHashes) for signatures plus
 * the candidate pairs LSH finds, far below O(n²) unless many texts are similar. Returns groups of ≥ 2
 * rows ordered by their first row, and how many candidate pairs were compared.
 */
export function findNearDuplicateTexts(
  texts: readonly { row: number; text: string }[],
  options: NearDuplicateTextOptions = {},
): { groups: NearDuplicateGroup[]; comparedPairs: number } {
  const { shingleSize, numHashes, bandRows, threshold, seed } = resolveOptions(options);
  const family = createFamily(numHashes, seed);
  const items: { row: number; sig: Uint32Array }[] = [];
  for (const { row, text } of texts) {
    const sig = computeSignature(normalizeText(text), shingleSize, family);
    if (sig) items.push({ row, sig });
  }
  const n = items.length;
  const sets = new UnionFind(n);
  const edges: GroupEdge[] = [];
  const compared = new Set<number>();
  const compare = (i: number, j: number) => {
    const key = i < j ? i * n + j : j * n + i;
    if (compared.has(key)) return;
    compared.add(key);
    const sim = estimateJaccard(items[i].sig, items[j].sig);
    if (sim >= threshold) {
      sets.union(i, j);
      edges.push({ item: i, value: sim });
    }
  };
  for (let band = 0; band * bandRows < numHashes; band++) {
    const buckets = new Map<number, number[]>();
    for (let i = 0; i < n; i++) {
      let h = 0x811c9dc5 ^ band;
      for (let r = band * bandRows; r < (band + 1) * bandRows; r++) h = Math.imul(h ^ items[i].sig[r], 0x01000193);
      const key = mix32(h);
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }
    for (const m of buckets.values()) {
      if (m.length <= ALL_PAIRS_BUCKET) {
        for (let x = 0; x < m.length; x++) for (let y = x + 1; y < m.length; y++) compare(m[x], m[y]);
      } else {
        for (let x = 1; x < m.length; x++) {
          compare(m[0], m[x]);
          compare(m[x - 1], m[x]);
        }
      }
    }
  }
  const groups = collectGroups(sets, edges, (i) => [items[i].row], Math.min);
  return { groups: groups.map(({ rows, value }) => ({ rows, similarity: value ?? 1 })), comparedPairs: compared.size };
}
