import type { Clock } from '../../common/index.js';
import type { Mutation } from '../../data/index.js';

interface Hint {
  readonly mutation: Mutation;
  readonly createdMs: number;
}

/**
 * The hints a coordinator keeps for replicas that missed writes (Cassandra's HintsService): kept only
 * while the replica has been down for less than max_hint_window, replayed when it is seen up again.
 */
export class HintStore {
  private readonly hints = new Map<number, Hint[]>();
  private readonly downSinceMs = new Map<number, number>();

  constructor(private readonly clock: Clock, private readonly maxHintWindowMs: number) {}

  markDown(target: number): void {
    if (!this.downSinceMs.has(target)) this.downSinceMs.set(target, this.clock.nowMs());
  }

  markUp(target: number): void {
    this.downSinceMs.delete(target);
  }

  add(target: number, mutation: Mutation): void {
    const since = this.downSinceMs.get(target);
    if (since !== undefined && this.clock.nowMs() - since > this.maxHintWindowMs) return;
    const list = this.hints.get(target) ?? [];
    list.push({ mutation, createdMs: this.clock.nowMs() });
    this.hints.set(target, list);
  }

  /** Removes and returns the hints for a target, oldest first. */
  take(target: number): Mutation[] {
    const list = this.hints.get(target) ?? [];
    this.hints.delete(target);
    return list.map((h) => h.mutation);
  }

  /** Puts back hints whose replay failed, ahead of newer ones. */
  restore(target: number, mutations: readonly Mutation[]): void {
    if (mutations.length === 0) return;
    const now = this.clock.nowMs();
    this.hints.set(target, [...mutations.map((mutation) => ({ mutation, createdMs: now })), ...(this.hints.get(target) ?? [])]);
  }

  count(target?: number): number {
    if (target !== undefined) return this.hints.get(target)?.length ?? 0;
    let n = 0;
    for (const list of this.hints.values()) n += list.length;
    return n;
  }
}
