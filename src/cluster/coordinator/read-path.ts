import type { RequestContext, TraceState } from '../../common/index.js';
import { ConsistencyLevel, ReadFailureError, ReadTimeoutError, type FailureReason } from '../../errors/index.js';
import {
  mergePartitions, partitionsDigest, type ReadCommand, type UnfilteredPartition,
} from '../../data/index.js';
import { parseInet } from '../../types/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { Node } from '../node/node.js';
import { ReplicaFailure, serveRead } from '../node/replica-operations.js';
import { onStage, replicaName, tracedRequest } from '../tracing/traced-request.js';
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
 * repair, as Cassandra 4 does). The coordinator's own replica is read in place, after the messages to
 * the others are sent (AbstractReadExecutor.makeRequests). A replica that fails the read (too many
 * tombstones) fails it with ReadFailure.
 */
export async function readFromReplicas(
  node: Node, command: ReadCommand, contacted: readonly RingEndpoint[], cl: ConsistencyLevel, request: RequestContext,
): Promise<UnfilteredPartition[]> {
  const trace = request.trace;
  // A read served by the coordinator's own replica alone needs no message.
  if (contacted.length === 1 && contacted[0]!.id === node.identity.id) {
    try {
      return serveRead(node, command, onStage(trace, 'ReadStage'), request);
    } catch (e) {
      if (e instanceof ReplicaFailure) throw new ReadFailureError(cl, 0, 1, [failureOf(node, contacted[0]!, e)], false);
      throw e;
    }
  }
  const settled = await Promise.allSettled(requestReplicas(node, command, contacted, request));
  const responses = settled.flatMap((s) => (s.status === 'fulfilled' ? [s.value] : []));
  const dataPresent = settled[0]?.status === 'fulfilled';
  const failures = settled.flatMap((s, i) => (s.status === 'rejected' && s.reason instanceof ReplicaFailure ? [failureOf(node, contacted[i]!, s.reason)] : []));
  if (failures.length > 0) throw new ReadFailureError(cl, responses.length, contacted.length, failures, dataPresent);
  if (responses.length < contacted.length) throw new ReadTimeoutError(cl, responses.length, contacted.length, dataPresent);
  // One answer has nothing to be compared with (consistency ONE, or a single replica).
  if (responses.length === 1) return [...responses[0]!.partitions];
  const digests = responses.map((r) => partitionsDigest(r.partitions));
  if (digests.every((d) => d === digests[0])) return [...responses[0]!.partitions];
  if (command.kind === 'single') trace?.trace(`Digest mismatch: Mismatch for key DecoratedKey(${command.token}, ${command.key.toString('hex')})`);
  const merged = mergeResponses(responses);
  await repair(node, responses, merged, cl, trace);
  return merged;
}

/** One answer per contacted replica, in their order: messages to the others first, then the local read. */
function requestReplicas(
  node: Node, command: ReadCommand, contacted: readonly RingEndpoint[], request: RequestContext,
): Promise<ReplicaResponse>[] {
  const trace = request.trace;
  const timeoutMs = command.kind === 'single' ? node.cluster.config.readRequestTimeoutMs : node.cluster.config.rangeRequestTimeoutMs;
  const answers: Promise<ReplicaResponse>[] = new Array(contacted.length);
  let local = -1;
  contacted.forEach((replica, i) => {
    if (replica.id === node.identity.id) {
      local = i;
      return;
    }
    if (trace !== null) traceContact(node, command, replica, i, trace);
    answers[i] = tracedRequest<UnfilteredPartition[]>(node, replica.id, 'READ', command, timeoutMs, trace)
      .then((partitions): ReplicaResponse => ({ replica, partitions }));
  });
  if (local >= 0) {
    const replica = contacted[local]!;
    answers[local] = new Promise((resolve) => resolve({ replica, partitions: serveRead(node, command, onStage(trace, 'ReadStage'), request) }));
  }
  return answers;
}

/** "reading data from …" for the first replica, digests from the others; a range read asks each for its range. */
function traceContact(node: Node, command: ReadCommand, replica: RingEndpoint, index: number, trace: TraceState): void {
  if (command.kind === 'range') {
    const token = command.bounds.end?.token ?? command.bounds.start?.token ?? 0n;
    trace.trace(`Enqueuing request to ${replicaName(node, replica, token)}`);
  } else {
    trace.trace(`reading ${index === 0 ? 'data' : 'digest'} from ${node.cluster.endpointName(replica)}`);
  }
}

function failureOf(node: Node, replica: RingEndpoint, failure: ReplicaFailure): FailureReason {
  return { address: parseInet(replica.address) ?? Buffer.alloc(4), code: failure.reason, endpoint: node.cluster.endpointName(replica) };
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
async function repair(
  node: Node, responses: readonly ReplicaResponse[], merged: readonly UnfilteredPartition[], cl: ConsistencyLevel, trace: TraceState | null,
): Promise<void> {
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
      trace?.trace(`Sending read-repair-mutation to ${replicaName(node, r.replica, p.token)}`);
      repairs.push(tracedRequest(node, r.replica.id, 'READ_REPAIR', mutation, timeoutMs, trace));
    }
  }
  const results = await Promise.allSettled(repairs);
  if (results.some((r) => r.status === 'rejected')) {
    throw new ReadTimeoutError(cl, responses.length, responses.length, true);
  }
}
