// @ts-check
import { call } from './api.js';
import { el, setOptions } from './dom.js';
import { attempt, showError } from './errors.js';

/** @typedef {import('./api.js').NodeView} NodeView */
/** @typedef {import('./api.js').NetworkView} NetworkView */

const SIDES = /** @type {const} */ (['A', 'B']);

/**
 * The network panel: a side (A or B) for each node, chosen with a select (the keyboard's way) or by dragging
 * the node between the two boxes; Partition cuts A from B, Heal removes the cut. Below, latency and loss per link.
 */
export class NetworkPanel {
  /**
   * @param {{ sides: HTMLElement, zones: Record<'A' | 'B', HTMLElement>, partition: HTMLButtonElement, heal: HTMLButtonElement,
   *   status: HTMLElement, linkForm: HTMLFormElement, linkFrom: HTMLSelectElement, linkTo: HTMLSelectElement,
   *   latency: HTMLInputElement, loss: HTMLInputElement, links: HTMLElement }} parts
   * @param {() => Promise<void>} refresh
   */
  constructor(parts, refresh) {
    this.parts = parts;
    this.refresh = refresh;
    /** @type {Map<number, HTMLSelectElement>} */
    this.selects = new Map();
    /** The partition last shown, to follow changes made elsewhere without undoing the user's choices. */
    this.shownPartition = '';
    parts.partition.addEventListener('click', () => attempt(() => this.partition()));
    parts.heal.addEventListener('click', () => attempt(async () => {
      await call('POST', '/network/heal');
      await this.refresh();
    }));
    parts.linkForm.addEventListener('submit', (event) => {
      event.preventDefault();
      void attempt(() => this.setLink());
    });
    for (const side of SIDES) this.dropZone(side, parts.zones[side]);
  }

  /** @param {NodeView[]} nodes @param {NetworkView} network */
  update(nodes, network) {
    for (const node of nodes) if (!this.selects.has(node.id)) this.addNode(node.id);
    const partition = JSON.stringify(network.partition);
    if (partition !== this.shownPartition) {
      this.shownPartition = partition;
      const groups = network.partition ?? [];
      // Shown as two sides: the first group is A, every other one B (the API allows more; the page makes two).
      for (const [id, select] of this.selects) select.value = groups.slice(1).some((g) => g.includes(id)) ? 'B' : 'A';
      this.placeChips();
    }
    this.parts.status.textContent = network.partition === null
      ? 'No partition: every node reaches every other.'
      : `Partitioned: ${network.partition.map((g) => `{${g.join(', ')}}`).join(' | ')}`;
    const choices = /** @type {[string, string][]} */ ([['', 'every node'], ...nodes.map((n) => [String(n.id), `node ${n.id}`])]);
    setOptions(this.parts.linkFrom, choices);
    setOptions(this.parts.linkTo, choices);
    this.parts.links.replaceChildren(...(network.links.length === 0 ? [el('li', {}, ['No link settings: messages arrive at once, none lost.'])]
      : network.links.map((l) => el('li', {}, [`${l.from === undefined ? 'every node' : `node ${l.from}`} → ${l.to === undefined ? 'every node' : `node ${l.to}`}: `
        + [l.latencyMs === undefined ? '' : `${l.latencyMs} ms`, l.loss === undefined ? '' : `loss ${l.loss}`].filter(Boolean).join(', ')]))));
  }

  /** @param {number} id */
  addNode(id) {
    const select = el('select', { id: `side-${id}`, 'data-node': String(id) }, SIDES.map((s) => el('option', { value: s }, [`side ${s}`])));
    select.addEventListener('change', () => this.placeChips());
    this.parts.sides.append(el('div', { class: 'side-choice' }, [el('label', { for: select.id }, [`Node ${id}`]), select]));
    this.selects.set(id, select);
  }

  /** The draggable chips follow the selects (the one source of the user's choice). */
  placeChips() {
    for (const side of SIDES) {
      const chips = [...this.selects].filter(([, s]) => s.value === side).map(([id]) => {
        const chip = el('span', { class: 'chip', draggable: 'true', 'data-node': String(id) }, [`node ${id}`]);
        chip.addEventListener('dragstart', (event) => event.dataTransfer?.setData('text/plain', String(id)));
        return chip;
      });
      this.parts.zones[side].replaceChildren(...chips);
    }
  }

  /** @param {'A' | 'B'} side @param {HTMLElement} zone */
  dropZone(side, zone) {
    zone.addEventListener('dragover', (event) => event.preventDefault());
    zone.addEventListener('drop', (event) => {
      event.preventDefault();
      const select = this.selects.get(Number(event.dataTransfer?.getData('text/plain')));
      if (select === undefined) return;
      select.value = side;
      this.placeChips();
    });
  }

  async partition() {
    const sides = SIDES.map((side) => [...this.selects].filter(([, s]) => s.value === side).map(([id]) => id));
    if (sides.some((ids) => ids.length === 0)) {
      showError('Partition: put at least one node on each side (A and B).');
      return;
    }
    await call('POST', '/network/partition', { groups: sides });
    await this.refresh();
  }

  async setLink() {
    const { linkFrom, linkTo, latency, loss } = this.parts;
    /** @type {import('./api.js').LinkChange} */
    const change = {};
    if (linkFrom.value !== '') change.from = Number(linkFrom.value);
    if (linkTo.value !== '') change.to = Number(linkTo.value);
    if (latency.value !== '') change.latencyMs = Number(latency.value);
    if (loss.value !== '') change.loss = Number(loss.value);
    await call('PUT', '/network/links', change);
    await this.refresh();
  }
}
