// Disjoint sets over 0..n-1 (union by size, path halving), used to turn verified near-duplicate pairs
// into groups.

/** Union-find over `n` items. Memory: two Int32Arrays of length n. */
export class UnionFind {
  private readonly parent: Int32Array;
  private readonly size: Int32Array;

  constructor(n: number) {
    this.parent = Int32Array.from({ length: n }, (_, i) => i);
    this.size = new Int32Array(n).fill(1);
  }

  /** The representative of `i`'s set (shortens paths as a side effect). */
  find(i: number): number {
    const p = this.parent;
    while (p[i] !== i) {
      p[i] = p[p[i]];
      i = p[i];
    }
    return i;
  }

  /** Merges the sets of `a` and `b`; returns the new representative. */
  union(a: number, b: number): number {
    let ra = this.find(a);
    let rb = this.find(b);
    if (ra === rb) return ra;
    if (this.size[ra] < this.size[rb]) [ra, rb] = [rb, ra];
    this.parent[rb] = ra;
    this.size[ra] += this.size[rb];
    return ra;
  }

  /** Sets with at least `minSize` members, as item lists ascending, ordered by their smallest item. */
  groups(minSize = 2): number[][] {
    const byRoot = new Map<number, number[]>();
    for (let i = 0; i < this.parent.length; i++) {
      const r = this.find(i);
      if (this.size[r] < minSize) continue;
      const list = byRoot.get(r);
      if (list) list.push(i);
      else byRoot.set(r, [i]);
    }
    // Items are visited in ascending order, so each list is sorted and lists come in order of first item.
    return [...byRoot.values()];
  }
}

/** A verified link that joined `item` to another; `value` is its similarity or distance. */
export interface GroupEdge {
  item: number;
  value: number;
}

/**
 * The sets covering ≥ 2 rows, as ascending row lists (rowsOf maps an item to its rows), ordered by first row,
 * each with `combine` (Math.min, Math.max) folded over the values of the edges inside it (undefined if none).
 */
export function collectGroups(
  sets: UnionFind,
  edges: readonly GroupEdge[],
  rowsOf: (item: number) => readonly number[],
  combine: (a: number, b: number) => number,
): { rows: number[]; value: number | undefined }[] {
  const folded = new Map<number, number>();
  for (const { item, value } of edges) {
    const root = sets.find(item);
    const seen = folded.get(root);
    folded.set(root, seen === undefined ? value : combine(seen, value));
  }
  // Sets of one item still form a group when that item stands for several rows (identical hashes).
  return sets
    .groups(1)
    .map((members) => ({
      rows: members.flatMap(rowsOf).sort((a, b) => a - b),
      value: folded.get(sets.find(members[0])),
    }))
    .filter((g) => g.rows.length >= 2)
    .sort((a, b) => a.rows[0] - b.rows[0]);
}
