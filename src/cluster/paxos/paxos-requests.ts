import { ConsistencyLevel, ReadTimeoutError, WriteTimeoutError } from '../../errors/index.js';
import type { RequestContext } from '../../common/index.js';
import { partitionKeyString, type ReadPartition, type SinglePartitionReadCommand, type UnfilteredPartition } from '../../data/index.js';
import { blockFor } from '../coordinator/consistency.js';
import type { CoordinatorNode } from '../coordinator/coordinator-node.js';
import { readPartition } from '../coordinator/read-path.js';
import { doPaxos, type Proposal } from './paxos-coordinator.js';
import { validateForCas, validateForCasCommit } from './paxos-plan.js';
import { PaxosRound } from './paxos-round.js';

/** A lightweight transaction as the query layer hands it to the coordinator (Cassandra's CASRequest). */
export interface CasRequest<R> {
  /** The read of the current values the conditions are checked against. */
  readonly readCommand: SinglePartitionReadCommand;
  /**
   * Checks the conditions against the current partition and, when they hold, makes the update, written
   * at `timestampMicros`: the ballot's time, so that the updates of later transactions win over it (the
   * proposal then puts its tombstones a microsecond earlier, as Cassandra's Commit.newProposal does).
   */
  propose(current: ReadPartition | undefined, timestampMicros: bigint): Promise<Proposal<R>>;
}

/** The level that reads (and replays) at the serial level's scope: QUORUM, or LOCAL_QUORUM for LOCAL_SERIAL. */
function quorumFor(serial: ConsistencyLevel): ConsistencyLevel {
  return serial === ConsistencyLevel.LOCAL_SERIAL ? ConsistencyLevel.LOCAL_QUORUM : ConsistencyLevel.QUORUM;
}

/**
 * A compare-and-set on one partition (Cassandra's StorageProxy.cas, Paxos v1): once a ballot is
 * prepared, the current values are read at QUORUM (LOCAL_QUORUM), the conditions checked, and the update
 * proposed and committed at the statement's consistency level. Resolves with the request's result.
 */
export function cas<R>(
  node: CoordinatorNode, cas: CasRequest<R>, serial: ConsistencyLevel, commit: ConsistencyLevel, request: RequestContext,
): Promise<R> {
  validateForCas(serial);
  validateForCasCommit(commit);
  const { table, key, token } = cas.readCommand;
  const trace = request.trace;
  const round = new PaxosRound(node, table, key, token, request);
  const readLevel = quorumFor(serial);
  let applied = false;
  const outcome = doPaxos(round, { serial, replayCommit: commit, commit }, async (ballot) => {
    trace?.trace('Reading existing values for CAS precondition');
    const partitions = await node.read(cas.readCommand, readLevel, request);
    const proposal = await cas.propose(partitions[0], ballot.micros);
    applied = proposal.update !== null;
    if (!applied) trace?.trace(`CAS precondition does not match current values [${table.keyspace}.${table.name}] key=${partitionKeyString(table, key)}`);
    return proposal;
  });
  if (trace === null) return outcome;
  return outcome.then((result) => {
    trace.trace(applied ? 'CAS applied successfully' : 'CAS did not apply');
    return result;
  });
}

/**
 * A SERIAL or LOCAL_SERIAL read of one partition: a Paxos round proposing nothing completes whatever
 * earlier round is unfinished and keeps any older one from completing later, then the partition is read
 * at QUORUM (LOCAL_QUORUM). A Paxos timeout is reported as a ReadTimeout at the serial level.
 */
export async function readWithPaxos(
  node: CoordinatorNode, command: SinglePartitionReadCommand, serial: ConsistencyLevel, request: RequestContext,
): Promise<UnfilteredPartition[]> {
  const quorum = quorumFor(serial);
  const placement = node.cluster.placement(command.table.keyspace, command.token, node);
  const blockForRead = blockFor(serial, placement.factors, node.identity.dataCenter);
  const round = new PaxosRound(node, command.table, command.key, command.token, request);
  try {
    await doPaxos(round, { serial, replayCommit: quorum, commit: ConsistencyLevel.ANY }, () => Promise.resolve({ update: null, result: null }));
  } catch (e) {
    if (e instanceof WriteTimeoutError) throw new ReadTimeoutError(serial, 0, blockForRead, false);
    throw e;
  }
  // StorageProxy.readWithPaxos proposes an empty update, which Cassandra traces as a CAS that applied.
  request.trace?.trace('CAS applied successfully');
  return readPartition(node, command, placement, quorum, request);
}
