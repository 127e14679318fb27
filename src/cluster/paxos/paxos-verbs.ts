import type { Node } from '../node/node.js';
import { mutationOf, type Commit } from './commit.js';
import type { PaxosState } from './paxos-state.js';

/**
 * Installs what a replica does in each Paxos phase: promise, accept, and learn a commit (apply its
 * update to the table and remember it as the most recent commit). The commit handler never throws: it
 * also serves one-way commits.
 */
export function installPaxosVerbs(node: Node, state: PaxosState): void {
  node.handle('PAXOS_PREPARE', (_from, payload) => state.prepare(payload as Commit));
  node.handle('PAXOS_PROPOSE', (_from, payload) => state.propose(payload as Commit));
  node.handle('PAXOS_COMMIT', (_from, payload) => {
    const commit = payload as Commit;
    node.applyLocally(mutationOf(commit.update));
    state.commit(commit);
    return true;
  });
}
