import { invariant } from '../common/index.js';

/**
 * What a replica stores for a counter (Cassandra's CounterContext, global shards only): one shard per
 * replica that led updates of it, holding that leader's id, a clock the leader raises on each update and
 * the leader's running count. The counter's value is the sum of the counts. Two versions merge shard by
 * shard, the higher clock winning, so increments led by different replicas add up whatever order, and
 * however late, each replica sees them in; a leader only ever reads and raises its own shard.
 */
export interface CounterShard {
  /** The leading replica's host id (16 bytes). */
  readonly id: Buffer;
  readonly clock: bigint;
  readonly count: bigint;
}

const ID_BYTES = 16;
const SHARD_BYTES = ID_BYTES + 16;
/** A counter value as 8 bytes (before shards were kept): one shard with no leader and no clock. */
const LEGACY_BYTES = 8;
const NO_LEADER = Buffer.alloc(ID_BYTES);

/** The shards of a stored counter value, ordered by leader id. */
export function counterShards(context: Buffer): CounterShard[] {
  if (context.length === LEGACY_BYTES) return [{ id: NO_LEADER, clock: 0n, count: context.readBigInt64BE(0) }];
  invariant(context.length % SHARD_BYTES === 0, `a counter context is made of ${SHARD_BYTES}-byte shards`);
  const shards: CounterShard[] = [];
  for (let at = 0; at < context.length; at += SHARD_BYTES) {
    shards.push({
      id: context.subarray(at, at + ID_BYTES),
      clock: context.readBigInt64BE(at + ID_BYTES),
      count: context.readBigInt64BE(at + ID_BYTES + 8),
    });
  }
  return shards;
}

/** The stored value of these shards (given in leader id order). */
export function counterContext(shards: readonly CounterShard[]): Buffer {
  const out = Buffer.allocUnsafe(shards.length * SHARD_BYTES);
  shards.forEach((shard, i) => {
    const at = i * SHARD_BYTES;
    invariant(shard.id.length === ID_BYTES, 'a counter leader id is a 16-byte host id');
    invariant(i === 0 || Buffer.compare(shards[i - 1]!.id, shard.id) < 0, 'counter shards are ordered by leader id');
    shard.id.copy(out, at);
    out.writeBigInt64BE(shard.clock, at + ID_BYTES);
    out.writeBigInt64BE(BigInt.asIntN(64, shard.count), at + ID_BYTES + 8);
  });
  return out;
}

/** The counter's value: the sum of its shards' counts, as the 8 bytes a client reads. */
export function counterTotal(context: Buffer): Buffer {
  let total = 0n;
  for (const shard of counterShards(context)) total += shard.count;
  const out = Buffer.allocUnsafe(LEGACY_BYTES);
  out.writeBigInt64BE(BigInt.asIntN(64, total));
  return out;
}

/** The clock and count of one leader's shard; zero for a leader that never updated the counter. */
export function leaderShard(context: Buffer | null, id: Buffer): { clock: bigint; count: bigint } {
  const shard = context === null ? undefined : counterShards(context).find((s) => s.id.equals(id));
  return shard === undefined ? { clock: 0n, count: 0n } : { clock: shard.clock, count: shard.count };
}

/**
 * Two versions merged (CounterContext.merge): of two shards of one leader the higher clock wins, and on
 * equal clocks the greater count (they should not differ). Returns `a` or `b` itself when it already is
 * the merge.
 */
export function mergeCounterContexts(a: Buffer, b: Buffer): Buffer {
  if (a.equals(b)) return a;
  const left = counterShards(a);
  const right = counterShards(b);
  const merged: CounterShard[] = [];
  let fromLeft = true;
  let fromRight = true;
  let i = 0;
  let j = 0;
  while (i < left.length || j < right.length) {
    const order = i === left.length ? 1 : j === right.length ? -1 : Buffer.compare(left[i]!.id, right[j]!.id);
    if (order !== 0) {
      merged.push(order < 0 ? left[i++]! : right[j++]!);
      if (order < 0) fromRight = false;
      else fromLeft = false;
      continue;
    }
    const l = left[i++]!;
    const r = right[j++]!;
    const leftWins = l.clock !== r.clock ? l.clock > r.clock : l.count >= r.count;
    merged.push(leftWins ? l : r);
    if (leftWins && (l.clock !== r.clock || l.count !== r.count)) fromRight = false;
    if (!leftWins) fromLeft = false;
  }
  if (fromLeft) return a;
  if (fromRight) return b;
  return counterContext(merged);
}
