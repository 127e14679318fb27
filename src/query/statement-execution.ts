import type { ConsistencyLevel } from '../errors/index.js';
import type { BatchType, ExecutionContext, PreparedModification, QueryOptions, StatementEnvironment } from '../cql/index.js';
import type { Mutation } from '../data/index.js';
import type { Node } from '../cluster/index.js';
import { randomUuid, timeUuidFromMs } from '../types/index.js';

/** What statements executing on `node` read and write through: its coordinator. */
export function statementEnvironment(node: Node): StatementEnvironment {
  return {
    partitioner: node.partitioner,
    read: (command, cl) => node.read(command, cl),
    mutate: (mutations, cl, writeType) => node.mutate(mutations, cl, writeType),
  };
}

/** The time and fresh uuids of one execution; v5 clients may fix "now" themselves. */
export function executionContext(node: Node, options: QueryOptions): ExecutionContext {
  const clock = node.clock;
  return {
    nowMicros: clock.nowMicros(),
    nowInSec: options.nowInSeconds ?? clock.nowSeconds(),
    newTimeUuid: () => timeUuidFromMs(clock.nowMs(), node.random),
    newRandomUuid: () => randomUuid(node.random),
    tokenOf: (components) => node.partitioner.decorateKey(components).token,
  };
}

/**
 * Applies the writes of one statement (type null) or a batch. In a batch every statement shares one
 * timestamp (the batch's, or the client's, or now) unless it sets its own.
 */
export async function executeModifications(
  node: Node, env: StatementEnvironment, type: BatchType | null,
  statements: readonly { plan: PreparedModification; options: QueryOptions }[],
  batchTimestamp: bigint | null, consistency: ConsistencyLevel,
): Promise<void> {
  const mutations: Mutation[] = [];
  const nowMicros = node.clock.nowMicros();
  const pending = new Map<string, Buffer | null>();
  for (const { plan, options } of statements) {
    const ctx = executionContext(node, options);
    const time = type === null ? undefined : {
      timestamp: plan.attributes.hasTimestamp ? plan.attributes.timestamp(options, ctx) : batchTimestamp ?? options.timestamp ?? nowMicros,
      ttlSeconds: 0,
      nowInSec: ctx.nowInSec,
    };
    for (const builder of await plan.updates(options, ctx, env, time, pending)) {
      const update = builder.build();
      mutations.push({ keyspace: update.table.keyspace, key: update.key, token: update.token, updates: [update] });
    }
  }
  const writeType = type === null ? (statements[0]?.plan.isCounter ? 'COUNTER' : 'SIMPLE')
    : type === 'LOGGED' ? 'BATCH' : type === 'COUNTER' ? 'COUNTER' : 'UNLOGGED_BATCH';
  await env.mutate(mutations, consistency, writeType);
}
