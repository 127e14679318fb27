import type { Node as ClusterNode, NodeStatus } from '../cluster/index.js';
import type { Node } from './cassanova-cluster.js';

/** The public face of one internal node: what a test reads and does, nothing of its storage or coordinator. */
export class NodeHandle implements Node {
  readonly hostId: string;
  readonly tokens: readonly string[];

  constructor(private readonly node: ClusterNode) {
    const hex = node.identity.hostId.toString('hex');
    this.hostId = `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
    this.tokens = Object.freeze(node.identity.tokens.map(String));
  }

  get id(): number {
    return this.node.identity.id;
  }

  get address(): string {
    return this.node.identity.address;
  }

  get nativePort(): number {
    return this.node.nativePort;
  }

  get contactPoint(): string {
    // An IPv6 address goes in brackets, so that the port after it reads as one.
    return `${this.address.includes(':') ? `[${this.address}]` : this.address}:${this.nativePort}`;
  }

  get dataCenter(): string {
    return this.node.identity.dataCenter;
  }

  get rack(): string {
    return this.node.identity.rack;
  }

  get status(): NodeStatus {
    return this.node.status;
  }

  get failure(): string | null {
    return this.node.storageFailure;
  }

  isAlive(id: number): boolean {
    return this.node.isAlive(id);
  }

  stop(): Promise<void> {
    return this.node.stop();
  }

  kill(): Promise<void> {
    return this.node.kill();
  }

  start(): Promise<void> {
    return this.node.start();
  }

  pause(): Promise<void> {
    return this.node.pause();
  }

  resume(): Promise<void> {
    return this.node.resume();
  }

  setTraceProbability(probability: number): void {
    this.node.setTraceProbability(probability);
  }

  get traceProbability(): number {
    return this.node.traceProbability;
  }
}
