import { invariant } from '../../common/index.js';
import type { Mutation, UnfilteredPartition } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { MessagingService } from '../network/messaging-service.js';
import type { ReplicaNode } from '../node/replica-node.js';
import { rangeBounds, type TokenRange } from './token-range.js';

/** What streaming needs of a node (both ends of a stream session): its storage and clock, its verbs, the network. */
export interface StreamingNode extends Pick<ReplicaNode, 'identity' | 'clock' | 'storage' | 'handle'> {
  readonly cluster: { readonly network: MessagingService };
}

/** A STREAM request: everything the source stores of one table in some ranges, tombstones included. */
export interface StreamRequest {
  readonly table: TableMetadata;
  readonly ranges: readonly TokenRange[];
}

function isStreamRequest(payload: unknown): payload is StreamRequest {
  const p = payload as Partial<StreamRequest> | null;
  return typeof p === 'object' && p !== null && p.table !== undefined && Array.isArray(p.ranges);
}

/** What a node stores of a table in some ranges, as unfiltered partitions in ring order. */
export function readRanges(node: Pick<StreamingNode, 'storage' | 'clock'>, table: TableMetadata, ranges: readonly TokenRange[]): UnfilteredPartition[] {
  const all = { start: { prefix: [], inclusive: true }, end: { prefix: [], inclusive: true } };
  return ranges.flatMap((range) => node.storage.read({
    kind: 'range',
    table,
    bounds: rangeBounds(range),
    filter: { kind: 'slices', slices: [all], reversed: false },
    nowInSec: node.clock.nowSeconds(),
    rowLimit: Infinity,
    perPartitionLimit: Infinity,
    partitionLimit: Infinity,
  }));
}

/** A streamed partition as the write that recreates it on the receiver (merged there by timestamp). */
export function asMutation(p: UnfilteredPartition): Mutation {
  invariant(!p.reversed, 'streamed partitions are read in clustering order');
  const update = {
    table: p.table, key: p.key, token: p.token, partitionDeletion: p.partitionDeletion,
    rangeTombstones: p.rangeTombstones, staticRow: p.staticRow, rows: p.rows,
  };
  return { keyspace: p.table.keyspace, key: p.key, token: p.token, updates: [update] };
}

/** Installs the STREAM verb: a node answers a request with its data of the ranges asked for. */
export function installStreamHandler(node: StreamingNode): void {
  node.handle('STREAM', (from, payload) => {
    invariant(isStreamRequest(payload), `node ${from} sent a STREAM message of unknown shape`);
    return readRanges(node, payload.table, payload.ranges);
  });
}

/**
 * Fetches `ranges` of every given table from `sourceId` over the simulated network and applies them to
 * `target`'s storage (the receiving half of a Cassandra stream session). Resolves to the number of
 * partitions received; rejects when the source does not answer in time.
 */
export async function fetchRanges(
  target: StreamingNode, sourceId: number, tables: readonly TableMetadata[], ranges: readonly TokenRange[], timeoutMs: number,
): Promise<number> {
  let received = 0;
  for (const table of tables) {
    const request: StreamRequest = { table, ranges };
    const partitions = await target.cluster.network.request<UnfilteredPartition[]>(
      target.identity.id, sourceId, 'STREAM', request, timeoutMs,
    );
    for (const p of partitions) target.storage.apply(asMutation(p));
    received += partitions.length;
  }
  return received;
}
