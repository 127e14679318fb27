import type { Clock, TraceState } from '../../common/index.js';
import type { ClusterConfig } from '../../config/index.js';
import type { Mutation, ReadCommand, UnfilteredPartition } from '../../data/index.js';
import type { Schema } from '../../schema/index.js';
import type { StorageEngine } from '../../storage/index.js';
import type { Verb } from '../network/verb.js';
import type { NodeIdentity } from './node-identity.js';
import type { TruncationRecords } from './truncation-records.js';

/**
 * What a node does as a replica on receiving a message; its result is the answer. `trace` is this node's
 * state of the tracing session the message carries, if any.
 */
export type VerbHandler = (from: number, payload: unknown, trace: TraceState | null) => unknown;

/**
 * A node as its replica side sees it (what Cassandra's verb handlers reach): the verbs it answers
 * (MessagingService's handlers), its own data (Keyspace / ColumnFamilyStore), its truncation records
 * (SystemKeyspace), the schema and the configuration (DatabaseDescriptor). Node has it all.
 */
export interface ReplicaNode {
  readonly identity: NodeIdentity;
  readonly clock: Clock;
  readonly storage: StorageEngine;
  readonly truncations: TruncationRecords;
  readonly cluster: { readonly config: ClusterConfig };
  schema(): Schema;
  /**
   * Applies a mutation to this node's storage (MutationStage), timed per table. In commit log batch mode, a
   * promise of the fsync covering it, which its acknowledgement waits for (see StorageEngine.apply).
   */
  applyLocally(mutation: Mutation): Promise<void> | undefined;
  /** Reads this node's storage (ReadStage), timed per table. */
  readLocally(command: ReadCommand): UnfilteredPartition[];
  /** Installs what this node does when it receives `verb` (one handler per verb). */
  handle(verb: Verb, handler: VerbHandler): void;
}
