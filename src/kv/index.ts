/** The kv/ public API: the key-value API's vocabulary and its HTTP client. It imports nothing of the server. */
export { KvClient, type KvFetch } from './kv-client.js';
export { KvError, type KvErrorDetails, type KvErrorStatus } from './kv-error.js';
export type {
  KvConditionOptions, KvConsistency, KvDeleteOptions, KvEntry, KvListOptions, KvNamespace, KvPage, KvRequestOptions, KvSetOptions,
  KvWriteResult,
} from './kv-namespace.js';
