/**
 * When the tombstones of an SSTable become droppable, as Cassandra's StreamingTombstoneHistogramBuilder
 * keeps it: local deletion times rounded up to the minute, at most 100 bins (the two closest bins are
 * merged into their weighted mean when a new one would exceed that).
 */

const ROUND_SECONDS = 60;
const MAX_BIN_COUNT = 100;

export class TombstoneHistogram {
  /** [seconds, count] pairs sorted by seconds. */
  private readonly bins: [number, number][];

  constructor(bins: readonly (readonly [number, number])[] = []) {
    this.bins = bins.map(([t, c]) => [t, c]);
  }

  update(localDeletionTime: number, count = 1): void {
    const point = Math.ceil(localDeletionTime / ROUND_SECONDS) * ROUND_SECONDS;
    let lo = 0;
    let hi = this.bins.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.bins[mid]![0] < point) lo = mid + 1;
      else hi = mid;
    }
    const at = this.bins[lo];
    if (at !== undefined && at[0] === point) {
      at[1] += count;
      return;
    }
    this.bins.splice(lo, 0, [point, count]);
    if (this.bins.length > MAX_BIN_COUNT) this.mergeClosest();
  }

  private mergeClosest(): void {
    let best = 0;
    for (let i = 1; i < this.bins.length - 1; i++) {
      if (this.bins[i + 1]![0] - this.bins[i]![0] < this.bins[best + 1]![0] - this.bins[best]![0]) best = i;
    }
    const [t1, c1] = this.bins[best]!;
    const [t2, c2] = this.bins[best + 1]!;
    const count = c1 + c2;
    this.bins.splice(best, 2, [Math.round((t1 * c1 + t2 * c2) / count), count]);
  }

  /** Tombstones whose (rounded) local deletion time is before gcBefore. */
  countBefore(gcBefore: number): number {
    let sum = 0;
    for (const [t, c] of this.bins) {
      if (t >= gcBefore) break;
      sum += c;
    }
    return sum;
  }

  get total(): number {
    return this.bins.reduce((sum, [, c]) => sum + c, 0);
  }

  toJSON(): [number, number][] {
    return this.bins.map(([t, c]) => [t, c]);
  }
}
