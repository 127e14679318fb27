import { contactedReplicas, type RequestContext } from '../../common/index.js';
import { ConsistencyLevel, ReadFailureError } from '../../errors/index.js';
import {
  partitionsDigest, type PartitionRangeReadCommand, type ReadCommand, type SinglePartitionReadCommand, type UnfilteredPartition,
} from '../../data/index.js';
import { ReplicaFailure, serveRead } from '../node/replica-operations.js';
import { onStage } from '../tracing/traced-request.js';
import type { CoordinatorNode } from './coordinator-node.js';
import type { Placement } from './placement.js';
import { failureOf, ReadCallback, type ReplicaAnswer } from './read-callback.js';
import { firstUncontacted, readPlan, repairPlan, type ReadPlan } from './read-plan.js';
import { repairPartitions } from './read-repair.js';
import { shortReadFetcher } from './short-read-fetcher.js';
import { mergeWithShortReadProtection } from './short-read-protection.js';

/**
 * Reads one partition as its coordinator (StorageProxy.fetchRows with the read executor the table's
 * speculative_retry picks): the closest replicas the level needs are asked, the first for data and the
 * others for digests; if they have not all answered once the table's sampled read latency has passed
 * since the read began, one more replica is asked (SpeculatingReadExecutor), or it is asked from the
 * start with ALWAYS. No speculation with NEVER, at EACH_QUORUM, or with no replica left to ask. The
 * coordinator's own replica is read in place, after the messages to the others are sent.
 */
export async function readPartition(
  node: CoordinatorNode, command: SinglePartitionReadCommand, placement: Placement, cl: ConsistencyLevel, request: RequestContext,
): Promise<UnfilteredPartition[]> {
  const startMs = node.clock.nowMs();
  const timeoutMs = node.cluster.config.readRequestTimeoutMs;
  const speculation = node.tableMetrics.of(command.table).speculation;
  const policy = speculation.policy(command.table.options.speculativeRetry).kind;
  const never = policy === 'NEVER' || cl === ConsistencyLevel.EACH_QUORUM;
  const plan = readPlan(node, placement, cl, !never && policy === 'ALWAYS');
  contactedReplicas(request, plan.contacts);
  // The coordinator's own replica answers at once, or fails at once: nothing to wait for or speculate on.
  if (plan.contacts.length === 1 && plan.contacts[0]!.id === node.identity.id) return readLocally(node, command, plan, request);
  const speculating = !never && plan.contacts.length < plan.candidates.length;
  const deadlineMs = startMs + timeoutMs;
  const callback = new ReadCallback(node, command, plan, request, deadlineMs);
  // A second data request when more replicas are asked than needed: better to lose a digest than the data.
  callback.sendInitial(speculating && plan.contacts.length > plan.blockFor ? 2 : 1);
  if (speculating && policy !== 'ALWAYS') {
    const thresholdMs = speculation.sampleReadLatencyMs;
    if (thresholdMs <= timeoutMs && !(await callback.awaitUntil(startMs + thresholdMs))) {
      const extra = firstUncontacted(plan);
      if (extra !== undefined) callback.speculate(extra);
    }
  }
  const answers = await callback.awaitResults();
  return resolve(node, command, answers, plan, { fetchMs: deadlineMs, repairMs: deadlineMs }, request);
}

/**
 * Reads a piece of a range from the replicas the level needs, each asked for data, without speculation
 * (Cassandra's range reads do not speculate), merged with short-read protection and repaired.
 */
export async function readRangePiece(
  node: CoordinatorNode, command: PartitionRangeReadCommand, placement: Placement, cl: ConsistencyLevel, request: RequestContext,
  startMs: number,
): Promise<UnfilteredPartition[]> {
  const plan = readPlan(node, placement, cl, false);
  contactedReplicas(request, plan.contacts);
  if (plan.contacts.length === 1 && plan.contacts[0]!.id === node.identity.id) return readLocally(node, command, plan, request);
  const config = node.cluster.config;
  const deadlineMs = startMs + config.rangeRequestTimeoutMs;
  const callback = new ReadCallback(node, command, plan, request, deadlineMs);
  callback.sendInitial(plan.contacts.length);
  const answers = await callback.awaitResults();
  return resolve(node, command, answers, plan, { fetchMs: deadlineMs, repairMs: startMs + config.readRequestTimeoutMs }, request);
}

/** A read the coordinator's own replica answers alone: no message, nothing to compare. */
function readLocally(node: CoordinatorNode, command: ReadCommand, plan: ReadPlan, request: RequestContext): UnfilteredPartition[] {
  try {
    return serveRead(node, command, onStage(request.trace, 'ReadStage'), request);
  } catch (e) {
    if (e instanceof ReplicaFailure) throw new ReadFailureError(plan.cl, 0, plan.blockFor, [failureOf(node, plan.contacts[0]!, e)], false);
    throw e;
  }
}

/** When a read's further requests must be answered: short-read fetches (the read's timeout) and repairs (read_request_timeout). */
interface Deadlines {
  readonly fetchMs: number;
  readonly repairMs: number;
}

/**
 * The answer of a read: one answer, or several that agree, as they are; on a mismatch, the answers
 * merged by timestamp with short-read protection (DataResolver) and the stale replicas repaired before
 * answering (blocking read repair, as Cassandra 4 does).
 */
async function resolve(
  node: CoordinatorNode, command: ReadCommand, answers: readonly ReplicaAnswer[], plan: ReadPlan, deadlines: Deadlines, request: RequestContext,
): Promise<UnfilteredPartition[]> {
  if (answers.length === 1) return answers[0]!.partitions;
  const digests = answers.map((a) => partitionsDigest(a.partitions));
  if (digests.every((d) => d === digests[0])) return answers[0]!.partitions;
  const trace = request.trace;
  if (command.kind === 'single') trace?.trace(`Digest mismatch: Mismatch for key DecoratedKey(${command.token}, ${command.key.toString('hex')})`);
  const merged = await mergeWithShortReadProtection(command, answers, shortReadFetcher(node, command, deadlines.fetchMs, request));
  await repairPartitions(node, merged, answers, repairPlan(node, plan), deadlines.repairMs, trace);
  return merged;
}
