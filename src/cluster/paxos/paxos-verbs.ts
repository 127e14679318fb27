import { uuidToString } from '../../types/index.js';
import type { ReplicaNode } from '../node/replica-node.js';
import { applyMutation } from '../node/replica-operations.js';
import { describeCommit, mutationOf, type Commit } from './commit.js';
import type { PaxosState } from './paxos-state.js';

/**
 * Installs what a replica does in each Paxos phase: promise, accept, and learn a commit (apply its
 * update to the table, unless the table was truncated since its ballot, and remember it as the most
 * recent commit). The commit handler never throws: it
 * also serves one-way commits. Traced as Cassandra's PaxosState traces each step.
 */
export function installPaxosVerbs(node: ReplicaNode, state: PaxosState): void {
  node.handle('PAXOS_PREPARE', (_from, payload, trace) => {
    const toPrepare = payload as Commit;
    const response = state.prepare(toPrepare);
    if (trace !== null) {
      const promised = response.inProgress === null ? 'null' : uuidToString(response.inProgress.ballot.uuid);
      trace.trace(response.promised
        ? `Promising ballot ${uuidToString(toPrepare.ballot.uuid)}`
        : `Promise rejected; ${describeCommit(toPrepare)} is not sufficiently newer than ${promised}`);
    }
    return afterSync(state, response);
  });
  node.handle('PAXOS_PROPOSE', (_from, payload, trace) => {
    const proposal = payload as Commit;
    const accepted = state.propose(proposal);
    if (trace !== null) {
      const promised = state.partition(proposal.update.table.id, proposal.update.key).promised;
      trace.trace(accepted
        ? `Accepting proposal ${describeCommit(proposal)}`
        : `Rejecting proposal for ${describeCommit(proposal)} because inProgress is now ${promised === null ? 'null' : uuidToString(promised.uuid)}`);
    }
    return afterSync(state, accepted);
  });
  // A commit whose ballot predates the table's last truncation here is remembered but not applied: it
  // would bring truncated data back (PaxosState.commit).
  node.handle('PAXOS_COMMIT', (_from, payload, trace) => {
    const commit = payload as Commit;
    let synced: Promise<void> | undefined;
    if (Number(commit.ballot.micros / 1000n) >= node.truncations.truncatedAt(commit.update.table.id)) {
      trace?.trace(`Committing proposal ${describeCommit(commit)}`);
      synced = applyMutation(node, mutationOf(commit.update), trace);
    } else {
      trace?.trace(`Not committing proposal ${describeCommit(commit)} as ballot timestamp predates last truncation time`);
    }
    state.commit(commit);
    // In commit log batch mode the commit is acknowledged once the commit log and the Paxos state are synced; a
    // failed sync fails the answer (the network lets a one-way commit's failure go).
    const recorded = state.synced();
    if (synced === undefined && recorded === undefined) return true;
    return Promise.all([synced, recorded]).then(() => true);
  });
}

/** `response` once the Paxos state it reflects is on disk (commit log batch mode); at once otherwise. */
function afterSync<T>(state: PaxosState, response: T): T | Promise<T> {
  const synced = state.synced();
  return synced === undefined ? response : synced.then(() => response);
}
