/**
 * Stored data as plain JSON-able values for deep equality in tests: Maps as entry lists, Buffers as
 * hex, bigints as strings.
 */
export function plain(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, (_k, v: unknown) => {
    if (typeof v === 'bigint') return `${v}n`;
    if (v instanceof Map) return [...(v as Map<unknown, unknown>)];
    if (v !== null && typeof v === 'object' && (v as { type?: unknown }).type === 'Buffer') {
      return Buffer.from((v as { data: number[] }).data).toString('hex');
    }
    return v;
  })) as unknown;
}
