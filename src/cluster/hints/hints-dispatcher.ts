import type { Cancellable } from '../../common/index.js';
import { uuidToString } from '../../types/index.js';
import type { NodeIdentity } from '../node/node-identity.js';
import type { Hint } from './hint-store.js';
import type { HintsNode } from './hints-node.js';

/** A HINT message: one hint for `target`, sent to the target itself or, handed over, to another node. */
export interface HintMessage {
  readonly target: number;
  readonly hint: Hint;
}

/** How long a leaving node waits before it tries a second time to hand its hints over (TransferHintsTask). */
const TRANSFER_RETRY_MS = 10_000;

/**
 * Delivers one node's hints (Cassandra's HintsDispatchTrigger and HintsDispatcher): on a fixed period,
 * every target this node holds hints for and sees alive gets them, oldest first, one dispatch per target
 * at a time; a dispatch stops at the first hint not acknowledged, and the rest wait for a later round.
 * Whether the target was ever convicted does not matter, only that it is alive now. A decommissioned
 * node hands everything it holds to a live peer instead (transfer).
 */
export class HintsDispatcher {
  private timer: Cancellable | null = null;
  private readonly dispatching = new Map<number, Promise<boolean>>();
  private paused = false;

  constructor(private readonly node: HintsNode) {}

  /** Starts the periodic trigger; no effect if running. */
  start(): void {
    if (this.timer !== null) return;
    this.timer = this.node.cluster.scheduler.schedule(this.node.cluster.config.hintsDispatchIntervalMs, () => this.trigger());
  }

  /** Stops the trigger (the node stopped, froze or left); a dispatch under way finishes or fails on its own. */
  stop(): void {
    this.timer?.cancel();
    this.timer = null;
  }

  private trigger(): void {
    this.timer = null;
    this.start();
    if (this.paused) return;
    for (const target of this.node.hints.targets()) {
      if (this.dispatching.has(target) || !this.node.isAlive(target)) continue;
      this.track(target, this.send(target, target));
    }
  }

  private track(target: number, dispatch: Promise<boolean>): void {
    this.dispatching.set(target, dispatch);
    void dispatch.finally(() => this.dispatching.delete(target));
  }

  /**
   * Sends `target`'s hints to node `to`, oldest first, each released once acknowledged; stops at the
   * first that is not (it and the rest stay, as old as they were). True if all went.
   */
  private async send(target: number, to: number): Promise<boolean> {
    const node = this.node;
    for (const hint of node.hints.pending(target)) {
      const message: HintMessage = { target, hint };
      try {
        await node.cluster.network.request(node.identity.id, to, 'HINT', message, node.cluster.config.writeRequestTimeoutMs);
      } catch {
        return false;
      }
      node.hints.acknowledge(target, hint);
      if (to === target) node.stats.hintsReplayed++;
    }
    return true;
  }

  /**
   * HintsService.transferHints for a decommissioned node: dispatch is paused, and every hint it holds goes
   * to the closest live member that stays in the ring, which keeps it for its target; one more attempt 10 s
   * later (to a target chosen again) before the decommission fails.
   */
  async transfer(): Promise<void> {
    this.paused = true;
    try {
      await Promise.all(this.dispatching.values());
      if (this.node.hints.count() === 0) return;
      if (await this.transferTo(this.preferredTarget())) return;
      await new Promise<void>((resolve) => this.node.cluster.scheduler.schedule(TRANSFER_RETRY_MS, resolve));
      const target = this.preferredTarget();
      if (!(await this.transferTo(target))) {
        throw new Error(`Failed to transfer all hints to ${uuidToString(this.node.cluster.node(target).identity.hostId)}`);
      }
    } finally {
      this.paused = false;
    }
  }

  private async transferTo(to: number): Promise<boolean> {
    const sent = await Promise.all(this.node.hints.targets().map((target) => this.send(target, to)));
    return sent.every(Boolean);
  }

  /** StorageService.getPreferredHintsStreamTarget: the closest live member besides this one (its data center, then its rack). */
  private preferredTarget(): number {
    const self = this.node.identity;
    const distance = (n: { readonly identity: NodeIdentity }): number => (n.identity.dataCenter === self.dataCenter ? 0 : 2) + (n.identity.rack === self.rack ? 0 : 1);
    const candidates = this.node.cluster.ringMembers()
      .filter((n) => n !== this.node && this.node.isAlive(n.identity.id))
      .sort((a, b) => distance(a) - distance(b) || a.identity.id - b.identity.id);
    const target = candidates[0];
    if (target === undefined) throw new Error('Unable to stream hints since no live endpoints seen');
    return target.identity.id;
  }
}
