// @ts-check
import { call } from './api.js';
import { el, setOptions } from './dom.js';
import { showConnection } from './errors.js';

/** @typedef {import('./api.js').ActivityRecord} ActivityRecord */

/** The latest records kept on the page: enough to scroll back through a burst, few enough to filter at each key press. */
const KEPT = 500;
const RENDER_MS = 100;

/** @param {ActivityRecord} r */
function outcomeText(r) {
  if (r.outcome === null) return 'in flight';
  if (r.outcome.type === 'ERROR') return `${r.outcome.error ?? 'ERROR'}: ${r.outcome.message ?? ''}`;
  return r.outcome.rowCount === undefined || r.outcome.rowCount === null ? r.outcome.type : `${r.outcome.rowCount} rows`;
}

/**
 * The live activity tail: the last requests from GET /activity, then each new one from the server-sent
 * event stream (GET /activity/stream). Filtered on the page by node and by text (in the CQL, the keyspace
 * or the outcome), newest first.
 */
export class ActivityTail {
  /** @param {{ list: HTMLElement, node: HTMLSelectElement, text: HTMLInputElement, count: HTMLElement }} parts */
  constructor(parts) {
    this.parts = parts;
    /** @type {ActivityRecord[]} */
    this.records = [];
    /** A render is scheduled: a burst of requests redraws the list once per RENDER_MS, not once per request. */
    this.pending = false;
    parts.node.addEventListener('change', () => this.render());
    parts.text.addEventListener('input', () => this.render());
  }

  async start() {
    const backlog = /** @type {{ sequence: number, records: ActivityRecord[] }} */ (await call('GET', '/activity?limit=100'));
    this.records = backlog.records.filter((r) => r.outcome !== null);
    this.render();
    const stream = new EventSource(`/activity/stream?since=${backlog.sequence}`);
    stream.addEventListener('activity', (event) => {
      this.add(/** @type {ActivityRecord} */ (JSON.parse(/** @type {MessageEvent<string>} */ (event).data)));
    });
    stream.addEventListener('error', () => {
      if (stream.readyState === EventSource.CLOSED) showConnection('The activity stream closed: reload the page to follow it again.');
    });
  }

  /** @param {number[]} nodeIds */
  setNodes(nodeIds) {
    setOptions(this.parts.node, [['', 'all nodes'], ...nodeIds.map((id) => /** @type {[string, string]} */ ([String(id), `node ${id}`]))]);
  }

  /** @param {ActivityRecord} record */
  add(record) {
    this.records.push(record);
    if (this.records.length > KEPT) this.records.splice(0, this.records.length - KEPT);
    if (this.pending) return;
    this.pending = true;
    setTimeout(() => {
      this.pending = false;
      this.render();
    }, RENDER_MS);
  }

  render() {
    const node = this.parts.node.value;
    const text = this.parts.text.value.trim().toLowerCase();
    const shown = this.records.filter((r) => (node === '' || String(r.node) === node)
      && (text === '' || [r.query ?? '', r.keyspace ?? '', r.opcode, outcomeText(r)].some((s) => s.toLowerCase().includes(text))));
    this.parts.count.textContent = `${shown.length} of ${this.records.length} requests`;
    this.parts.list.replaceChildren(...shown.slice(-200).reverse().map((r) => el('li', { 'data-node': String(r.node), class: r.outcome?.type === 'ERROR' ? 'error' : '' }, [
      el('span', { class: 'when' }, [r.time.slice(11, 23)]),
      el('span', { class: 'who' }, [`node ${r.node}`]),
      el('span', { class: 'what' }, [r.query ?? r.opcode]),
      el('span', { class: 'outcome' }, [`${outcomeText(r)}${r.latencyMicros === null ? '' : ` · ${(r.latencyMicros / 1000).toFixed(1)} ms`}`]),
    ])));
  }
}
