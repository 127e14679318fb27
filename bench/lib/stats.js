export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export const round = (x, digits = 0) => Number(x.toFixed(digits));

/** Lowest and highest ratio of `other` to `base` over slices measured back to back (cells of measureTargets). */
export function sliceRatioRange(base, other) {
  const [a, b] = [base?.sliceOpsPerSec ?? [], other?.sliceOpsPerSec ?? []];
  if (!a.length || a.length !== b.length) return '-';
  const ratios = a.map((x, i) => b[i] / x);
  return `${Math.min(...ratios).toFixed(2)}–${Math.max(...ratios).toFixed(2)}`;
}

/** Operations per second as a table shows them. */
export const fmt = (x) => (x === undefined ? '-' : Math.round(x).toLocaleString('en-US'));
