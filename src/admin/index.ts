/** The admin/ public API: the admin HTTP API, metrics and logs of a cluster. */
export { startControlSurface, type ControlSurface, type ControlSurfaceOptions } from './control-surface.js';
export type { ClusterOperations } from './route.js';
export { LOG_LEVELS, type LogFormat, type LogLevel, type Logger } from './log/logger.js';
export { colourFor, type LineSink } from './log/pretty-destination.js';
export type { NodeListView, NodeView } from './node-view.js';
export { uuidText } from './uuid-text.js';
export { KvStore } from './kv/kv-store.js';
export { DEFAULT_KV_MAX_VALUE_BYTES } from './kv/kv-rules.js';
export { PRIME_OPCODES } from '../cluster/index.js';
