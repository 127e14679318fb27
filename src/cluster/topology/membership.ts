import type { Node } from '../node/node.js';

/**
 * Where a node stands in the ring (Cassandra's gossip STATUS): joining while it bootstraps (gossiping,
 * not yet owning data), normal, leaving while its ranges stream away. A node that left is no member.
 */
export type MemberState = 'joining' | 'normal' | 'leaving';

/** A node joined the ring (announced once it is normal) or left it. */
export interface TopologyEvent {
  readonly change: 'NEW_NODE' | 'REMOVED_NODE';
  readonly node: Node;
}

export type TopologyListener = (event: TopologyEvent) => void;

/**
 * The ring membership of a cluster's nodes, who is told of its changes, and the rule that one topology
 * change runs at a time (Cassandra refuses concurrent range movements with consistent range movement).
 */
export class Membership {
  private readonly states = new Map<Node, MemberState>();
  private readonly listeners = new Set<TopologyListener>();
  private changing: string | null = null;

  state(node: Node): MemberState | undefined {
    return this.states.get(node);
  }

  set(node: Node, state: MemberState): void {
    this.states.set(node, state);
  }

  delete(node: Node): void {
    this.states.delete(node);
  }

  /** Normal and leaving nodes: those that own tokens. */
  isRingMember(node: Node): boolean {
    const state = this.states.get(node);
    return state === 'normal' || state === 'leaving';
  }

  onChange(listener: TopologyListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  notify(event: TopologyEvent): void {
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
