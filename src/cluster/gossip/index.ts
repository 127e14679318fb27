export {
  FailureDetector,
  DEFAULT_PHI_CONVICT_THRESHOLD,
  DEFAULT_INITIAL_INTERVAL_MS,
} from './failure-detector.js';
export { Gossiper, DEFAULT_GOSSIP_INTERVAL_MS, type StatusListener } from './gossiper.js';
export type { GossipMessage } from './gossip-message.js';
