// @ts-check
/**
 * The admin API as the dashboard calls it: same origin, JSON in and out. A refusal becomes an Error whose
 * message is the API's own (it names the field or the state at fault), so the page can show it as is.
 */

/** @typedef {'up' | 'down' | 'paused'} NodeStatus */
/**
 * @typedef {object} NodeView
 * @property {number} id
 * @property {string} address
 * @property {number} nativePort
 * @property {string} dataCenter
 * @property {string} rack
 * @property {string[]} tokens
 * @property {NodeStatus} status
 * @property {'joining' | 'normal' | 'leaving'} state
 * @property {'UP' | 'DOWN'} gossip
 * @property {number} loadBytes
 * @property {number} connections
 * @property {number} requests
 * @property {number} owns
 */
/** @typedef {{ observer: number, nodes: NodeView[] }} NodeList */
/** @typedef {{ from?: number, to?: number, latencyMs?: number, loss?: number }} LinkChange */
/** @typedef {{ partition: number[][] | null, links: LinkChange[] }} NetworkView */
/** @typedef {{ id: number, address: string, dataCenter: string, rack: string }} Replica */
/** @typedef {{ keyspace: string, table: string, key: string, token: string, replicas: Replica[] }} ReplicasView */
/** @typedef {{ name: string, type: string, kind: string }} ColumnView */
/** @typedef {{ name: string, virtual: boolean, baseTable: string | null, columns: ColumnView[] }} TableView */
/** @typedef {{ name: string, replication: Record<string, string>, tables: TableView[] }} KeyspaceView */
/** @typedef {{ version: string, keyspaces: KeyspaceView[] }} SchemaView */
/**
 * @typedef {object} ActivityRecord
 * @property {number} seq
 * @property {string} time
 * @property {number} node
 * @property {string} opcode
 * @property {string | null} keyspace
 * @property {string | null} query
 * @property {{ type: string, error?: string, message?: string, rowCount?: number | null } | null} outcome
 * @property {number | null} latencyMicros
 */

/**
 * @template T
 * @param {'GET' | 'POST' | 'PUT'} method
 * @param {string} path
 * @param {unknown} [body]
 * @returns {Promise<T>}
 */
export async function call(method, path, body) {
  /** @type {RequestInit} */
  const init = body === undefined ? { method } : { method, body: JSON.stringify(body), headers: { 'content-type': 'application/json' } };
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new Error(`${method} ${path}: the admin API cannot be reached (${e instanceof Error ? e.message : String(e)})`);
  }
  const text = await response.text();
  const json = text === '' ? null : parseJson(text);
  if (!response.ok) {
    const message = json !== null && typeof json === 'object' && 'message' in json ? String(json.message) : text;
    throw new Error(`${method} ${path}: ${response.status} ${message}`);
  }
  return /** @type {T} */ (json);
}

/** @param {string} text */
function parseJson(text) {
  try {
    return /** @type {unknown} */ (JSON.parse(text));
  } catch {
    return text;
  }
}
