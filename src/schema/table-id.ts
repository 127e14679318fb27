import { createHash } from 'node:crypto';
import type { SeededRandom } from '../common/seeded-random.js';
import { timeUuidFromMs } from '../types/index.js';

/** A name-based (version 3, MD5) uuid, as Java's UUID.nameUUIDFromBytes makes it. */
export function nameUuid(bytes: Buffer): Buffer {
  const digest = createHash('md5').update(bytes).digest();
  digest[6] = (digest[6]! & 0x0f) | 0x30;
  digest[8] = (digest[8]! & 0x3f) | 0x80;
  return digest;
}

/** The fixed id of a built-in table: Cassandra's TableId.forSystemTable, a name uuid of keyspace ‖ table. */
export function systemTableId(keyspace: string, table: string): Buffer {
  return nameUuid(Buffer.from(keyspace + table, 'utf8'));
}

/** A time-based uuid for a new table (TableId.generate), at the statement's microsecond. */
export function newTableId(nowMicros: bigint, random: SeededRandom): Buffer {
  return timeUuidFromMs(Number(nowMicros / 1000n), random, Number(nowMicros % 1000n) * 10);
}
