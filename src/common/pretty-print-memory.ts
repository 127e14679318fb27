/** FBUtilities.prettyPrintMemory: KiB, MiB or GiB with three decimals (Cassandra's messages quote sizes so). */
export function prettyPrintMemory(bytes: number): string {
  if (bytes >= 2 ** 30) return `${(bytes / 2 ** 30).toFixed(3)}GiB`;
  if (bytes >= 2 ** 20) return `${(bytes / 2 ** 20).toFixed(3)}MiB`;
  return `${(bytes / 2 ** 10).toFixed(3)}KiB`;
}
