// @ts-check
import { call } from './api.js';
import { el, formatBytes } from './dom.js';
import { attempt } from './errors.js';
import { dcColours, nodeState } from './ring.js';

/** @typedef {import('./api.js').NodeView} NodeView */
/** @typedef {import('./api.js').NodeStatus} NodeStatus */

/** The lifecycle actions, and the process states each may be taken from (as the admin API allows them). */
/** @type {readonly { action: string, label: string, from: readonly NodeStatus[] }[]} */
const ACTIONS = [
  { action: 'stop', label: 'Stop', from: ['up', 'paused'] },
  { action: 'start', label: 'Start', from: ['down'] },
  { action: 'kill', label: 'Kill', from: ['up', 'paused'] },
  { action: 'pause', label: 'Pause', from: ['up'] },
  { action: 'resume', label: 'Resume', from: ['paused'] },
];

/** The figures of a card: field name and label. @type {readonly [string, string][]} */
const FIELDS = [['address', 'Address'], ['place', 'DC / rack'], ['load', 'Load'], ['connections', 'Connections'],
  ['rate', 'Requests/s'], ['owns', 'Owns'], ['process', 'Process']];

/**
 * One card per node, kept across refreshes (a button keeps its focus while the numbers change).
 * Requests per second come from the difference between two polls of each node's request counter.
 */
export class NodeCards {
  /** @param {HTMLElement} container @param {() => Promise<void>} refresh called after an action */
  constructor(container, refresh) {
    this.container = container;
    this.refresh = refresh;
    /** @type {Map<number, { card: HTMLElement, fields: Record<string, HTMLElement>, buttons: Map<string, HTMLButtonElement> }>} */
    this.cards = new Map();
    /** @type {Map<number, { requests: number, atMs: number }>} */
    this.previous = new Map();
  }

  /** @param {NodeView[]} nodes @param {number} nowMs */
  update(nodes, nowMs) {
    const colours = dcColours(nodes);
    for (const id of this.cards.keys()) {
      if (!nodes.some((n) => n.id === id)) {
        this.cards.get(id)?.card.remove();
        this.cards.delete(id);
      }
    }
    for (const node of nodes) {
      const entry = this.cards.get(node.id) ?? this.create(node);
      const state = nodeState(node);
      entry.card.className = `card state-${state}`;
      entry.card.style.borderTopColor = colours.get(node.dataCenter) ?? '#555';
      this.fill(entry.fields, node, this.rate(node, nowMs));
      for (const { action, from } of ACTIONS) {
        const button = entry.buttons.get(action);
        if (button !== undefined && !button.classList.contains('busy')) button.disabled = !from.includes(node.status);
      }
    }
  }

  /** @param {NodeView} node @param {number} nowMs */
  rate(node, nowMs) {
    const before = this.previous.get(node.id);
    this.previous.set(node.id, { requests: node.requests, atMs: nowMs });
    if (before === undefined || nowMs <= before.atMs) return null;
    return Math.max(0, node.requests - before.requests) / ((nowMs - before.atMs) / 1000);
  }

  /** @param {Record<string, HTMLElement>} fields @param {NodeView} node @param {number | null} perSecond */
  fill(fields, node, perSecond) {
    /** @type {Record<string, string>} */
    const values = {
      address: `${node.address}:${node.nativePort}`,
      place: `${node.dataCenter} / ${node.rack}`,
      load: formatBytes(node.loadBytes),
      connections: String(node.connections),
      rate: perSecond === null ? '…' : perSecond.toFixed(1),
      owns: `${(node.owns * 100).toFixed(1)} %`,
      process: node.status,
      state: nodeState(node),
    };
    for (const [name, value] of Object.entries(values)) {
      const field = fields[name];
      if (field !== undefined && field.textContent !== value) field.textContent = value;
    }
  }

  /** @param {NodeView} node */
  create(node) {
    const badge = el('span', { class: 'badge', 'data-field': 'state' });
    const heading = el('h3', { id: `node-${node.id}-title` }, [`Node ${node.id} `, badge]);
    /** @type {Record<string, HTMLElement>} */
    const fields = { state: badge };
    const list = el('dl');
    for (const [name, label] of FIELDS) {
      const value = el('dd', { 'data-field': name });
      fields[name] = value;
      list.append(el('div', {}, [el('dt', {}, [label]), value]));
    }
    const buttons = new Map(ACTIONS.map(({ action, label }) => {
      const button = el('button', { type: 'button', 'data-action': action, 'aria-label': `${label} node ${node.id}` }, [label]);
      button.addEventListener('click', () => this.act(node.id, action, button));
      return [action, button];
    }));
    const card = el('article', { 'aria-labelledby': heading.id, 'data-node': String(node.id) }, [heading, list, el('div', { class: 'actions' }, [...buttons.values()])]);
    const entry = { card, fields, buttons };
    this.cards.set(node.id, entry);
    const after = [...this.cards.keys()].filter((id) => id > node.id).sort((a, b) => a - b)[0];
    const next = after === undefined ? null : this.cards.get(after)?.card ?? null;
    this.container.insertBefore(card, next);
    return entry;
  }

  /** @param {number} id @param {string} action @param {HTMLButtonElement} button */
  async act(id, action, button) {
    // Disabled while the request runs, so that a double click does not send it twice (the second a 409).
    button.classList.add('busy');
    button.setAttribute('aria-busy', 'true');
    button.disabled = true;
    await attempt(() => call('POST', `/nodes/${id}/${action}`));
    button.classList.remove('busy');
    button.removeAttribute('aria-busy');
    await this.refresh();
    // Disabling the button took the focus away; give it back, or (Stop once stopped) to the card's first enabled button.
    if (document.activeElement !== document.body && document.activeElement !== button) return;
    const target = button.disabled ? [...this.cards.get(id)?.buttons.values() ?? []].find((b) => !b.disabled) : button;
    target?.focus();
  }
}
