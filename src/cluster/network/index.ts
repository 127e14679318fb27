export { VERBS, type Verb } from './verb.js';
export type { LinkSettingsChange } from './link-settings.js';
export type { FilterAction, MessageFilter } from './message-filters.js';
export {
  SimulatedNetwork,
  RequestTimeoutError,
  MAX_QUEUED_MESSAGES_PER_LINK,
  type LinkSettings,
  type MessageCounts,
  type MessageHandler,
  type NetworkFaults,
  type NodeState,
} from './simulated-network.js';
