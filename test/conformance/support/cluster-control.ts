// The control channel of the driver tests that run in a child process (the Python cluster scripts, the
// Go tests on a cluster of their own): the child writes one JSON request per line to an extra pipe (its
// file descriptor CASSANOVA_CONTROL_FD), the wrapper changes the cluster and answers with one JSON line
// on the child's stdin.
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { internalCluster, type CassanovaCluster } from '../../../src/main.js';

type MessageFilter = Parameters<CassanovaCluster['network']['addFilter']>[0];

export const CONTROL_FD = 3;

export interface ControlRequest {
  readonly op: string;
  readonly node?: number;
  readonly keyspace?: string;
  /** For 'dataReads' (durable clusters), with keyspace. */
  readonly table?: string;
  readonly force?: boolean;
  /** For 'addNode': -Dcassandra.consistent.rangemovement (default true). */
  readonly consistentRangeMovement?: boolean;
  /** For 'partition': the sides, as lists of node ids. */
  readonly groups?: readonly (readonly number[])[];
  /** For 'links': the latency of every link between nodes. */
  readonly latencyMs?: number;
  /** For 'traceProbability': nodetool settraceprobability on every node. */
  readonly probability?: number;
  /** For 'drop': the messages to lose, by verb and ends (any when absent), until 'resetNetwork'. */
  readonly verb?: MessageFilter['verb'];
  readonly from?: number;
  readonly to?: number;
  /** For 'reopen' (durable clusters): how the cluster is closed, and how far its virtual clock moves while closed. */
  readonly ending?: 'close' | 'crash';
  readonly advanceMs?: number;
}

/** Operations a wrapper serves besides the common ones (a durable cluster closed and opened again, ...). */
export type ExtraOperations = Readonly<Record<string, (request: ControlRequest) => Promise<unknown>>>;

type ControlReply = { ok: true; result: unknown } | { ok: false; error: string };

function nodeId(request: ControlRequest): number {
  if (typeof request.node !== 'number') throw new Error(`${request.op} needs "node"`);
  return request.node;
}

async function perform(cluster: CassanovaCluster, request: ControlRequest): Promise<unknown> {
  switch (request.op) {
    case 'addNode': {
      const node = await cluster.addNode({ consistentRangeMovement: request.consistentRangeMovement });
      return { id: node.id, address: node.address, port: node.nativePort, dataCenter: node.dataCenter };
    }
    case 'decommission':
    case 'removeNode': {
      const result = request.op === 'decommission'
        ? await cluster.decommission(nodeId(request), { force: request.force })
        : await cluster.removeNode(nodeId(request));
      return { transfers: result.transfers.length, streamedPartitions: result.streamedPartitions };
    }
    case 'stop':
      await cluster.node(nodeId(request)).stop();
      return null;
    case 'start':
      await cluster.node(nodeId(request)).start();
      return null;
    case 'pause':
      await cluster.node(nodeId(request)).pause();
      return null;
    case 'resume':
      await cluster.node(nodeId(request)).resume();
      return null;
    case 'partition':
      cluster.network.partition(...(request.groups ?? []));
      return null;
    case 'heal':
      cluster.network.heal();
      return null;
    case 'links':
      cluster.network.set({ latencyMs: request.latencyMs });
      return null;
    case 'drop':
      cluster.network.addFilter({ verb: request.verb, from: request.from, to: request.to, action: 'drop' });
      return null;
    case 'resetNetwork':
      cluster.network.reset();
      return null;
    case 'hints': {
      const node = internalCluster(cluster).node(nodeId(request));
      return { pending: node.hints.count(), replayed: node.stats.hintsReplayed };
    }
    case 'traceProbability':
      cluster.setTraceProbability(request.probability ?? Number.NaN);
      return null;
    case 'repair': {
      const result = await cluster.repair(request.keyspace);
      return { ...result, failures: result.failures.map((f) => f.reason) };
    }
    default:
      throw new Error(`unknown control operation '${request.op}'`);
  }
}

/**
 * Serves the requests arriving on `requests`, one at a time, answering on `replies`. `cluster` is the cluster,
 * or what gives the current one when an extra operation replaces it.
 */
export function serveControl(
  cluster: CassanovaCluster | (() => CassanovaCluster), requests: Readable, replies: Writable, extra: ExtraOperations = {},
): void {
  let queue = Promise.resolve();
  createInterface({ input: requests }).on('line', (line) => {
    queue = queue.then(async () => {
      let reply: ControlReply;
      try {
        const request = JSON.parse(line) as ControlRequest;
        const own = Object.hasOwn(extra, request.op) ? extra[request.op] : undefined;
        const result = own !== undefined ? await own(request) : await perform(typeof cluster === 'function' ? cluster() : cluster, request);
        reply = { ok: true, result };
      } catch (e) {
        reply = { ok: false, error: e instanceof Error ? e.message : String(e) };
      }
      if (replies.writable) replies.write(`${JSON.stringify(reply)}\n`);
    });
  });
}
