export { NativeTransportServer } from './native-transport-server.js';
export type { ConnectionLimits } from './connection.js';
export { listenAll } from './cluster-listeners.js';
