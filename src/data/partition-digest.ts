import { createHash, type Hash } from 'node:crypto';
import type { Cell, DeletionTime, Row } from './partition-update.js';
import type { UnfilteredPartition } from './unfiltered-partition.js';

/**
 * A digest of what replicas returned for a read, tombstones and timestamps included (Cassandra's
 * digest reads): two replicas agree exactly when their digests are equal.
 */
export function partitionsDigest(partitions: readonly UnfilteredPartition[]): string {
  const hash = createHash('md5');
  for (const p of partitions) {
    bytes(hash, p.key);
    deletion(hash, p.partitionDeletion);
    for (const rt of p.rangeTombstones) {
      for (const v of rt.slice.start.prefix) bytes(hash, v);
      hash.update(rt.slice.start.inclusive ? 'i' : 'e');
      for (const v of rt.slice.end.prefix) bytes(hash, v);
      hash.update(rt.slice.end.inclusive ? 'i' : 'e');
      deletion(hash, rt.deletion);
    }
    if (p.staticRow !== null) row(hash, p.staticRow);
    hash.update('|');
    for (const r of p.rows) row(hash, r);
    hash.update('#');
  }
  return hash.digest('hex');
}

function bytes(hash: Hash, b: Buffer): void {
  hash.update(String(b.length));
  hash.update(':');
  hash.update(b);
}

function deletion(hash: Hash, d: DeletionTime | null): void {
  hash.update(d === null ? '-' : `${d.markedForDeleteAt}/${d.localDeletionTime}`);
}

function cell(hash: Hash, c: Cell): void {
  if (c.value === null) hash.update('null');
  else bytes(hash, c.value);
  hash.update(`@${c.timestamp}/${c.ttlSeconds}/${c.localDeletionTime};`);
}

function row(hash: Hash, r: Row): void {
  for (const v of r.clustering) bytes(hash, v);
  hash.update(r.liveness === null ? 'L-' : `L${r.liveness.timestamp}/${r.liveness.ttlSeconds}/${r.liveness.localExpirationTime}`);
  deletion(hash, r.deletion);
  for (const [name, c] of [...r.cells].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(name);
    cell(hash, c);
  }
  for (const [name, complex] of [...(r.complex ?? new Map())].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    hash.update(`${name}{`);
    deletion(hash, complex.deletion);
    for (const pc of complex.cells) {
      bytes(hash, pc.path);
      cell(hash, pc.cell);
    }
    hash.update('}');
  }
  hash.update(';');
}
