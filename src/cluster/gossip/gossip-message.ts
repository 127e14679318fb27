/**
 * What gossipers send each other under the GOSSIP verb. Cassandra's SYN/ACK/ACK2 digests carry whole
 * endpoint states; here every node tells every peer directly, so only its own heartbeat travels.
 * The echo pair is Cassandra's ECHO_REQ/ECHO_RSP: a convicted peer is marked up only once it answers.
 */
export type GossipMessage =
  | { readonly kind: 'heartbeat'; readonly generation: number; readonly version: number }
  | { readonly kind: 'echo' }
  | { readonly kind: 'echo-reply' }
  /** Cassandra's GOSSIP_SHUTDOWN: a node stopping cleanly tells its peers, which mark it down at once. */
  | { readonly kind: 'shutdown' };

export function isGossipMessage(payload: unknown): payload is GossipMessage {
  if (typeof payload !== 'object' || payload === null) return false;
  const message = payload as Record<string, unknown>;
  switch (message['kind']) {
    case 'heartbeat':
      return typeof message['generation'] === 'number' && typeof message['version'] === 'number';
    case 'echo':
    case 'echo-reply':
    case 'shutdown':
      return true;
    default:
      return false;
  }
}
