/**
 * Where a node stands in the ring (Cassandra's gossip STATUS): joining while it bootstraps (gossiping,
 * not yet owning data), normal, leaving while its ranges stream away. A node that left is no member.
 */
export type MemberState = 'joining' | 'normal' | 'leaving';

/** A node (of the cluster's node type `N`) joined the ring (announced once it is normal) or left it. */
export interface TopologyChange<N> {
  readonly change: 'NEW_NODE' | 'REMOVED_NODE';
  readonly node: N;
}

/**
 * The ring membership of a cluster's nodes, by node id (ids are never reused), who is told of its
 * changes, and the rule that one topology change runs at a time (Cassandra refuses concurrent range
 * movements with consistent range movement).
 */
export class Membership<N> {
  private readonly states = new Map<number, MemberState>();
  private readonly listeners = new Set<(event: TopologyChange<N>) => void>();
  private changing: string | null = null;

  state(nodeId: number): MemberState | undefined {
    return this.states.get(nodeId);
  }

  set(nodeId: number, state: MemberState): void {
    this.states.set(nodeId, state);
  }

  delete(nodeId: number): void {
    this.states.delete(nodeId);
  }

  /** Normal and leaving nodes: those that own tokens. */
  isRingMember(nodeId: number): boolean {
    const state = this.states.get(nodeId);
    return state === 'normal' || state === 'leaving';
  }

  onChange(listener: (event: TopologyChange<N>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(event: TopologyChange<N>): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Refuses to start `operation` while another topology change runs. */
  checkIdle(operation: string): void {
    if (this.changing !== null) {
      throw new Error(`Cannot ${operation} while a ${this.changing} is in progress: one topology change at a time`);
    }
  }

  async exclusively<T>(operation: string, run: () => Promise<T>): Promise<T> {
    this.checkIdle(operation);
    this.changing = operation;
    try {
      return await run();
    } finally {
      this.changing = null;
    }
  }
}
