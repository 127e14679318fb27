import type { Verb } from '../network/verb.js';

/**
 * The stages (thread pools) of Cassandra whose work a Cassanova node does on receiving messages, by their
 * pool names. Client requests (Native-Transport-Requests) are counted by the native transport.
 */
export const STAGES = ['AntiEntropyStage', 'CounterMutationStage', 'GossipStage', 'MutationStage', 'ReadStage'] as const;

export type Stage = (typeof STAGES)[number];

/**
 * The stage each verb runs on at the receiving node (Cassandra's Verb → Stage). MUTATION, READ_REPAIR, HINT,
 * READ and PAXOS_COMMIT are left out: their work is counted where it touches the storage (Node.applyLocally and
 * readLocally), which is also where a coordinator's own replica does it without a message. Streaming
 * runs on no stage.
 */
export const VERB_STAGES: Readonly<Record<Verb, Stage | null>> = {
  MUTATION: null,
  READ: null,
  READ_REPAIR: null,
  HINT: null,
  PAXOS_COMMIT: null,
  BATCH_STORE: 'MutationStage',
  BATCH_REMOVE: 'MutationStage',
  COUNTER_MUTATION: 'CounterMutationStage',
  PAXOS_PREPARE: 'MutationStage',
  PAXOS_PROPOSE: 'MutationStage',
  GOSSIP: 'GossipStage',
  STREAM: null,
  SCHEMA: null,
  REPAIR: 'AntiEntropyStage',
  TRUNCATE: 'MutationStage',
};

/** Tasks completed per stage on one node. */
export class StageMetrics {
  private readonly completed: Record<Stage, number> = {
    AntiEntropyStage: 0, CounterMutationStage: 0, GossipStage: 0, MutationStage: 0, ReadStage: 0,
  };

  complete(stage: Stage): void {
    this.completed[stage]++;
  }

  completedTasks(stage: Stage): number {
    return this.completed[stage];
  }
}
