import { deserializeMutation, serializeMutation, type TableLookup } from '../../storage/index.js';
import type { Ballot } from './ballot.js';
import { mutationOf, type Commit } from './commit.js';
import type { PartitionPaxos } from './paxos-state.js';

/**
 * One record of the Paxos file (see PaxosFile): the whole state of one partition after a change, as a row
 * of system.paxos holds it.
 *   table id (16) ‖ key length u32 ‖ key ‖ flags u8 (1 promised, 2 accepted, 4 committed)
 *   ‖ promised: ballot ‖ accepted: ballot ‖ mutation length u32 ‖ mutation ‖ committed: the same
 * where a ballot is its timeuuid (16) ‖ its microseconds i64, and a mutation is serializeMutation's.
 */
const PROMISED = 1;
const ACCEPTED = 2;
const COMMITTED = 4;
const TABLE_ID_BYTES = 16;
const BALLOT_BYTES = 24;

export function paxosRecord(id: string, state: PartitionPaxos): Buffer {
  const slash = id.indexOf('/');
  const key = Buffer.from(id.slice(slash + 1), 'hex');
  const head = Buffer.allocUnsafe(TABLE_ID_BYTES + 4);
  head.write(id.slice(0, slash), 0, 'hex');
  head.writeUInt32BE(key.length, TABLE_ID_BYTES);
  const flags = (state.promised === null ? 0 : PROMISED) | (state.accepted === null ? 0 : ACCEPTED) | (state.committed === null ? 0 : COMMITTED);
  const parts: Buffer[] = [head, key, Buffer.of(flags)];
  if (state.promised !== null) parts.push(ballotBytes(state.promised));
  for (const commit of [state.accepted, state.committed]) if (commit !== null) parts.push(...commitBytes(commit));
  return Buffer.concat(parts);
}

function ballotBytes(ballot: Ballot): Buffer {
  const bytes = Buffer.allocUnsafe(BALLOT_BYTES);
  ballot.uuid.copy(bytes, 0);
  bytes.writeBigInt64BE(ballot.micros, 16);
  return bytes;
}

function commitBytes(commit: Commit): Buffer[] {
  const mutation = serializeMutation(mutationOf(commit.update));
  const length = Buffer.allocUnsafe(4);
  length.writeUInt32BE(mutation.length, 0);
  return [ballotBytes(commit.ballot), length, mutation];
}

/** A record read back: its partition id and state; null when its table was dropped since. */
export function decodePaxosRecord(record: Buffer, table: TableLookup): { id: string; state: PartitionPaxos } | null {
  const tableId = record.subarray(0, TABLE_ID_BYTES);
  if (table(tableId) === undefined) return null;
  const keyLength = record.readUInt32BE(TABLE_ID_BYTES);
  let offset = TABLE_ID_BYTES + 4;
  const key = record.subarray(offset, offset + keyLength);
  offset += keyLength;
  const flags = record.readUInt8(offset++);
  let promised: Ballot | null = null;
  if ((flags & PROMISED) !== 0) {
    promised = readBallot(record, offset);
    offset += BALLOT_BYTES;
  }
  const commits: (Commit | null)[] = [];
  for (const flag of [ACCEPTED, COMMITTED]) {
    if ((flags & flag) === 0) {
      commits.push(null);
      continue;
    }
    const ballot = readBallot(record, offset);
    const length = record.readUInt32BE(offset + BALLOT_BYTES);
    offset += BALLOT_BYTES + 4;
    const update = deserializeMutation(record.subarray(offset, offset + length), table, { skipUnknownTables: true }).updates[0];
    offset += length;
    if (update === undefined) return null;
    commits.push({ ballot, update });
  }
  if (offset !== record.length) throw new RangeError(`Paxos record of ${record.length} bytes read as ${offset}`);
  return { id: `${tableId.toString('hex')}/${key.toString('hex')}`, state: { promised, accepted: commits[0]!, committed: commits[1]! } };
}

function readBallot(record: Buffer, offset: number): Ballot {
  return { uuid: Buffer.from(record.subarray(offset, offset + 16)), micros: record.readBigInt64BE(offset + 16) };
}
