import { uuidToString } from '../../types/index.js';
import { MURMUR3_PARTITIONER_CLASS } from '../ring/murmur3-partitioner.js';
import type { RowValues } from '../system-schema/row-builder.js';
import type { PeerView, VirtualTablesNode } from './virtual-tables-node.js';

/** The Cassandra release Cassanova reports: drivers pick their schema parsers and protocol caps by it. */
export const RELEASE_VERSION = '4.1.5';
export const CQL_VERSION = '3.4.6';
/** The newest native protocol version served, as system.local.native_protocol_version reports it. */
export const NATIVE_PROTOCOL_VERSION = '5';

function tokenStrings(node: PeerView): string[] {
  return node.identity.tokens.map((t) => t.toString());
}

/** system.local as this node reports itself (SystemKeyspace.persistLocalMetadata). */
export function localRow(node: VirtualTablesNode): RowValues {
  const id = node.identity;
  const cluster = node.cluster;
  return {
    key: 'local',
    bootstrapped: cluster.memberState(node) === 'joining' ? 'IN_PROGRESS' : 'COMPLETED',
    broadcast_address: id.address,
    broadcast_port: cluster.storagePortOf(id.id),
    cluster_name: cluster.config.clusterName,
    cql_version: CQL_VERSION,
    data_center: id.dataCenter,
    gossip_generation: node.gossiper.generation,
    host_id: uuidToString(id.hostId),
    listen_address: id.address,
    listen_port: cluster.storagePortOf(id.id),
    native_protocol_version: NATIVE_PROTOCOL_VERSION,
    partitioner: MURMUR3_PARTITIONER_CLASS,
    rack: id.rack,
    release_version: RELEASE_VERSION,
    rpc_address: id.address,
    rpc_port: node.nativePort,
    schema_version: uuidToString(node.schema().version),
    tokens: tokenStrings(node),
    truncated_at: truncatedAt(node),
  };
}

/**
 * system.local.truncated_at: per truncated table id, the replay position (a commit log position: segment
 * id and offset; Cassanova keeps no commit log, so CommitLogPosition.NONE) and the truncation time in ms.
 */
function truncatedAt(node: VirtualTablesNode): [Buffer, Buffer][] {
  return node.truncations.entries().map(({ tableId, truncatedAtMs }) => {
    const record = Buffer.alloc(20);
    record.writeBigInt64BE(-1n, 0);
    record.writeInt32BE(0, 8);
    record.writeBigInt64BE(BigInt(truncatedAtMs), 12);
    return [tableId, record];
  });
}

/** The other members of the ring: a joining node is listed once it is normal, as Cassandra does. */
function others(node: VirtualTablesNode): PeerView[] {
  return node.cluster.ringMembers().filter((n) => n !== node);
}

/** system.peers: every other node, as the legacy table lists them (the Node.js driver reads only this). */
export function peerRows(node: VirtualTablesNode): RowValues[] {
  return others(node).map((peer) => ({
    peer: peer.identity.address,
    data_center: peer.identity.dataCenter,
    host_id: uuidToString(peer.identity.hostId),
    preferred_ip: peer.identity.address,
    rack: peer.identity.rack,
    release_version: RELEASE_VERSION,
    rpc_address: peer.identity.address,
    schema_version: uuidToString(node.schema().version),
    tokens: tokenStrings(peer),
  }));
}

/** system.peers_v2: with ports, which lets several nodes share one address. */
export function peerV2Rows(node: VirtualTablesNode): RowValues[] {
  return others(node).map((peer) => ({
    peer: peer.identity.address,
    peer_port: node.cluster.storagePortOf(peer.identity.id),
    data_center: peer.identity.dataCenter,
    host_id: uuidToString(peer.identity.hostId),
    preferred_ip: peer.identity.address,
    preferred_port: node.cluster.storagePortOf(peer.identity.id),
    rack: peer.identity.rack,
    release_version: RELEASE_VERSION,
    native_address: peer.identity.address,
    native_port: peer.nativePort,
    schema_version: uuidToString(node.schema().version),
    tokens: tokenStrings(peer),
  }));
}
