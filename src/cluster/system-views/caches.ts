import type { RowValues } from '../system-schema/row-builder.js';

/**
 * system_views.caches (CachesTable): Cassanova reads its memtables directly and keeps no key, row or
 * counter cache, so each shows as a Cassandra cache of capacity 0 that was never asked (hit ratio NaN, as
 * a ratio over no requests is in Cassandra). The settings key_cache_size, row_cache_size and
 * counter_cache_size say 0MiB accordingly.
 */
export function cacheRows(): RowValues[] {
  return ['counters', 'keys', 'rows'].map((name) => ({
    name,
    capacity_bytes: 0n,
    size_bytes: 0n,
    entry_count: 0,
    request_count: 0n,
    hit_count: 0n,
    hit_ratio: Number.NaN,
    recent_request_rate_per_second: 0n,
    recent_hit_rate_per_second: 0n,
  }));
}
