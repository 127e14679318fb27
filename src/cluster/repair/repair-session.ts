import type { ClusterConfig } from '../../config/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { replicatedKeyspaces } from '../topology/range-movement.js';
import { formatRange, joinAdjacent, type TokenRange } from '../topology/token-range.js';
import type { MemberNode, RingView } from '../topology/topology-cluster.js';
import { differingLeaves, leafRange, type MerkleTree } from './merkle-tree.js';
import type { RepairMessage } from './repair-handler.js';

/** A replica as repair sees it: whether it runs, and the network its coordinator asks the others through. */
type RepairNode = Pick<MemberNode, 'identity' | 'status' | 'cluster'>;

/** What repair needs of the cluster (ActiveRepairService's view): the ring, its members, the range timeout. */
export interface RepairCluster extends RingView {
  readonly config: ClusterConfig;
  ringMembers(): readonly RepairNode[];
  node(id: number): RepairNode;
}

/** Leaves per range are 2^depth; Cassandra sizes its trees by partition count, up to depth 20. */
export const DEFAULT_MERKLE_DEPTH = 5;

export interface RepairOptions {
  readonly depth?: number;
}

/** A range of a table that could not be repaired, and why (Cassandra fails that repair session). */
export interface RepairFailure {
  readonly keyspace: string;
  readonly table: string;
  readonly range: TokenRange;
  readonly reason: string;
}

export interface RepairResult {
  readonly keyspaces: readonly string[];
  /** (table, range) pairs whose replicas were compared. */
  readonly rangesCompared: number;
  /** Leaves found to differ, counted once per pair of replicas. */
  readonly mismatchedLeaves: number;
  /** Partitions received by replicas that were behind. */
  readonly partitionsStreamed: number;
  readonly failures: readonly RepairFailure[];
}

interface Tally {
  rangesCompared: number;
  mismatchedLeaves: number;
  partitionsStreamed: number;
  readonly failures: RepairFailure[];
}

/**
 * Full repair (nodetool repair --full) of one keyspace or of every replicated one: for each table and
 * each range of the ring, the range's primary replica coordinates — it asks every replica for a Merkle
 * tree, compares them pairwise, and has each replica of a differing pair fetch the differing sub-ranges
 * from the other. Storage merges what arrives by timestamp, tombstones included, so the replicas
 * converge. A range with a replica down is not repaired and is reported.
 */
export async function repair(cluster: RepairCluster, keyspace: string | undefined, options: RepairOptions): Promise<RepairResult> {
  const all = replicatedKeyspaces(cluster).map((ks) => ks.name);
  if (keyspace !== undefined && !all.includes(keyspace)) {
    const exists = cluster.schema.keyspace(keyspace) !== undefined;
    throw new Error(exists ? `Keyspace ${keyspace} is not replicated (local or virtual): nothing to repair` : `Keyspace [${keyspace}] does not exist.`);
  }
  const keyspaces = keyspace === undefined ? all : [keyspace];
  const tally: Tally = { rangesCompared: 0, mismatchedLeaves: 0, partitionsStreamed: 0, failures: [] };
  const depth = options.depth ?? DEFAULT_MERKLE_DEPTH;
  const anyMember = cluster.ringMembers()[0]!;
  for (const name of keyspaces) {
    for (const table of cluster.schema.keyspace(name)?.tables.values() ?? []) {
      for (const range of cluster.tokenRing().ranges()) {
        const replicas = cluster.placement(name, range.end, anyMember).replicas;
        if (replicas.length > 1) await repairRange(cluster, table, range, replicas, depth, tally);
      }
    }
  }
  return { keyspaces, ...tally };
}

async function repairRange(
  cluster: RepairCluster, table: TableMetadata, range: TokenRange, replicas: readonly RingEndpoint[], depth: number, tally: Tally,
): Promise<void> {
  const fail = (reason: string): void => {
    tally.failures.push({ keyspace: table.keyspace, table: table.name, range, reason });
  };
  const dead = replicas.find((r) => cluster.node(r.id).status !== 'up');
  if (dead !== undefined) {
    fail(`Endpoint not alive: ${cluster.endpointName(dead)}`);
    return;
  }
  const coordinator = cluster.node(replicas[0]!.id);
  const timeoutMs = cluster.config.rangeRequestTimeoutMs;
  let trees: MerkleTree[];
  try {
    trees = await Promise.all(replicas.map((r) => ask<MerkleTree>(coordinator, r.id, { kind: 'validate', table, range, depth }, timeoutMs)));
  } catch (e) {
    fail(`Validation of ${formatRange(range)} failed: ${(e as Error).message}`);
    return;
  }
  tally.rangesCompared++;
  const syncs: Promise<number>[] = [];
  for (let i = 0; i < replicas.length; i++) {
    for (let j = i + 1; j < replicas.length; j++) {
      const leaves = differingLeaves(trees[i]!, trees[j]!);
      if (leaves.length === 0) continue;
      tally.mismatchedLeaves += leaves.length;
      const ranges = joinAdjacent(leaves.map((leaf) => leafRange(trees[i]!, leaf)));
      const a = replicas[i]!.id;
      const b = replicas[j]!.id;
      syncs.push(
        ask<number>(coordinator, a, { kind: 'sync', table, ranges, peer: b, timeoutMs }, 2 * timeoutMs),
        ask<number>(coordinator, b, { kind: 'sync', table, ranges, peer: a, timeoutMs }, 2 * timeoutMs),
      );
    }
  }
  for (const outcome of await Promise.allSettled(syncs)) {
    if (outcome.status === 'fulfilled') tally.partitionsStreamed += outcome.value;
    else fail(`Sync of ${formatRange(range)} failed: ${(outcome.reason as Error).message}`);
  }
}

function ask<R>(coordinator: RepairNode, to: number, message: RepairMessage, timeoutMs: number): Promise<R> {
  return coordinator.cluster.network.request<R>(coordinator.identity.id, to, 'REPAIR', message, timeoutMs);
}
