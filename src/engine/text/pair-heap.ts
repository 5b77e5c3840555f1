// A max-heap of (count, pair key) used by BPE training to find the most frequent pair quickly.
// Entries go stale when a count changes; the caller pushes the new count and skips stale entries on pop.

/**
 * Binary max-heap ordered by count (higher first), then by key (lower first): keys encode (left, right)
 * as left * 2^20 + right, so ties go to the lexicographically smallest id pair, deterministically.
 */
export class PairHeap {
  private counts: number[] = [];
  private keys: number[] = [];

  get size(): number {
    return this.counts.length;
  }

  /** True when entry i should sit above entry j. */
  private above(i: number, j: number): boolean {
    const ci = this.counts[i];
    const cj = this.counts[j];
    return ci > cj || (ci === cj && this.keys[i] < this.keys[j]);
  }

  private swap(i: number, j: number): void {
    const c = this.counts[i];
    this.counts[i] = this.counts[j];
    this.counts[j] = c;
    const k = this.keys[i];
    this.keys[i] = this.keys[j];
    this.keys[j] = k;
  }

  push(count: number, key: number): void {
    this.counts.push(count);
    this.keys.push(key);
    let i = this.counts.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.above(i, parent)) break;
      this.swap(i, parent);
      i = parent;
    }
  }

  /** Removes the top entry and returns it, or null when empty. */
  pop(): { count: number; key: number } | null {
    const n = this.counts.length;
    if (n === 0) return null;
    const top = { count: this.counts[0], key: this.keys[0] };
    this.swap(0, n - 1);
    this.counts.pop();
    this.keys.pop();
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let best = i;
      if (left < n - 1 && this.above(left, best)) best = left;
      if (right < n - 1 && this.above(right, best)) best = right;
      if (best === i) break;
      this.swap(i, best);
      i = best;
    }
    return top;
  }
}
