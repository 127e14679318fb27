import type { MemtablePartition } from './memtable-partition.js';

/** The partitions of one token: nearly always one; more only when keys share a token (a hash collision). */
type Entry = MemtablePartition | MemtablePartition[];

/**
 * A frozen layer of the index: never changed once made, so snapshots share it. Layers stack newest on
 * top; a partition in a layer shadows one of the same key below it (its copy-on-write successor).
 */
export interface IndexLayer {
  readonly map: ReadonlyMap<bigint, Entry>;
  readonly below: IndexLayer | null;
}

/**
 * The memtable's partitions by token, for point lookups (a hash lookup is several times cheaper than a
 * B-tree descent). New partitions go to a mutable top map; `freeze()` turns it into a shared layer in
 * O(1), so a snapshot costs nothing per partition. Lookups walk the layers; layers of similar sizes are
 * merged as they pile up, which keeps their number logarithmic and the merging work amortized per entry.
 */
export class PartitionIndex {
  private own = new Map<bigint, Entry>();

  constructor(private base: IndexLayer | null = null) {}

  /** The partition of the key; a removed one (purged empty) stands for none and hides those below it. */
  get(token: bigint, key: Buffer): MemtablePartition | undefined {
    const found = findIn(this.own.get(token), key);
    if (found !== undefined) return found.removed ? undefined : found;
    if (this.base === null) return undefined;
    for (let layer: IndexLayer | null = this.base; layer !== null; layer = layer.below) {
      const shadowed = findIn(layer.map.get(token), key);
      if (shadowed !== undefined) return shadowed.removed ? undefined : shadowed;
    }
    return undefined;
  }

  /**
   * Adds a partition whose key is new to the top map, a copy of one frozen below, or the successor of a
   * removed one (which it replaces).
   */
  add(partition: MemtablePartition): void {
    const existing = this.own.get(partition.token);
    if (existing === undefined) this.own.set(partition.token, partition);
    else this.own.set(partition.token, withPartition(existing, partition));
  }

  /**
   * Takes a partition out (it is marked removed). A frozen layer below may still hold its key: the
   * removed partition then stays in the top map to hide it.
   */
  remove(partition: MemtablePartition): void {
    if (this.base !== null) {
      this.add(partition);
      return;
    }
    const existing = this.own.get(partition.token);
    if (existing === undefined) return;
    const key = partition.key;
    const kept = [existing].flat().filter((p) => !p.hasKey(key));
    if (kept.length === 0) this.own.delete(partition.token);
    else this.own.set(partition.token, kept.length === 1 ? kept[0]! : kept);
  }

  /** Makes everything added so far a frozen layer and returns the stack, which stays valid for good. */
  freeze(): IndexLayer | null {
    if (this.own.size === 0) return this.base;
    let top: IndexLayer = { map: this.own, below: this.base };
    while (top.below !== null && top.below.map.size <= 2 * top.map.size) top = { map: merged(top.map, top.below.map), below: top.below.below };
    this.own = new Map();
    this.base = top;
    return top;
  }
}

/** The entry with `partition` in place of any of the same key. */
function withPartition(entry: Entry, partition: MemtablePartition): Entry {
  if (!Array.isArray(entry)) return entry.hasKey(partition.key) ? partition : [entry, partition];
  const key = partition.key;
  const i = entry.findIndex((p) => p.hasKey(key));
  if (i >= 0) entry[i] = partition;
  else entry.push(partition);
  return entry;
}

function findIn(entry: Entry | undefined, key: Buffer): MemtablePartition | undefined {
  if (entry === undefined) return undefined;
  if (!Array.isArray(entry)) return entry.hasKey(key) ? entry : undefined;
  for (const p of entry) if (p.hasKey(key)) return p;
  return undefined;
}

/** One map of two layers: the upper one's partitions win over those of the same key below. */
function merged(upper: ReadonlyMap<bigint, Entry>, lower: ReadonlyMap<bigint, Entry>): Map<bigint, Entry> {
  const out = new Map(lower);
  for (const [token, entry] of upper) {
    const below = out.get(token);
    out.set(token, below === undefined ? entry : union(entry, below));
  }
  return out;
}

function union(upper: Entry, lower: Entry): Entry {
  const kept = [upper].flat();
  for (const p of [lower].flat()) if (findIn(kept, p.key) === undefined) kept.push(p);
  return kept.length === 1 ? kept[0]! : kept;
}
