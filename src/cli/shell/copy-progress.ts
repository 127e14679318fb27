/** COPY's progress and summary wording (copyutil's RateMeter and describe_interval). */

/** The progress line RateMeter prints. */
export function progress(rows: number, elapsedMs: number): string {
  const rate = elapsedMs > 0 ? (rows * 1000) / elapsedMs : rows;
  return `Processed: ${rows} rows; Rate: ${rate.toFixed(0).padStart(7)} rows/s; Avg. rate: ${rate.toFixed(0).padStart(7)} rows/s`;
}

/** CopyTask.describe_interval: '1 minute and 3.500 seconds'. */
export function describeInterval(elapsedMs: number): string {
  let seconds = elapsedMs / 1000;
  const parts: string[] = [];
  for (const [length, unit] of [[86400, 'day'], [3600, 'hour'], [60, 'minute']] as const) {
    const n = Math.floor(seconds / length);
    if (n > 0) parts.push(`${n} ${unit}${n > 1 ? 's' : ''}`);
    seconds %= length;
  }
  const words = `${seconds.toFixed(3)} seconds`;
  if (parts.length > 1) return `${parts.join(', ')}, and ${words}`;
  return parts.length === 1 ? `${parts[0]} and ${words}` : words;
}
