// @ts-check
import { call } from './api.js';
import { el, setOptions } from './dom.js';
import { attempt } from './errors.js';

/** @typedef {import('./api.js').SchemaView} SchemaView */
/** @typedef {import('./api.js').ReplicasView} ReplicasView */

/**
 * "Where does this key live": keyspace, table and the partition key as CQL literals ('abc', 42 or
 * 'abc', 7 for a composite key) in; the token and the replicas out, in the coordinator's order.
 */
export class KeyLookup {
  /**
   * @param {{ form: HTMLFormElement, keyspace: HTMLSelectElement, table: HTMLSelectElement, key: HTMLInputElement, result: HTMLElement }} parts
   * @param {(lookup: ReplicasView | null) => void} onResult
   */
  constructor(parts, onResult) {
    this.parts = parts;
    this.onResult = onResult;
    /** @type {SchemaView | null} */
    this.schema = null;
    parts.keyspace.addEventListener('change', () => this.fillTables());
    parts.form.addEventListener('submit', (event) => {
      event.preventDefault();
      void attempt(() => this.lookUp());
    });
    parts.form.addEventListener('reset', () => {
      parts.result.replaceChildren();
      onResult(null);
    });
  }

  /** @param {SchemaView} schema */
  update(schema) {
    this.schema = schema;
    setOptions(this.parts.keyspace, schema.keyspaces.map((k) => [k.name, k.name]));
    this.fillTables();
  }

  fillTables() {
    const keyspace = this.schema?.keyspaces.find((k) => k.name === this.parts.keyspace.value);
    setOptions(this.parts.table, (keyspace?.tables ?? []).filter((t) => t.baseTable === null).map((t) => [t.name, t.name]));
    const table = keyspace?.tables.find((t) => t.name === this.parts.table.value);
    const key = table?.columns.filter((c) => c.kind === 'partition_key').map((c) => `${c.name} ${c.type}`).join(', ');
    this.parts.key.placeholder = key === undefined ? '' : `values of: ${key}`;
  }

  async lookUp() {
    const { keyspace, table, key } = this.parts;
    const query = new URLSearchParams({ keyspace: keyspace.value, table: table.value, key: key.value });
    const found = /** @type {ReplicasView} */ (await call('GET', `/replicas?${query}`));
    this.parts.result.replaceChildren(
      el('p', {}, [`Token ${found.token}`]),
      el('ol', { 'aria-label': 'Replicas' }, found.replicas.map((r) => el('li', { 'data-node': String(r.id) }, [`node ${r.id} (${r.address}, ${r.dataCenter}/${r.rack})`]))),
    );
    this.onResult(found);
  }
}
