import { CasWriteUnknownError, ConsistencyLevel, WriteTimeoutError } from '../../errors/index.js';
import { AckCounter, assureSufficientLiveReplicas, blockFor } from '../coordinator/consistency.js';
import { collectResponses } from '../coordinator/collect-responses.js';
import { compareBallots, isAfter, type Ballot } from './ballot.js';
import { mutationOf, type Commit } from './commit.js';
import type { PaxosPlan } from './paxos-plan.js';
import type { PaxosRound } from './paxos-round.js';
import type { PrepareResponse } from './paxos-state.js';
import { tracedSend } from '../tracing/traced-request.js';

/** What the prepare phase learnt (Cassandra's PrepareCallback once awaited). */
export interface PrepareSummary {
  readonly promised: boolean;
  /** The newest accepted proposal reported, or on refusal the newest promise. */
  readonly inProgress: Commit | null;
  readonly mostRecentCommit: Commit | null;
  /** Replicas that promised but have not learnt the most recent commit. */
  readonly missingMostRecentCommit: readonly number[];
}

/**
 * Phase 1: asks every live participant to promise `ballot`; waits for a majority of promises or the
 * first refusal. WriteTimeout (CAS) when a majority does not answer in time.
 */
export async function preparePaxos(round: PaxosRound, plan: PaxosPlan, ballot: Ballot): Promise<PrepareSummary> {
  const heard = { promised: true, responses: 0, inProgress: null as Commit | null, mostRecentCommit: null as Commit | null };
  const commits = new Map<number, Ballot | null>();
  const toPrepare: Commit = { ballot, update: round.emptyUpdate() };
  const enough = await collectResponses<PrepareResponse>(round.node, plan.contacts.map((r) => r.id), 'PAXOS_PREPARE', toPrepare, round.remainingMs(), {
    onResponse(from, response) {
      heard.responses++;
      // Kept even from a refusal: its promised ballot tells the next attempt how new a ballot must be.
      if (response.inProgress !== null && isAfter(response.inProgress.ballot, heard.inProgress?.ballot ?? null)) heard.inProgress = response.inProgress;
      if (!response.promised) {
        heard.promised = false;
        return true;
      }
      commits.set(from, response.mostRecentCommit?.ballot ?? null);
      if (response.mostRecentCommit !== null && isAfter(response.mostRecentCommit.ballot, heard.mostRecentCommit?.ballot ?? null)) {
        heard.mostRecentCommit = response.mostRecentCommit;
      }
      return heard.responses >= plan.required;
    },
  }, round.trace);
  if (!enough) throw new WriteTimeoutError(plan.serial, heard.responses, plan.required, 'CAS');
  const newest = heard.mostRecentCommit?.ballot ?? null;
  const missingMostRecentCommit = [...commits].filter(([, b]) => compareBallots(b, newest) !== 0).map(([id]) => id);
  return { promised: heard.promised, inProgress: heard.inProgress, mostRecentCommit: heard.mostRecentCommit, missingMostRecentCommit };
}

/**
 * Phase 2: asks the participants to accept `proposal`; true once a majority did. Waits for every answer
 * otherwise, since it matters whether nobody accepted; a coordinator replaying another's proposal
 * (`backOffIfPartial` false) stops as soon as a majority is out of reach. When the proposal was
 * accepted by some but not a majority, the CAS result is unknown: another round may yet complete it.
 */
export async function proposePaxos(round: PaxosRound, plan: PaxosPlan, proposal: Commit, backOffIfPartial: boolean): Promise<boolean> {
  const total = plan.contacts.length;
  let responses = 0;
  let accepts = 0;
  const answered = await collectResponses<boolean>(round.node, plan.contacts.map((r) => r.id), 'PAXOS_PROPOSE', proposal, round.remainingMs(), {
    onResponse(_from, accepted) {
      responses++;
      if (accepted) accepts++;
      const hopeless = !backOffIfPartial && total - responses + accepts < plan.required;
      return accepts >= plan.required || responses === total || hopeless;
    },
  }, round.trace);
  if (!answered) throw new WriteTimeoutError(plan.serial, responses, total, 'CAS');
  if (accepts >= plan.required) return true;
  if (backOffIfPartial && accepts > 0) throw new CasWriteUnknownError(plan.serial, accepts, plan.required);
  return false;
}

/**
 * Phase 3: every replica of the partition learns the commit and applies its update; waits for `cl` like
 * an ordinary write (WriteTimeout with writeType SIMPLE, as Cassandra's commit handler reports). With
 * ANY nothing is awaited. Replicas down or failing get a hint of the update when `allowHints`.
 */
export async function commitPaxos(round: PaxosRound, commit: Commit, cl: ConsistencyLevel, allowHints: boolean): Promise<void> {
  const node = round.node;
  const { replicas, factors } = node.cluster.placement(round.table.keyspace, round.token, node);
  const alive = replicas.filter((r) => node.isAlive(r.id));
  const hint = (target: number): void => {
    if (allowHints) node.hints.add(target, mutationOf(commit.update));
  };
  if (cl === ConsistencyLevel.ANY) {
    for (const r of replicas) if (!alive.includes(r)) hint(r.id);
    sendCommit(round, commit, alive.map((r) => r.id));
    return;
  }
  const localDc = node.identity.dataCenter;
  assureSufficientLiveReplicas(cl, alive, factors, localDc);
  const required = blockFor(cl, factors, localDc);
  const acks = new AckCounter(cl, required, factors, localDc);
  for (const r of replicas) if (!alive.includes(r)) hint(r.id);
  const enough = await collectResponses<boolean>(node, alive.map((r) => r.id), 'PAXOS_COMMIT', commit, round.remainingMs(), {
    onResponse(from) {
      acks.ack(alive.find((r) => r.id === from)!);
      return acks.satisfied;
    },
    onFailure: hint,
  }, round.trace);
  if (!enough) throw acks.timeout('SIMPLE');
}

/** Sends a commit without waiting for answers (repairing replicas that missed the most recent commit). */
export function sendCommit(round: PaxosRound, commit: Commit, targets: readonly number[]): void {
  for (const target of targets) tracedSend(round.node, target, 'PAXOS_COMMIT', commit, round.trace);
}
