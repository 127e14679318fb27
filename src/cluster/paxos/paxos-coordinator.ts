import { contactedReplicas } from '../../common/index.js';
import { ConsistencyLevel, WriteTimeoutError } from '../../errors/index.js';
import type { PartitionUpdate } from '../../data/index.js';
import { uuidToString } from '../../types/index.js';
import { blockFor } from '../coordinator/consistency.js';
import { isAfter, type Ballot } from './ballot.js';
import { describeCommit, isEmptyUpdate, newProposal } from './commit.js';
import { paxosPlan, type PaxosPlan } from './paxos-plan.js';
import { commitPaxos, preparePaxos, proposePaxos, sendCommit } from './paxos-phases.js';
import type { PaxosRound } from './paxos-round.js';

const PRE_EMPTED = 'Some replicas have already promised a higher ballot than ours; aborting';

/** What an operation proposes once its ballot is prepared: an update (null: change nothing) and its result. */
export interface Proposal<R> {
  readonly update: PartitionUpdate | null;
  readonly result: R;
}

/** The consistency levels of one Paxos operation. */
export interface PaxosLevels {
  /** SERIAL or LOCAL_SERIAL: who takes part in prepare and propose. */
  readonly serial: ConsistencyLevel;
  /** For committing an unfinished proposal of an earlier round found while preparing. */
  readonly replayCommit: ConsistencyLevel;
  /** For committing this operation's own update. */
  readonly commit: ConsistencyLevel;
}

/**
 * Runs Paxos rounds until one proposal of this operation is accepted by a majority (Cassandra's
 * StorageProxy.doPaxos, v1), retrying with newer ballots while other coordinators pre-empt it, up to
 * cas_contention_timeout. `propose` is called after every successful prepare and may answer differently
 * each time. An empty update is accepted but not committed (it only closes earlier rounds).
 */
export async function doPaxos<R>(round: PaxosRound, levels: PaxosLevels, propose: (ballot: Ballot) => Promise<Proposal<R>>): Promise<R> {
  const keyspace = round.table.keyspace;
  try {
    while (round.canRetry()) {
      // Liveness is checked once per attempt.
      const plan = paxosPlan(round.node, keyspace, round.token, levels.serial);
      contactedReplicas(round.request, plan.contacts);
      const ballot = await beginAndRepairPaxos(round, plan, levels.replayCommit);
      const { update, result } = await propose(ballot);
      const proposal = newProposal(ballot, update ?? round.emptyUpdate());
      round.trace?.trace(`CAS precondition is met; proposing client-requested updates for ${uuidToString(ballot.uuid)}`);
      if (await proposePaxos(round, plan, proposal, true)) {
        if (!isEmptyUpdate(proposal.update)) await commitPaxos(round, proposal, levels.commit, true);
        return result;
      }
      round.trace?.trace('Paxos proposal not accepted (pre-empted by a higher ballot)');
      round.contentions++;
      await round.backOff();
    }
  } catch (e) {
    if (e instanceof WriteTimeoutError) throw new WriteTimeoutError(e.consistency, e.received, e.blockFor, e.writeType, round.contentions);
    throw e;
  }
  throw contentionTimeout(round, levels.serial);
}

/**
 * Prepares a new ballot and brings the partition up to date before this operation may propose: an
 * accepted but uncommitted proposal newer than the last commit is completed first (under the new
 * ballot), and replicas that missed the last commit are sent it; either way the attempt starts over.
 */
async function beginAndRepairPaxos(round: PaxosRound, plan: PaxosPlan, replayCommit: ConsistencyLevel): Promise<Ballot> {
  let minMicros: bigint | null = null;
  while (round.canRetry()) {
    const ballot = round.nextBallot(minMicros);
    round.trace?.trace(`Preparing ${uuidToString(ballot.uuid)}`);
    const summary = await preparePaxos(round, plan, ballot);
    if (summary.inProgress !== null) minMicros = summary.inProgress.ballot.micros + 1n;
    if (!summary.promised) {
      round.trace?.trace(PRE_EMPTED);
      round.contentions++;
      await round.backOff();
      continue;
    }
    const inProgress = summary.inProgress;
    const mostRecent = summary.mostRecentCommit;
    // Empty proposals (serial reads, CAS that did not apply) are neither committed nor replayed.
    if (inProgress !== null && !isEmptyUpdate(inProgress.update) && isAfter(inProgress.ballot, mostRecent?.ballot ?? null)) {
      round.trace?.trace(`Finishing incomplete paxos round ${describeCommit(inProgress)}`);
      // Re-stamped with the new ballot (Commit.newProposal), so that it wins over the writes made since.
      const refreshed = newProposal(ballot, inProgress.update);
      if (await proposePaxos(round, plan, refreshed, false)) {
        await commitPaxos(round, refreshed, replayCommit, false);
      } else {
        round.trace?.trace(PRE_EMPTED);
        round.contentions++;
        await round.backOff();
      }
      continue;
    }
    // A new value may only be proposed once a majority learnt the previous one (CASSANDRA-5062).
    if (mostRecent !== null && summary.missingMostRecentCommit.length > 0) {
      round.trace?.trace('Repairing replicas that missed the most recent commit');
      sendCommit(round, mostRecent, summary.missingMostRecentCommit);
      continue;
    }
    return ballot;
  }
  throw contentionTimeout(round, plan.serial);
}

/** cas_contention_timeout ran out: WriteTimeout (CAS) with nothing received, as Cassandra reports it. */
function contentionTimeout(round: PaxosRound, serial: ConsistencyLevel): WriteTimeoutError {
  const { factors } = round.node.cluster.placement(round.table.keyspace, round.token, round.node);
  return new WriteTimeoutError(serial, 0, blockFor(serial, factors, round.node.identity.dataCenter), 'CAS', round.contentions);
}
