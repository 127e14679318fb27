import { comparatorFor, native, timeUuidFromMicros, type RandomBytes } from '../../types/index.js';

/**
 * A Paxos ballot: a timeuuid made from the coordinator's clock in microseconds with a random clock
 * sequence and node, so that two coordinators never make the same one (Cassandra's Ballot, made by
 * UUIDGen.getRandomTimeUUIDFromMicros). Ballots order like timeuuids: by time, then by the random part.
 */
export interface Ballot {
  readonly uuid: Buffer;
  /** The time in the uuid, in microseconds since the epoch; the timestamp of what the ballot commits. */
  readonly micros: bigint;
}

const compareTimeUuids = comparatorFor(native('timeuuid'));

export function newBallot(micros: bigint, random: RandomBytes): Ballot {
  return { uuid: timeUuidFromMicros(micros, random), micros };
}

/** Negative, zero or positive as `a` is older than, the same as, or newer than `b`; null is older than any. */
export function compareBallots(a: Ballot | null, b: Ballot | null): number {
  if (a === null || b === null) return (a === null ? 0 : 1) - (b === null ? 0 : 1);
  return compareTimeUuids(a.uuid, b.uuid);
}

export function isAfter(a: Ballot | null, b: Ballot | null): boolean {
  return compareBallots(a, b) > 0;
}
