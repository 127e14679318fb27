import { afterEach, describe, expect, it } from 'vitest';
import { requestContext, type RequestContext } from '../../common/index.js';
import { ConsistencyLevel } from '../../errors/index.js';
import { ALL, cell, int, liveness, mutation, row, testTable, update } from '../../data/testing/fixtures.js';
import { mergePartitions, purgePartition, type ReadPartition } from '../../data/index.js';
import { TRACES_KEYSPACE } from '../../schema/index.js';
import { formatInet, native, uuidToString } from '../../types/index.js';
import type { Cluster, Node } from '../cluster.js';
import { runUntilSettled, virtualCluster } from '../testing/virtual-cluster.js';
import type { CoordinatorTraceState } from './tracing.js';

const table = testTable({ clustering: [['c', native('int'), 'asc']] });
const { ONE, ALL: ALL_LEVEL, QUORUM, SERIAL } = ConsistencyLevel;

let cluster: Cluster;
afterEach(() => cluster?.close());

interface TraceEventRow { activity: string; source: string; thread: string; elapsed: number }

/**
 * A session's rows in a table of system_traces, once the asynchronous trace writes are done: the rows of
 * every node's storage merged (each replica of the session's partition holds them).
 */
async function traceRows(tableName: 'sessions' | 'events', sessionId: Buffer): Promise<ReadPartition | undefined> {
  await runUntilSettled(cluster, new Promise((resolve) => setImmediate(resolve)));
  const traces = cluster.schema.keyspace(TRACES_KEYSPACE)!.tables.get(tableName)!;
  const { key, token } = cluster.node(1).partitioner.decorateKey([sessionId]);
  const command = {
    kind: 'single' as const, table: traces, key, token, filter: { kind: 'slices' as const, slices: [ALL], reversed: false },
    nowInSec: cluster.clock.nowSeconds(), rowLimit: Infinity,
  };
  const copies = cluster.nodes.flatMap((n) => n.storage.read(command));
  return copies.length === 0 ? undefined : purgePartition(mergePartitions(copies), command.nowInSec) ?? undefined;
}

async function events(sessionId: Buffer): Promise<TraceEventRow[]> {
  const partition = await traceRows('events', sessionId);
  return (partition?.rows ?? []).map((r) => ({
    activity: r.cells.get('activity')!.value!.toString('utf8'),
    source: formatInet(r.cells.get('source')!.value!),
    thread: r.cells.get('thread')!.value!.toString('utf8'),
    elapsed: r.cells.get('source_elapsed')!.value!.readInt32BE(0),
  }));
}

function traced(node: Node): { session: CoordinatorTraceState; request: RequestContext } {
  const session = node.tracing.newSession('::ffff:127.0.0.9');
  return { session, request: requestContext(session) };
}

const write = (key: number, value: string, timestamp = 10) =>
  mutation(update(table, int(key), { rows: [row([int(1)], { v: cell(value, timestamp) }, { liveness: liveness(timestamp) })] }));

describe('tracing sessions', () => {
  it('records the session row and the events of every node the request reached, in system_traces', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    const { session, request } = traced(cluster.node(1));
    session.begin('Execute CQL3 query', new Map([['query', 'INSERT …'], ['consistency_level', 'ALL']]));
    await runUntilSettled(cluster, cluster.node(1).mutate([write(1, 'a')], ALL_LEVEL, 'SIMPLE', request));
    session.stop();
    const row = (await traceRows('sessions', session.sessionId))!.rows[0]!;
    expect(row.cells.get('request')!.value!.toString()).toBe('Execute CQL3 query');
    expect(row.cells.get('command')!.value!.toString()).toBe('QUERY');
    expect(formatInet(row.cells.get('client')!.value!)).toBe('127.0.0.9');
    expect(formatInet(row.cells.get('coordinator')!.value!)).toBe('127.0.0.1');
    expect(row.cells.get('coordinator_port')!.value!.readInt32BE(0)).toBe(7000);
    expect(row.cells.get('duration')!.value!.readInt32BE(0)).toBeGreaterThan(0);
    expect(row.cells.get('duration')!.ttlSeconds).toBe(86_400);
    const all = await events(session.sessionId);
    expect(new Set(all.map((e) => e.source))).toEqual(new Set(['127.0.0.1', '127.0.0.2', '127.0.0.3']));
    const coordinator = all.filter((e) => e.source === '127.0.0.1').map((e) => e.activity);
    expect(coordinator.slice(0, 3)).toEqual(['Determining replicas for mutation', 'Appending to commitlog', `Adding to ${table.name} memtable`]);
    expect(coordinator.some((a) => /^Sending MUTATION_REQ message to \/127\.0\.0\.2:7000 message size \d+ bytes$/.test(a))).toBe(true);
    expect(coordinator).toContain('MUTATION_RSP message received from /127.0.0.3:7000');
    expect(coordinator).toContain('Processing response from /127.0.0.3:7000');
    expect(all.filter((e) => e.source === '127.0.0.2').map((e) => [e.thread, e.activity])).toEqual([
      ['Messaging-EventLoop-3-1', 'MUTATION_REQ message received from /127.0.0.1:7000'],
      ['MutationStage-1', 'Appending to commitlog'],
      ['MutationStage-1', `Adding to ${table.name} memtable`],
      ['MutationStage-1', 'Enqueuing response to /127.0.0.1:7000'],
      ['Messaging-EventLoop-3-1', 'Sending MUTATION_RSP message to /127.0.0.1:7000 message size 36 bytes'],
    ]);
  });

  it('traces the replicas a read contacts, the digest mismatch and the read repair', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    await runUntilSettled(cluster, cluster.node(1).mutate([write(1, 'old')], ALL_LEVEL, 'SIMPLE'));
    cluster.node(1).storage.apply(write(1, 'newer', 20));
    const replicas = cluster.placement('ks', 1n, cluster.node(1)).replicas;
    const { session, request } = traced(cluster.node(1));
    const command = { kind: 'single' as const, table, key: int(1), token: 1n, filter: { kind: 'slices' as const, slices: [ALL], reversed: false }, nowInSec: 100, rowLimit: Infinity };
    await runUntilSettled(cluster, cluster.node(1).read(command, QUORUM, request));
    const activities = (await events(session.sessionId)).filter((e) => e.source === '127.0.0.1').map((e) => e.activity);
    const other = replicas.find((r) => r.id !== 1)!;
    expect(activities).toContain(`reading digest from /${other.address}:7000`);
    expect(activities).toContain(`Digest mismatch: Mismatch for key DecoratedKey(1, ${int(1).toString('hex')})`);
    expect(activities.some((a) => /^Sending read-repair-mutation to Full\(\/127\.0\.0\.\d:7000,\(-?\d+,-?\d+\]\)$/.test(a))).toBe(true);
    expect(activities.some((a) => a.startsWith('Sending READ_REPAIR_REQ message to'))).toBe(true);
    expect(activities).toContain('Read 1 live rows and 0 tombstone cells');
  });

  it('traces the phases of a lightweight transaction on the coordinator and the replicas', async () => {
    cluster = await virtualCluster(3, 3, [table]);
    const { session, request } = traced(cluster.node(2));
    const readCommand = { kind: 'single' as const, table, key: int(1), token: 1n, filter: { kind: 'slices' as const, slices: [ALL], reversed: false }, nowInSec: 100, rowLimit: 1 };
    const applied = cluster.node(2).cas({
      readCommand,
      propose: async (_current, micros) => ({ update: update(table, int(1), { rows: [row([int(1)], { v: cell('x', micros) })] }), result: true }),
    }, SERIAL, QUORUM, request);
    expect(await runUntilSettled(cluster, applied)).toBe(true);
    const all = await events(session.sessionId);
    const coordinator = all.filter((e) => e.source === '127.0.0.2').map((e) => e.activity);
    expect(coordinator[0]).toMatch(/^Preparing [0-9a-f-]{36}$/);
    expect(coordinator).toContain('Reading existing values for CAS precondition');
    expect(coordinator.some((a) => a.startsWith('CAS precondition is met; proposing client-requested updates for '))).toBe(true);
    expect(coordinator[coordinator.length - 1]).toBe('CAS applied successfully');
    const replica = all.filter((e) => e.source === '127.0.0.3').map((e) => e.activity);
    expect(replica.some((a) => a.startsWith('Promising ballot '))).toBe(true);
    expect(replica.some((a) => a.startsWith('Accepting proposal Commit('))).toBe(true);
    expect(replica.some((a) => a.startsWith('Committing proposal Commit('))).toBe(true);
    expect(replica.some((a) => a.startsWith('Sending PAXOS_PREPARE_RSP message to /127.0.0.2:7000'))).toBe(true);
  });

  it('keeps one elapsed time per node and a session id of the coordinator', async () => {
    cluster = await virtualCluster(1, 1, [table]);
    const { session, request } = traced(cluster.node(1));
    cluster.advanceTime(3);
    await runUntilSettled(cluster, cluster.node(1).mutate([write(1, 'a')], ONE, 'SIMPLE', request));
    session.stop();
    const all = await events(session.sessionId);
    expect(all.map((e) => e.thread)).toEqual(['Native-Transport-Requests-1', 'MutationStage-1', 'MutationStage-1']);
    expect(all[0]!.elapsed).toBeGreaterThanOrEqual(3000);
    expect(uuidToString(session.sessionId)[14]).toBe('1');
  });
});

describe('trace probability (nodetool settraceprobability)', () => {
  it('draws no chance at 0, always traces at 1, and refuses values outside [0, 1]', async () => {
    cluster = await virtualCluster(1, 1, [table]);
    const tracing = cluster.node(1).tracing;
    expect(tracing.shouldTraceProbabilistically()).toBe(false);
    cluster.node(1).setTraceProbability(1);
    expect(cluster.node(1).traceProbability).toBe(1);
    expect(tracing.shouldTraceProbabilistically()).toBe(true);
    cluster.node(1).setTraceProbability(0.5);
    const draws = Array.from({ length: 200 }, () => tracing.shouldTraceProbabilistically()).filter(Boolean).length;
    expect(draws).toBeGreaterThan(60);
    expect(draws).toBeLessThan(140);
    expect(() => cluster.node(1).setTraceProbability(-0.1)).toThrow('Trace probability must be between 0 and 1');
  });
});
