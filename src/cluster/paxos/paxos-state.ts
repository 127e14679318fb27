import { compareBallots, isAfter, type Ballot } from './ballot.js';
import { emptyUpdate, partitionId, type Commit } from './commit.js';

/** A replica's answer to a prepare (Cassandra's PrepareResponse). */
export interface PrepareResponse {
  readonly promised: boolean;
  /**
   * Promised: the proposal this replica accepted last and has not seen committed, if any. Refused: the
   * ballot it promised instead (with an empty update), so the coordinator's next ballot can be newer.
   */
  readonly inProgress: Commit | null;
  readonly mostRecentCommit: Commit | null;
}

/** What one replica remembers of one partition's Paxos rounds (a row of Cassandra's system.paxos). */
export interface PartitionPaxos {
  readonly promised: Ballot | null;
  readonly accepted: Commit | null;
  readonly committed: Commit | null;
}

/** A replica's Paxos state at some point (PaxosState.image), by partition. */
export type PaxosImage = ReadonlyMap<string, PartitionPaxos>;

/** Where a PaxosState records each change when the node keeps it on disk (PaxosFile), before it answers. */
export interface PaxosJournal {
  /** Partition `id` (see partitionId) now holds `state`. */
  changed(id: string, state: PartitionPaxos): void;
  /** The state is now exactly `image`. */
  replaced(image: PaxosImage): void;
  /** In commit log batch mode, the sync of the changes recorded so far, until it ran: answers wait for it. */
  synced(): Promise<void> | undefined;
}

const NOTHING: PartitionPaxos = { promised: null, accepted: null, committed: null };

/**
 * The acceptor side of Paxos on one node, per partition (Cassandra's PaxosState, v1): promise newer
 * ballots only, accept proposals at or above the promise, remember the most recent commit. Like
 * system.paxos it outlives a stop and restart of the node.
 */
export class PaxosState {
  private readonly partitions = new Map<string, PartitionPaxos>();
  private journal: PaxosJournal | null = null;

  /** Records every change from now on in `journal` (which holds what this state holds now). */
  attach(journal: PaxosJournal | null): void {
    this.journal = journal;
  }

  /** Promises `toPrepare.ballot` if it is newer than every ballot promised so far. */
  prepare(toPrepare: Commit): PrepareResponse {
    const id = partitionId(toPrepare.update);
    const state = this.partitions.get(id) ?? NOTHING;
    if (!isAfter(toPrepare.ballot, state.promised)) {
      const { table, key, token } = toPrepare.update;
      const promised = state.promised === null ? null : { ballot: state.promised, update: emptyUpdate(table, key, token) };
      return { promised: false, inProgress: promised, mostRecentCommit: state.committed };
    }
    this.set(id, { ...state, promised: toPrepare.ballot });
    return { promised: true, inProgress: state.accepted, mostRecentCommit: state.committed };
  }

  /**
   * Accepts a proposal whose ballot is the promised one or newer. Accepting is also a promise: no older
   * ballot may be promised afterwards, as in any Paxos acceptor.
   */
  propose(proposal: Commit): boolean {
    const id = partitionId(proposal.update);
    const state = this.partitions.get(id) ?? NOTHING;
    if (compareBallots(proposal.ballot, state.promised) < 0) return false;
    this.set(id, { ...state, promised: proposal.ballot, accepted: proposal });
    return true;
  }

  /**
   * Records a commit (the caller applies its update to the table): it becomes the most recent commit
   * unless a newer one is known, and clears an accepted proposal it supersedes.
   */
  commit(commit: Commit): void {
    const id = partitionId(commit.update);
    const state = this.partitions.get(id) ?? NOTHING;
    const committed = isAfter(commit.ballot, state.committed?.ballot ?? null) ? commit : state.committed;
    const accepted = state.accepted !== null && compareBallots(state.accepted.ballot, commit.ballot) <= 0 ? null : state.accepted;
    this.set(id, { ...state, accepted, committed });
  }

  private set(id: string, state: PartitionPaxos): void {
    this.partitions.set(id, state);
    this.journal?.changed(id, state);
  }

  /**
   * What an answer reflecting the state now waits for: the sync of its changes on disk in commit log batch
   * mode (PaxosJournal.synced), until it ran; nothing otherwise.
   */
  synced(): Promise<void> | undefined {
    return this.journal?.synced();
  }

  /** Everything this replica remembers, as it is now (the states are immutable and shared). */
  image(): PaxosImage {
    return new Map(this.partitions);
  }

  restore(image: PaxosImage): void {
    this.partitions.clear();
    for (const [id, state] of image) this.partitions.set(id, state);
    this.journal?.replaced(this.image());
  }

  /** Forgets the rounds of the tables named (ids in hex): their data is gone, nothing may be replayed into them. */
  dropTables(tableIds: ReadonlySet<string>): void {
    let dropped = false;
    for (const id of this.partitions.keys()) {
      if (tableIds.has(id.slice(0, id.indexOf('/')))) dropped = this.partitions.delete(id);
    }
    if (dropped) this.journal?.replaced(this.image());
  }

  /** What this replica holds for one partition (diagnostics and tests). */
  partition(tableId: Buffer, key: Buffer): PartitionPaxos {
    return this.partitions.get(`${tableId.toString('hex')}/${key.toString('hex')}`) ?? NOTHING;
  }
}
