import type { Clock } from '../../common/index.js';
import type { Mutation } from '../../data/index.js';
import { withoutTables } from '../node/truncation-records.js';

/**
 * A write a replica missed (Cassandra's Hint): the mutation, when the hint was made (a truncation of a
 * table at or after that time drops the table's part), and the smallest gc_grace_seconds of its tables
 * then (past it, applying the hint could bring back data whose tombstones were purged).
 */
export interface Hint {
  readonly mutation: Mutation;
  readonly createdMs: number;
  readonly gcGraceSeconds: number;
}

/** The smallest gc_grace_seconds of the tables a mutation writes (Mutation.smallestGCGS). */
export function smallestGcGraceSeconds(mutation: Mutation): number {
  return Math.min(...mutation.updates.map((u) => u.table.options.gcGraceSeconds));
}

/**
 * Hint.isLive: applicable until its creation plus its time to live, the smaller of the gc_grace_seconds
 * its tables had when it was made and the one they have now.
 */
export function isLiveHint(hint: Hint, nowGcGraceSeconds: number, nowMs: number): boolean {
  return hint.createdMs + Math.min(hint.gcGraceSeconds, nowGcGraceSeconds) * 1000 > nowMs;
}

/**
 * Where a HintStore records what it holds when the node keeps it on disk (HintFiles): told after each
 * change, before the change counts as made.
 */
export interface HintJournal {
  added(target: number, hint: Hint): void;
  delivered(target: number, hint: Hint): void;
  /** The target's hints are now exactly `hints`, oldest first (none: excised or all dropped). */
  replaced(target: number, hints: readonly Hint[]): void;
}

/** The hints a node held for each target at some point (HintStore.image). */
export type HintsImage = ReadonlyMap<number, readonly Hint[]>;

/**
 * The hints a node keeps for others (Cassandra's HintsService stores), oldest first per target. A target
 * gets no more once it has been down for longer than max_hint_window, or once its oldest undelivered hint
 * is older than that (StorageProxy.shouldHint with 4.1's default hint_window_persistent_enabled).
 */
export class HintStore {
  private readonly hints = new Map<number, Hint[]>();
  private readonly downSinceMs = new Map<number, number>();
  private journal: HintJournal | null = null;

  constructor(private readonly clock: Clock, private readonly maxHintWindowMs: number) {}

  /** Records every change from now on in `journal` (which holds what this store holds now). */
  attach(journal: HintJournal | null): void {
    this.journal = journal;
  }

  markDown(target: number): void {
    if (!this.downSinceMs.has(target)) this.downSinceMs.set(target, this.clock.nowMs());
  }

  markUp(target: number): void {
    this.downSinceMs.delete(target);
  }

  /** Keeps a hint made now, or at `createdMs` for a write older than the hint (a batch's replay, a transfer). */
  add(target: number, mutation: Mutation, createdMs = this.clock.nowMs()): void {
    const nowMs = this.clock.nowMs();
    const since = this.downSinceMs.get(target);
    if (since !== undefined && nowMs - since > this.maxHintWindowMs) return;
    const oldest = this.hints.get(target)?.[0];
    if (oldest !== undefined && nowMs - this.maxHintWindowMs > oldest.createdMs) return;
    this.keep(target, { mutation, createdMs, gcGraceSeconds: smallestGcGraceSeconds(mutation) });
  }

  /** Keeps a hint another node made, as it was made (handed over by a decommissioned node). */
  keep(target: number, hint: Hint): void {
    const list = this.hints.get(target) ?? [];
    list.push(hint);
    this.hints.set(target, list);
    this.journal?.added(target, hint);
  }

  /** The hints held for a target, oldest first (a copy: delivery acknowledges them one by one). */
  pending(target: number): Hint[] {
    return [...(this.hints.get(target) ?? [])];
  }

  /** A hint was delivered (or handed over): it is no longer held. */
  acknowledge(target: number, hint: Hint): void {
    const list = this.hints.get(target);
    const i = list?.indexOf(hint) ?? -1;
    if (i < 0) return;
    list!.splice(i, 1);
    if (list!.length === 0) this.hints.delete(target);
    this.journal?.delivered(target, hint);
  }

  /** Drops every hint for a node that left the cluster (HintsService.excise). */
  excise(target: number): void {
    this.hints.delete(target);
    this.journal?.replaced(target, []);
  }

  /** The hints held, by target: arrays of their own, the hints themselves shared (they are immutable). */
  image(): HintsImage {
    return new Map([...this.hints].map(([target, list]) => [target, [...list]]));
  }

  /** Holds exactly the hints of an image (which stays as it is); liveness of targets is left as gossip says. */
  restore(image: HintsImage): void {
    const before = [...this.hints.keys()];
    this.hints.clear();
    for (const [target, list] of image) if (list.length > 0) this.hints.set(target, [...list]);
    if (this.journal === null) return;
    for (const target of new Set([...before, ...image.keys()])) this.journal.replaced(target, this.hints.get(target) ?? []);
  }

  /**
   * Takes the updates of the tables named (ids in hex) out of every hint; a hint left with nothing is
   * dropped. What is left keeps its age.
   */
  dropTables(tableIds: ReadonlySet<string>): void {
    for (const [target, list] of this.hints) {
      const kept = list.flatMap((hint) => {
        const mutation = withoutTables(hint.mutation, tableIds);
        return mutation === null ? [] : [mutation === hint.mutation ? hint : { ...hint, mutation }];
      });
      if (kept.length === 0) this.hints.delete(target);
      else this.hints.set(target, kept);
      if (kept.length !== list.length || kept.some((hint, i) => hint !== list[i])) this.journal?.replaced(target, kept);
    }
  }

  /** The nodes this store holds hints for. */
  targets(): number[] {
    return [...this.hints.keys()];
  }

  count(target?: number): number {
    if (target !== undefined) return this.hints.get(target)?.length ?? 0;
    let n = 0;
    for (const list of this.hints.values()) n += list.length;
    return n;
  }
}

