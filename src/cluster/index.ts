export * from './cluster.js';
export * from './node/node.js';
export { murmur3Token, MIN_TOKEN, MAX_TOKEN } from './ring/murmur3.js';
export { MURMUR3_PARTITIONER_CLASS, murmur3Partitioner } from './ring/murmur3-partitioner.js';
export { RELEASE_VERSION, CQL_VERSION } from './node/system-views.js';
export { SimulatedNetwork, RequestTimeoutError, type LinkSettings, type NodeState } from './network/simulated-network.js';
export type { Verb } from './network/verb.js';
export type { CasRequest } from './paxos/paxos-requests.js';
export type { Proposal } from './paxos/paxos-coordinator.js';
