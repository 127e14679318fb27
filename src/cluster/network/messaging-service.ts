import type { SimulatedNetwork } from './simulated-network.js';

/**
 * What the parts of a node send through (Cassandra's MessagingService: requests with a callback and
 * one-way messages); the cluster's SimulatedNetwork carries them.
 */
export type MessagingService = Pick<SimulatedNetwork, 'request' | 'send'>;
