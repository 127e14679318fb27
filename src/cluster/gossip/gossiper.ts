import { invariant, type Cancellable, type Clock, type Scheduler } from '../../common/index.js';
import type { SimulatedNetwork } from '../network/index.js';
import { DEFAULT_PHI_CONVICT_THRESHOLD, FailureDetector } from './failure-detector.js';
import { isGossipMessage, type GossipMessage } from './gossip-message.js';

/** Cassandra's gossip round: every second. */
export const DEFAULT_GOSSIP_INTERVAL_MS = 1000;

/**
 * After a round comes this much later than due, the node itself was stalled (GC, a blocked event loop),
 * not its peers: Cassandra then convicts nobody for as long again (FailureDetector's max local pause).
 */
const MAX_LOCAL_PAUSE_MS = 5000;

export type StatusListener = (endpoint: number, alive: boolean) => void;

/**
 * What this node knows of one peer: its newest heartbeat, when a heartbeat of it last arrived, and
 * whether it is considered alive.
 */
interface EndpointState {
  generation: number;
  version: number;
  heardMs: number;
  alive: boolean;
}

/** Heartbeats of one peer less than this apart arrived together (held, then released at once). */
const BURST_MS = 1;

/**
 * One node's gossip: every round it sends a heartbeat (generation, version) to each peer, feeds the
 * heartbeats it receives to its failure detector, and tells listeners when a peer goes DOWN (convicted)
 * or UP again. As in Cassandra, a convicted peer is marked UP only after it answers an echo, so a link
 * that works one way only does not bring it back.
 *
 * Peers known when gossip starts are taken as alive, as in a cluster that had already converged: each is
 * seeded in the failure detector as if just heard from, and convicted only after the usual silence; a peer
 * that is down then is taken as down until it is heard from.
 * A peer that appears later is down until heard from.
 *
 * A frozen node (SIGSTOP) thawed resumes with the state it had: same generation, what it learnt of its
 * peers; its first status check sees how long it was away and convicts nobody for as long again, so its
 * peers are not taken for dead for its own pause (FailureDetector.interpret's local pause).
 */
export class Gossiper {
  private readonly nodeId: number;
  private readonly peers: () => readonly number[];
  private readonly network: SimulatedNetwork;
  private readonly clock: Clock;
  private readonly scheduler: Scheduler;
  private readonly intervalMs: number;
  private readonly phiConvictThreshold: number;
  private readonly states = new Map<number, EndpointState>();
  private readonly listeners = new Set<StatusListener>();
  private detector: FailureDetector;
  private timer: Cancellable | null = null;
  private currentGeneration = 0;
  private version = 0;
  private lastStatusCheckMs = 0;
  private convictionsResumeMs = 0;

  constructor(deps: {
    nodeId: number;
    peers: () => readonly number[];
    network: SimulatedNetwork;
    clock: Clock;
    scheduler: Scheduler;
    intervalMs?: number;
    phiConvictThreshold?: number;
  }) {
    this.nodeId = deps.nodeId;
    this.peers = deps.peers;
    this.network = deps.network;
    this.clock = deps.clock;
    this.scheduler = deps.scheduler;
    this.intervalMs = deps.intervalMs ?? DEFAULT_GOSSIP_INTERVAL_MS;
    this.phiConvictThreshold = deps.phiConvictThreshold ?? DEFAULT_PHI_CONVICT_THRESHOLD;
    invariant(this.intervalMs > 0, 'the gossip interval must be positive');
    this.detector = this.newDetector();
  }

  /**
   * Starts gossip with a new generation (as a restarted Cassandra does), a fresh failure detector and
   * every current peer that is not down taken as alive; peers whose state changes so are announced UP or
   * DOWN. No effect if running.
   */
  start(): void {
    if (this.timer !== null) return;
    this.currentGeneration = Math.max(this.clock.nowSeconds(), this.currentGeneration + 1);
    this.version = 0;
    this.detector = this.newDetector();
    const wasDown = new Set([...this.states].filter(([, state]) => !state.alive).map(([endpoint]) => endpoint));
    this.states.clear();
    const nowMs = this.clock.nowMs();
    const changed: [number, boolean][] = [];
    for (const peer of this.otherPeers()) {
      // A peer that is down now (stopped, or kept down by its files at the cluster's start) is heard from once it starts.
      const alive = this.network.nodeState(peer) !== 'down';
      this.states.set(peer, { generation: 0, version: 0, heardMs: nowMs, alive });
      if (alive) this.detector.report(peer);
      if (alive === wasDown.has(peer)) changed.push([peer, alive]);
    }
    this.lastStatusCheckMs = this.clock.nowMs();
    this.convictionsResumeMs = 0;
    this.timer = this.scheduler.schedule(this.intervalMs, () => this.round());
    for (const [endpoint, alive] of changed) this.notify(endpoint, alive);
  }

  /** Stops sending and listening; what is known of the peers stays as it was. No effect if stopped. */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  /**
   * Goes on after a freeze with the state kept: generation, version, failure detector; the time away
   * shows at the next status check. Starts afresh if gossip never ran. No effect if running.
   */
  resume(): void {
    if (this.timer !== null) return;
    if (this.currentGeneration === 0) {
      this.start();
      return;
    }
    this.timer = this.scheduler.schedule(this.intervalMs, () => this.round());
  }

  /**
   * Sends a heartbeat to every peer now rather than at the next round (as a node's first exchange with
   * its seeds on startup does): peers that took it for dead hear of it at once and, after the echo, mark
   * it up. Only while gossip runs and the node is up.
   */
  gossipNow(): void {
    if (this.timer === null || this.network.nodeState(this.nodeId) !== 'up') return;
    this.version++;
    for (const peer of this.otherPeers()) this.sendTo(peer, { kind: 'heartbeat', generation: this.currentGeneration, version: this.version });
  }

  /** This node's gossip generation: the second its gossip last started (system.local.gossip_generation). */
  get generation(): number {
    return this.currentGeneration;
  }

  /** The own node always; a peer while not convicted; an unknown node never. */
  isAlive(endpoint: number): boolean {
    return endpoint === this.nodeId || (this.states.get(endpoint)?.alive ?? false);
  }

  onStatusChange(listener: StatusListener): () => void {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  }

  /** Handles an incoming GOSSIP message (the node's MessageHandler dispatches it here). */
  receive(from: number, payload: unknown): void {
    invariant(isGossipMessage(payload), `node ${from} sent a GOSSIP message of unknown shape`);
    if (this.timer === null || !this.otherPeers().includes(from)) return;
    switch (payload.kind) {
      case 'heartbeat':
        this.onHeartbeat(from, payload.generation, payload.version);
        return;
      case 'echo':
        this.sendTo(from, { kind: 'echo-reply' });
        return;
      case 'echo-reply':
        this.markAlive(from);
        return;
      case 'shutdown':
        this.markShutdown(from);
        return;
    }
  }

  /** Tells every peer this node is stopping cleanly (a drain or stop, not a crash). */
  announceShutdown(): void {
    for (const peer of this.otherPeers()) this.sendTo(peer, { kind: 'shutdown' });
  }

  private markShutdown(endpoint: number): void {
    const state = this.states.get(endpoint);
    if (state === undefined || !state.alive) return;
    state.alive = false;
    this.detector.forget(endpoint);
    this.notify(endpoint, false);
  }

  private round(): void {
    this.timer = this.scheduler.schedule(this.intervalMs, () => this.round());
    // A crashed or frozen node runs no gossip round: it neither beats nor judges its peers.
    if (this.network.nodeState(this.nodeId) !== 'up') return;
    const peers = this.otherPeers();
    for (const endpoint of [...this.states.keys()]) {
      if (!peers.includes(endpoint)) this.forgetEndpoint(endpoint);
    }
    this.gossipNow();
    this.checkStatus();
  }

  /** Cassandra's doStatusCheck: convicts every live peer whose phi crossed the threshold. */
  private checkStatus(): void {
    const nowMs = this.clock.nowMs();
    const sinceLastCheckMs = nowMs - this.lastStatusCheckMs;
    this.lastStatusCheckMs = nowMs;
    if (sinceLastCheckMs > MAX_LOCAL_PAUSE_MS) this.convictionsResumeMs = nowMs + MAX_LOCAL_PAUSE_MS;
    if (nowMs < this.convictionsResumeMs) return;
    for (const [endpoint, state] of this.states) {
      if (!state.alive || this.detector.isAlive(endpoint)) continue;
      state.alive = false;
      this.notify(endpoint, false);
    }
  }

  /**
   * Reports a newer heartbeat to the failure detector, as Cassandra's notifyFailureDetector does: a new
   * generation of a peer that was down is a restart, whose intervals are relearned from scratch. Several
   * heartbeats arriving together (held while this node was frozen, then released at once) are one sign of
   * life, not intervals of zero: Cassandra learns a peer's newest state once per gossip exchange.
   */
  private onHeartbeat(from: number, generation: number, version: number): void {
    const known = this.states.get(from);
    const nowMs = this.clock.nowMs();
    if (known === undefined || generation > known.generation) {
      if (known !== undefined && !known.alive) this.detector.forget(from);
      this.states.set(from, { generation, version, heardMs: nowMs, alive: known?.alive ?? false });
    } else if (generation === known.generation && version > known.version) {
      known.version = version;
      const burst = nowMs - known.heardMs < BURST_MS;
      known.heardMs = nowMs;
      if (burst) return;
    } else {
      return;
    }
    this.detector.report(from);
    if (!this.isAlive(from)) this.sendTo(from, { kind: 'echo' });
  }

  private markAlive(endpoint: number): void {
    const state = this.states.get(endpoint);
    if (state === undefined || state.alive) return;
    state.alive = true;
    this.notify(endpoint, true);
  }

  private forgetEndpoint(endpoint: number): void {
    this.states.delete(endpoint);
    this.detector.forget(endpoint);
  }

  private otherPeers(): number[] {
    return this.peers().filter((peer) => peer !== this.nodeId);
  }

  private sendTo(peer: number, message: GossipMessage): void {
    this.network.send(this.nodeId, peer, 'GOSSIP', message);
  }

  private notify(endpoint: number, alive: boolean): void {
    for (const listener of [...this.listeners]) listener(endpoint, alive);
  }

  private newDetector(): FailureDetector {
    // Cassandra seeds (and caps) heartbeat intervals at twice the gossip interval.
    return new FailureDetector({
      clock: this.clock,
      phiConvictThreshold: this.phiConvictThreshold,
      initialIntervalMs: 2 * this.intervalMs,
    });
  }
}
