// @ts-check
import { el } from './dom.js';

/** @typedef {import('./api.js').SchemaView} SchemaView */

/** Readable names of the columns' roles in the primary key. */
const KINDS = /** @type {Record<string, string>} */ ({ partition_key: 'partition key', clustering: 'clustering', static: 'static', regular: '' });

/**
 * The schema: each keyspace (with its replication) and its tables and views with their columns. Drawn
 * again only when the schema version changes, keeping open what the user opened.
 * @param {HTMLElement} target
 * @param {SchemaView} schema
 */
export function drawSchema(target, schema) {
  if (target.dataset['version'] === schema.version) return;
  target.dataset['version'] = schema.version;
  const open = new Set([...target.querySelectorAll('details[open]')].map((d) => d.getAttribute('data-name')));
  // Keyspaces start open (there are few), tables closed; what the user opened or closed stays so.
  const closed = new Set([...target.querySelectorAll('details.keyspace:not([open])')].map((d) => d.getAttribute('data-name')));
  if (schema.keyspaces.length === 0) {
    target.replaceChildren(el('p', {}, ['No keyspace yet besides the built-in ones.']));
    return;
  }
  target.replaceChildren(...schema.keyspaces.map((ks) => {
    const replication = Object.entries(ks.replication).map(([k, v]) => (k === 'class' ? v.replace(/^.*\./, '') : `${k}: ${v}`)).join(', ');
    const tables = ks.tables.length === 0 ? [el('p', {}, ['No tables.'])] : ks.tables.map((t) => {
      const name = `${ks.name}.${t.name}`;
      const rows = t.columns.map((c) => el('tr', {}, [el('td', {}, [c.name]), el('td', {}, [c.type]), el('td', {}, [KINDS[c.kind] ?? c.kind])]));
      const head = el('tr', {}, [el('th', { scope: 'col' }, ['column']), el('th', { scope: 'col' }, ['type']), el('th', { scope: 'col' }, ['key'])]);
      const details = el('details', { 'data-name': name }, [
        el('summary', {}, [t.baseTable === null ? t.name : `${t.name} (view of ${t.baseTable})`]),
        el('table', {}, [el('thead', {}, [head]), el('tbody', {}, rows)]),
      ]);
      details.open = open.has(name);
      return details;
    });
    const details = el('details', { class: 'keyspace', 'data-name': ks.name }, [el('summary', {}, [`${ks.name} `, el('small', {}, [replication])]), ...tables]);
    details.open = !closed.has(ks.name);
    return details;
  }));
}
