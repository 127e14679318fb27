import type { RequestContext } from '../common/index.js';
import type { ConsistencyLevel } from '../errors/index.js';
import {
  validateIndexedValues, verifyBatch, type BatchThresholds, type BatchType, type ExecutionContext, type PreparedModification, type QueryOptions,
  type StatementEnvironment, type UdfLimits,
} from '../cql/index.js';
import type { Mutation, PartitionUpdate } from '../data/index.js';
import type { Node } from '../cluster/index.js';
import { randomUuid, timeUuidFromMs } from '../types/index.js';

const environments = new WeakMap<Node, StatementEnvironment>();

/** What statements executing on `node` read and write through: its coordinator (one per node, not per request). */
export function statementEnvironment(node: Node): StatementEnvironment {
  let env = environments.get(node);
  if (env === undefined) {
    env = {
      partitioner: node.partitioner,
      read: (command, cl, request) => node.read(command, cl, request),
      mutate: (mutations, cl, writeType, request) => node.mutate(mutations, cl, writeType, request),
    };
    environments.set(node, env);
  }
  return env;
}

/** The time and fresh uuids of one execution, for one client request; v5 clients may fix "now" themselves. */
/** The UDF time limits of a node, measured with its clock; made once per node. */
const udfLimitsByNode = new WeakMap<Node, UdfLimits>();

function udfLimitsOf(node: Node): UdfLimits {
  let limits = udfLimitsByNode.get(node);
  if (limits === undefined) {
    const { userDefinedFunctionsWarnTimeoutMs, userDefinedFunctionsFailTimeoutMs } = node.cluster.config;
    const clock = node.clock;
    limits = { warnTimeoutMs: userDefinedFunctionsWarnTimeoutMs, failTimeoutMs: userDefinedFunctionsFailTimeoutMs, nowMs: () => clock.nowMs() };
    udfLimitsByNode.set(node, limits);
  }
  return limits;
}

export function executionContext(node: Node, options: QueryOptions, request: RequestContext): ExecutionContext {
  const clock = node.clock;
  return {
    request,
    nowMicros: clock.nowMicros(),
    nowInSec: options.nowInSeconds ?? clock.nowSeconds(),
    newTimeUuid: () => timeUuidFromMs(clock.nowMs(), node.random),
    newRandomUuid: () => randomUuid(node.random),
    tokenOf: (components) => node.partitioner.decorateKey(components).token,
    udfLimits: udfLimitsOf(node),
  };
}

/**
 * Applies the writes of one statement (type null) or a batch, grouped by partition as Cassandra's
 * UpdatesCollector does. In a batch every statement shares one timestamp (the batch's, or the client's,
 * or now) unless it sets its own. Counter updates go through a leader replica; a logged batch over
 * several partitions through the batchlog; the rest is written directly (SIMPLE for one partition,
 * UNLOGGED_BATCH for several, the writeType Cassandra reports). A batch is first checked against the
 * batch thresholds (size, partitions).
 */
export async function executeModifications(
  node: Node, env: StatementEnvironment, type: BatchType | null,
  statements: readonly { plan: PreparedModification; options: QueryOptions }[],
  batchTimestamp: bigint | null, consistency: ConsistencyLevel, request: RequestContext,
): Promise<void> {
  const mutations = new Map<string, Mutation>();
  const nowMicros = node.clock.nowMicros();
  for (const { plan, options } of statements) {
    const ctx = executionContext(node, options, request);
    const time = type === null ? undefined : {
      timestamp: plan.attributes.hasTimestamp ? plan.attributes.timestamp(options, ctx) : batchTimestamp ?? options.timestamp ?? nowMicros,
      ttlSeconds: 0,
      nowInSec: ctx.nowInSec,
    };
    for (const builder of await plan.updates(options, ctx, env, time)) {
      const update = builder.build();
      validateIndexedValues(update);
      addUpdate(mutations, update);
    }
  }
  const grouped = [...mutations.values()];
  if (type !== null) verifyBatch(type, statements.map((s) => s.plan.table), grouped, batchThresholds(node), request);
  if (statements[0]?.plan.isCounter === true) return node.mutateCounter(grouped, consistency, request);
  if (type === 'LOGGED' && grouped.length > 1) return node.mutateAtomically(grouped, consistency, request);
  await env.mutate(grouped, consistency, grouped.length > 1 ? 'UNLOGGED_BATCH' : 'SIMPLE', request);
}

function batchThresholds(node: Node): BatchThresholds {
  const config = node.cluster.config;
  return {
    sizeWarnBytes: config.batchSizeWarnThresholdBytes,
    sizeFailBytes: config.batchSizeFailThresholdBytes,
    unloggedPartitionsWarn: config.unloggedBatchAcrossPartitionsWarnThreshold,
  };
}

/** Adds an update to the mutation of its keyspace and partition key, in statement order. */
function addUpdate(mutations: Map<string, Mutation>, update: PartitionUpdate): void {
  const id = `${update.table.keyspace}/${update.key.toString('hex')}`;
  const existing = mutations.get(id);
  mutations.set(id, existing === undefined
    ? { keyspace: update.table.keyspace, key: update.key, token: update.token, updates: [update] }
    : { ...existing, updates: [...existing.updates, update] });
}
