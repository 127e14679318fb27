import { invariant } from '../../common/index.js';
import { partitionsDigest } from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import { fetchRanges, readRanges, type StreamingNode } from '../topology/streaming.js';
import type { TokenRange } from '../topology/token-range.js';
import { buildMerkleTree, type MerkleTree } from './merkle-tree.js';

/**
 * What a repair coordinator asks of a replica: a Merkle tree of its data in a range (VALIDATION_REQ),
 * or to fetch from a peer the sub-ranges where their trees differ (SYNC_REQ).
 */
export type RepairMessage =
  | { readonly kind: 'validate'; readonly table: TableMetadata; readonly range: TokenRange; readonly depth: number }
  | {
      readonly kind: 'sync';
      readonly table: TableMetadata;
      readonly ranges: readonly TokenRange[];
      readonly peer: number;
      readonly timeoutMs: number;
    };

function isRepairMessage(payload: unknown): payload is RepairMessage {
  const kind = (payload as { kind?: unknown } | null)?.kind;
  return kind === 'validate' || kind === 'sync';
}

/** A replica's tree of one table in one range, tombstones and timestamps included in every digest. */
export function validate(node: Pick<StreamingNode, 'storage' | 'clock'>, table: TableMetadata, range: TokenRange, depth: number): MerkleTree {
  const partitions = readRanges(node, table, [range]).map((p) => ({ token: p.token, digest: partitionsDigest([p]) }));
  return buildMerkleTree(range, depth, partitions);
}

/** Installs the REPAIR verb on a node. A sync answers with the number of partitions received. */
export function installRepairHandler(node: StreamingNode): void {
  node.handle('REPAIR', (from, payload) => {
    invariant(isRepairMessage(payload), `node ${from} sent a REPAIR message of unknown shape`);
    if (payload.kind === 'validate') return validate(node, payload.table, payload.range, payload.depth);
    return fetchRanges(node, payload.peer, [payload.table], payload.ranges, payload.timeoutMs);
  });
}
