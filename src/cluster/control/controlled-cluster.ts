import type { Clock } from '../../common/index.js';
import type { Schema, SchemaChange } from '../../schema/index.js';
import type { StorageEngine } from '../../storage/index.js';
import type { BatchlogManager } from '../coordinator/batchlog-manager.js';
import type { HintStore } from '../hints/hint-store.js';
import type { SimulatedNetwork } from '../network/index.js';
import type { NodeStatus } from '../node/node-identity.js';
import type { TruncationRecords } from '../node/truncation-records.js';
import type { PaxosState } from '../paxos/paxos-state.js';
import type { ResetHooks } from './reset-hooks.js';

/** What reset, truncateAll and snapshots need of a node: the stores a test's data lives in, and its lifecycle. */
export interface ControlledNode {
  readonly identity: { readonly id: number };
  readonly status: NodeStatus;
  readonly storage: StorageEngine;
  readonly hints: HintStore;
  readonly batchlog: BatchlogManager;
  readonly paxos: PaxosState;
  readonly truncations: TruncationRecords;
  readonly gossiper: { gossipNow(): void };
  isAlive(nodeId: number): boolean;
  start(): Promise<void>;
  stop(): Promise<void>;
  pause(): Promise<void>;
  resume(): Promise<void>;
  setTraceProbability(probability: number): void;
}

/** What they need of the cluster (Cluster has it all): its nodes, schema, network and clock. */
export interface ControlledCluster {
  readonly nodes: readonly ControlledNode[];
  readonly schema: Schema;
  readonly network: Pick<SimulatedNetwork, 'discardInFlight' | 'faults' | 'restoreFaults' | 'canReach'>;
  readonly clock: Clock;
  readonly config: { readonly traceProbability: number };
  readonly resetHooks: ResetHooks;
  /** The activity log and the primes: test state of the cluster's own that a reset clears. */
  readonly activity: { clear(): void };
  readonly primes: { clear(): void };
  /** Installs a schema on every node in one step, telling clients of each change. */
  installSchema(schema: Schema, changes: readonly SchemaChange[]): void;
  /** Runs `run` unless a topology change is in progress, and keeps one from starting meanwhile. */
  exclusively<T>(operation: string, run: () => Promise<T>): Promise<T>;
}
