import { partitionKeyString, updateAllTimestamp, type Mutation, type PartitionUpdate } from '../../data/index.js';
import { uuidToString } from '../../types/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { Ballot } from './ballot.js';

/**
 * A ballot with the update of one partition it carries (Cassandra's paxos Commit): what a prepare asks
 * about (empty update), what a proposal offers, and what a commit makes durable.
 */
export interface Commit {
  readonly ballot: Ballot;
  readonly update: PartitionUpdate;
}

/**
 * A proposal of `update` under `ballot` (Commit.newProposal): written at the ballot's time, tombstones a
 * microsecond earlier. An unfinished proposal completed under a newer ballot is made anew this way.
 */
export function newProposal(ballot: Ballot, update: PartitionUpdate): Commit {
  return { ballot, update: updateAllTimestamp(update, ballot.micros) };
}

/** An update that changes nothing: proposed by serial reads and by CAS whose conditions do not hold. */
export function emptyUpdate(table: TableMetadata, key: Buffer, token: bigint): PartitionUpdate {
  return { table, key, token, partitionDeletion: null, rangeTombstones: [], staticRow: null, rows: [] };
}

export function isEmptyUpdate(update: PartitionUpdate): boolean {
  return update.partitionDeletion === null && update.rangeTombstones.length === 0 && update.staticRow === null
    && update.rows.length === 0;
}

/** The mutation a commit applies to the table (Commit.makeMutation). */
export function mutationOf(update: PartitionUpdate): Mutation {
  return { keyspace: update.table.keyspace, key: update.key, token: update.token, updates: [update] };
}

/** Identifies the Paxos state of one partition of one table. */
export function partitionId(update: PartitionUpdate): string {
  return `${update.table.id.toString('hex')}/${update.key.toString('hex')}`;
}

/** How traces name a commit: Commit(ballot, [ks.table] key=…). */
export function describeCommit(commit: Commit): string {
  const { table, key } = commit.update;
  return `Commit(${uuidToString(commit.ballot.uuid)}, [${table.keyspace}.${table.name}] key=${partitionKeyString(table, key)})`;
}
