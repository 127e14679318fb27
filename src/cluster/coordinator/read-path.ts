import { ConsistencyLevel, ReadTimeoutError } from '../../errors/index.js';
import {
  mergePartitions, partitionsDigest, type ReadCommand, type UnfilteredPartition,
} from '../../data/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { Node } from '../node/node.js';
import { assureSufficientLiveReplicas, blockFor, countsTowards } from './consistency.js';
import type { Placement } from './placement.js';

/**
 * The replicas a read contacts: enough live ones to meet the level, the coordinator itself first, then
 * its own data center (Cassandra sorts by proximity with its snitch).
 */
export function replicasToContact(node: Node, placement: Placement, cl: ConsistencyLevel): RingEndpoint[] {
  const localDc = node.identity.dataCenter;
  const alive = placement.replicas.filter((r) => node.isAlive(r.id));
  assureSufficientLiveReplicas(cl, alive, placement.factors, localDc);
  const required = blockFor(cl, placement.factors, localDc);
  const rank = (r: RingEndpoint): number => (r.id === node.identity.id ? 0 : r.dataCenter === localDc ? 1 : 2);
  const sorted = [...alive].sort((a, b) => rank(a) - rank(b) || a.id - b.id);
  if (cl === ConsistencyLevel.EACH_QUORUM) {
    const picked: RingEndpoint[] = [];
    for (const [dc, rf] of placement.factors) {
      picked.push(...sorted.filter((r) => r.dataCenter === dc).slice(0, Math.floor(rf / 2) + 1));
    }
    return picked;
  }
  return sorted.filter((r) => countsTowards(cl, r, localDc)).slice(0, required);
}

interface ReplicaResponse {
  readonly replica: RingEndpoint;
  readonly partitions: readonly UnfilteredPartition[];
}

/**
 * Reads from the chosen replicas (Cassandra asks one for data and the others for digests; here every
 * answer carries data and its digest is compared), waits for all of them or times out, and on a
 * digest mismatch merges by timestamp and repairs the stale replicas before answering (blocking read
 * repair, as Cassandra 4 does).
 */
export async function readFromReplicas(
  node: Node, command: ReadCommand, contacted: readonly RingEndpoint[], cl: ConsistencyLevel,
): Promise<UnfilteredPartition[]> {
  const timeoutMs = command.kind === 'single' ? node.cluster.config.readRequestTimeoutMs : node.cluster.config.rangeRequestTimeoutMs;
  // A read served by the coordinator's own replica alone needs no message.
  if (contacted.length === 1 && contacted[0]!.id === node.identity.id) return node.readLocally(command);
  const settled = await Promise.allSettled(contacted.map((replica) =>
    node.cluster.network.request<UnfilteredPartition[]>(node.identity.id, replica.id, 'READ', command, timeoutMs)
      .then((partitions): ReplicaResponse => ({ replica, partitions }))));
  const responses = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  if (responses.length < contacted.length) {
    const dataPresent = settled[0]?.status === 'fulfilled';
    throw new ReadTimeoutError(cl, responses.length, contacted.length, dataPresent);
  }
  // One answer has nothing to be compared with (consistency ONE, or a single replica).
  if (responses.length === 1) return [...responses[0]!.partitions];
  const digests = responses.map((r) => partitionsDigest(r.partitions));
  if (digests.every((d) => d === digests[0])) return [...responses[0]!.partitions];
  const merged = mergeResponses(responses);
  await repair(node, responses, merged, cl);
  return merged;
}

/** Merges replica answers partition by partition, keeping the order of keys (ring order for ranges). */
function mergeResponses(responses: readonly ReplicaResponse[]): UnfilteredPartition[] {
  const byKey = new Map<string, UnfilteredPartition[]>();
  for (const r of responses) {
    for (const p of r.partitions) {
      const id = p.key.toString('latin1');
      const list = byKey.get(id);
      if (list === undefined) byKey.set(id, [p]);
      else list.push(p);
    }
  }
  const merged = [...byKey.values()].map((versions) => mergePartitions(versions));
  return merged.sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : Buffer.compare(a.key, b.key)));
}

/** Sends each stale replica what it lacks (the merged partitions) and waits for the repairs to be applied. */
async function repair(node: Node, responses: readonly ReplicaResponse[], merged: readonly UnfilteredPartition[], cl: ConsistencyLevel): Promise<void> {
  const mergedDigests = new Map(merged.map((p) => [p.key.toString('latin1'), partitionsDigest([p])]));
  const timeoutMs = node.cluster.config.writeRequestTimeoutMs;
  const repairs: Promise<unknown>[] = [];
  for (const r of responses) {
    const own = new Map(r.partitions.map((p) => [p.key.toString('latin1'), partitionsDigest([p])]));
    for (const p of merged) {
      const id = p.key.toString('latin1');
      if (own.get(id) === mergedDigests.get(id)) continue;
      const rows = p.reversed ? [...p.rows].reverse() : p.rows;
      const update = { table: p.table, key: p.key, token: p.token, partitionDeletion: p.partitionDeletion, rangeTombstones: p.rangeTombstones, staticRow: p.staticRow, rows };
      const mutation = { keyspace: p.table.keyspace, key: p.key, token: p.token, updates: [update] };
      node.stats.readRepairs++;
      repairs.push(node.cluster.network.request(node.identity.id, r.replica.id, 'MUTATION', mutation, timeoutMs));
    }
  }
  const results = await Promise.allSettled(repairs);
  if (results.some((r) => r.status === 'rejected')) {
    throw new ReadTimeoutError(cl, responses.length, responses.length, true);
  }
}
