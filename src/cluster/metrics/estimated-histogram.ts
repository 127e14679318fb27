/**
 * Cassandra's estimated histogram (DecayingEstimatedHistogramReservoir without the decay): 164 buckets
 * whose upper bounds grow by a factor of 1.2 from 1, plus one overflow bucket. Recording is a binary
 * search and an increment; percentiles and the maximum read back as bucket bounds, as Cassandra's do.
 */
const BUCKET_COUNT = 164;

const BUCKET_OFFSETS: readonly number[] = (() => {
  const offsets = [1];
  let last = 1;
  while (offsets.length < BUCKET_COUNT) {
    let next = Math.round(last * 1.2);
    if (next === last) next++;
    offsets.push(next);
    last = next;
  }
  return offsets;
})();

/** The bucket of `value`: the first whose upper bound is at least it; BUCKET_COUNT for overflow. */
function bucketOf(value: number): number {
  let low = 0;
  let high = BUCKET_COUNT;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (BUCKET_OFFSETS[mid]! < value) low = mid + 1;
    else high = mid;
  }
  return low;
}

export class EstimatedHistogram {
  private readonly buckets = new Float64Array(BUCKET_COUNT + 1);
  private total = 0;
  private valueSum = 0;

  update(value: number): void {
    const v = Math.max(value, 0);
    this.buckets[bucketOf(v)]!++;
    this.total++;
    this.valueSum += v;
  }

  get count(): number {
    return this.total;
  }

  /** The exact sum of the recorded values (Prometheus histograms report it beside the buckets). */
  get sum(): number {
    return this.valueSum;
  }

  /**
   * How many recorded values are at most `bound` as far as the buckets tell: those in buckets whose upper
   * bound does not exceed it. Coarser bounds (Prometheus' `le`) are read this way, on scrape only.
   */
  countAtMost(bound: number): number {
    let n = 0;
    for (let i = 0; i < BUCKET_COUNT && BUCKET_OFFSETS[i]! <= bound; i++) n += this.buckets[i]!;
    return n;
  }

  /** The bound of the bucket holding the value at `quantile` (0 when empty); Infinity once a value overflowed. */
  valueAt(quantile: number): number {
    if (this.buckets[BUCKET_COUNT]! > 0) return Infinity;
    const wanted = Math.ceil(this.total * quantile);
    if (wanted === 0) return 0;
    let seen = 0;
    for (let i = 0; i < BUCKET_COUNT; i++) {
      seen += this.buckets[i]!;
      if (seen >= wanted) return BUCKET_OFFSETS[i]!;
    }
    return 0;
  }

  /** The bound of the highest bucket in use (0 when empty). */
  max(): number {
    if (this.buckets[BUCKET_COUNT]! > 0) return Infinity;
    for (let i = BUCKET_COUNT - 1; i >= 0; i--) if (this.buckets[i]! > 0) return BUCKET_OFFSETS[i]!;
    return 0;
  }
}
