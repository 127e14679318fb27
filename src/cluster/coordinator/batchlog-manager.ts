import type { Mutation } from '../../data/index.js';
import { replayableMutation, withoutTables } from '../node/truncation-records.js';
import type { CoordinatorNode } from './coordinator-node.js';

/** The batches a node held at some point (BatchlogManager.image), by id in hex. */
export type BatchlogImage = ReadonlyMap<string, Batch>;

/** A logged batch as kept in the batchlog of another node until its coordinator removes it. */
export interface Batch {
  /** A timeuuid from the coordinator's clock. */
  readonly id: Buffer;
  readonly createdMs: number;
  readonly mutations: readonly Mutation[];
}

/** Where a BatchlogManager records its batches when the node keeps them on disk (BatchlogFile). */
export interface BatchlogJournal {
  stored(batch: Batch): void;
  removed(id: Buffer): void;
  /** The batchlog now holds exactly `image`. */
  replaced(image: BatchlogImage): void;
  /** In commit log batch mode, the sync of the records so far, until it ran: a store's answer waits for it. */
  synced(): Promise<void> | undefined;
}

/**
 * One node's batchlog (Cassandra's BatchlogManager with its system.batches table): batches other
 * coordinators stored here before applying them. A batch its coordinator has not removed after the
 * batchlog timeout (twice write_request_timeout) is replayed from here: every mutation sent to every
 * replica, hinted for those down or silent, then the batch is dropped. What the batch writes to tables
 * dropped or truncated since it was written is left out. Kept across a stop and restart.
 */
export class BatchlogManager {
  readonly stats = { stored: 0, removed: 0, replayed: 0 };
  private readonly batches = new Map<string, Batch>();
  private readonly replaying = new Set<string>();
  private journal: BatchlogJournal | null = null;

  constructor(private readonly node: CoordinatorNode) {
    node.handle('BATCH_STORE', (_from, payload) => {
      this.store(payload as Batch);
      // In commit log batch mode the store is acknowledged once the batch is on disk.
      const synced = this.journal?.synced();
      return synced === undefined ? true : synced.then(() => true);
    });
    node.handle('BATCH_REMOVE', (_from, payload) => {
      this.remove(payload as Buffer);
      return true;
    });
    // What fell due while the node was down is replayed once it is back, as Cassandra replays at startup.
    node.onStatusChange((status) => {
      if (status === 'up') this.replayDue();
    });
  }

  /** Records every change from now on in `journal` (which holds what this batchlog holds now). */
  attach(journal: BatchlogJournal | null): void {
    this.journal = journal;
  }

  /** In commit log batch mode, the sync of the batches stored so far, until it ran (see BatchlogJournal.synced). */
  synced(): Promise<void> | undefined {
    return this.journal?.synced();
  }

  /** Batches held and not yet removed or replayed. */
  get pendingCount(): number {
    return this.batches.size;
  }

  has(id: Buffer): boolean {
    return this.batches.has(id.toString('hex'));
  }

  store(batch: Batch): void {
    this.journal?.stored(batch);
    this.batches.set(batch.id.toString('hex'), batch);
    this.stats.stored++;
    this.scheduleReplay(this.timeoutMs());
  }

  private scheduleReplay(delayMs: number): void {
    this.node.cluster.scheduler.schedule(delayMs, () => {
      if (this.node.status === 'up') this.replayDue();
    });
  }

  remove(id: Buffer): void {
    if (this.forget(id.toString('hex'))) this.stats.removed++;
  }

  private forget(key: string): boolean {
    const batch = this.batches.get(key);
    if (batch === undefined) return false;
    this.batches.delete(key);
    this.journal?.removed(batch.id);
    return true;
  }

  /** The batches held now (immutable, shared), by id in hex. */
  image(): BatchlogImage {
    return new Map(this.batches);
  }

  /**
   * Holds exactly the batches of an image; each is replayed once due, as if stored when it was: a batch
   * already past the batchlog timeout at the next turn.
   */
  restore(image: BatchlogImage): void {
    this.batches.clear();
    const nowMs = this.node.clock.nowMs();
    let firstDueMs = Infinity;
    for (const [key, batch] of image) {
      this.batches.set(key, batch);
      firstDueMs = Math.min(firstDueMs, batch.createdMs + this.timeoutMs());
    }
    if (firstDueMs !== Infinity) this.scheduleReplay(Math.max(0, firstDueMs - nowMs));
    this.journal?.replaced(image);
  }

  /** Takes the mutations of the tables named (ids in hex) out of every batch; a batch left empty goes. */
  dropTables(tableIds: ReadonlySet<string>): void {
    let changed = false;
    for (const [key, batch] of this.batches) {
      const mutations = batch.mutations.flatMap((m) => withoutTables(m, tableIds) ?? []);
      const unchanged = mutations.length === batch.mutations.length && mutations.every((m, i) => m === batch.mutations[i]);
      if (mutations.length === 0) this.batches.delete(key);
      else if (!unchanged) this.batches.set(key, { ...batch, mutations });
      changed ||= !unchanged;
    }
    if (changed) this.journal?.replaced(this.image());
  }

  /** Replays every batch older than the batchlog timeout that nobody removed. */
  replayDue(): void {
    const nowMs = this.node.clock.nowMs();
    for (const [key, batch] of this.batches) {
      if (nowMs - batch.createdMs >= this.timeoutMs() && !this.replaying.has(key)) void this.replay(key, batch);
    }
  }

  /**
   * Replays every batch held, due or not, and resolves once all are done: a decommissioned node's
   * batchlog goes with it (StorageService.unbootstrap replays it first, after waiting at least the
   * batchlog timeout, by which time every batch is due).
   */
  async replayAll(): Promise<void> {
    await Promise.all([...this.batches].filter(([key]) => !this.replaying.has(key)).map(([key, batch]) => this.replay(key, batch)));
  }

  private timeoutMs(): number {
    return 2 * this.node.cluster.config.writeRequestTimeoutMs;
  }

  private async replay(key: string, batch: Batch): Promise<void> {
    this.replaying.add(key);
    await Promise.all(batch.mutations.map((m) => this.replayMutation(m, batch.createdMs)));
    this.replaying.delete(key);
    if (this.forget(key)) this.stats.replayed++;
  }

  /**
   * Sends a mutation to all its replicas; whoever is down or does not answer gets a hint dated from the
   * batch (as the batchlog's hints are), so that a truncation since then applies to it too.
   */
  private async replayMutation(mutation: Mutation, writtenAtMs: number): Promise<void> {
    const node = this.node;
    const m = replayableMutation(mutation, writtenAtMs, node.schema(), node.truncations);
    if (m === null) return;
    const { replicas } = node.cluster.placement(m.keyspace, m.token, node);
    const timeoutMs = node.cluster.config.writeRequestTimeoutMs;
    await Promise.all(replicas.map(async (r) => {
      if (!node.isAlive(r.id)) {
        node.hints.add(r.id, m, writtenAtMs);
        return;
      }
      try {
        await node.cluster.network.request(node.identity.id, r.id, 'MUTATION', m, timeoutMs);
      } catch {
        node.hints.add(r.id, m, writtenAtMs);
      }
    }));
  }
}
