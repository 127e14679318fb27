/**
 * The kinds of message nodes exchange, after Cassandra's Verb enum. A response travels under the verb of
 * its request (Cassandra's MUTATION_RSP, READ_RSP, … are not modelled separately).
 */
export const VERBS = [
  'MUTATION',
  'READ',
  'READ_REPAIR',
  'HINT',
  'BATCH_STORE',
  'BATCH_REMOVE',
  'COUNTER_MUTATION',
  'PAXOS_PREPARE',
  'PAXOS_PROPOSE',
  'PAXOS_COMMIT',
  'GOSSIP',
  'STREAM',
  'SCHEMA',
  'REPAIR',
  'TRUNCATE',
] as const;

export type Verb = (typeof VERBS)[number];
