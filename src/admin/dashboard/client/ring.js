// @ts-check
import { el, svg } from './dom.js';

/** @typedef {import('./api.js').NodeView} NodeView */
/** @typedef {import('./api.js').ReplicasView} ReplicasView */

/** Colours of the data centers, in the order of their names; told apart by the colour-blind too. */
const DC_COLOURS = ['#1f77b4', '#e66100', '#2a9d3a', '#9d4edd', '#b8860b', '#d6336c'];
const SIZE = 380;
const CENTRE = SIZE / 2;
const RADIUS = 150;
const TWO_TO_64 = 2n ** 64n;
const TWO_TO_63 = 2n ** 63n;

/**
 * What gossip says of a node, in one word: joining and leaving first (its place in the ring), then paused
 * (the process is frozen, which gossip soon sees as down), then up or down as the observer's failure detector says.
 * @param {NodeView} node
 * @returns {'joining' | 'leaving' | 'paused' | 'up' | 'down'}
 */
export function nodeState(node) {
  if (node.state !== 'normal') return node.state;
  if (node.status === 'paused') return 'paused';
  return node.gossip === 'UP' ? 'up' : 'down';
}

/** @param {NodeView[]} nodes @returns {Map<string, string>} */
export function dcColours(nodes) {
  const names = [...new Set(nodes.map((n) => n.dataCenter))].sort();
  return new Map(names.map((name, i) => [name, DC_COLOURS[i % DC_COLOURS.length] ?? '#555']));
}

/** A Murmur3 token's place on the circle, clockwise from the top: -2^63 at the top. @param {string} token */
function angleOf(token) {
  const fraction = Number(((BigInt(token) + TWO_TO_63) * 1_000_000n) / TWO_TO_64) / 1_000_000;
  return fraction * 2 * Math.PI;
}

/** @param {number} angle @param {number} radius */
function point(angle, radius) {
  return { x: CENTRE + radius * Math.sin(angle), y: CENTRE - radius * Math.cos(angle) };
}

/**
 * Draws every node's tokens on the circle, coloured by data center, marked by state; the replicas of a
 * looked-up key are ringed and the key's token pointed at.
 * @param {SVGSVGElement} target
 * @param {NodeView[]} nodes
 * @param {ReplicasView | null} lookup
 */
export function drawRing(target, nodes, lookup) {
  const colours = dcColours(nodes);
  const replicas = new Set(lookup?.replicas.map((r) => r.id) ?? []);
  const title = svg('title');
  title.textContent = `Token ring: ${nodes.length} nodes`;
  const shapes = [title, svg('circle', { cx: CENTRE, cy: CENTRE, r: RADIUS, class: 'ring-line' })];
  if (lookup !== null) shapes.push(...keyPointer(lookup.token));
  for (const node of nodes) {
    const role = lookup === null ? '' : replicas.has(node.id) ? ' replica' : ' other';
    for (const token of node.tokens) shapes.push(tokenDot(node, token, colours.get(node.dataCenter) ?? '#555', role));
  }
  target.setAttribute('viewBox', `0 0 ${SIZE} ${SIZE}`);
  target.replaceChildren(...shapes);
}

/**
 * A token: a dot on the circle in its data center's colour, the node's id just outside it. While a key is
 * looked up, its replicas' tokens are ringed and the others faded. Small enough that 16 tokens of a dozen nodes stay apart.
 * @param {NodeView} node @param {string} token @param {string} colour @param {'' | ' replica' | ' other'} role
 */
function tokenDot(node, token, colour, role) {
  const angle = angleOf(token);
  const { x, y } = point(angle, RADIUS);
  const at = point(angle, RADIUS + 17);
  const group = svg('g', { class: `token state-${nodeState(node)}${role}`, 'data-node': node.id });
  const title = svg('title');
  title.textContent = `node ${node.id} (${node.dataCenter}), token ${token}`;
  const label = svg('text', { x: at.x, y: at.y + 3.5, 'text-anchor': 'middle' });
  label.textContent = String(node.id);
  group.append(title, svg('circle', { cx: x, cy: y, r: 6.5, fill: colour, class: 'dot' }), label);
  return group;
}

/** A line from the centre to the key's token: its primary replica owns the next token clockwise. @param {string} token */
function keyPointer(token) {
  const angle = angleOf(token);
  const tip = point(angle, RADIUS - 12);
  const line = svg('line', { x1: CENTRE, y1: CENTRE, x2: tip.x, y2: tip.y, class: 'key-pointer' });
  const dot = svg('circle', { cx: tip.x, cy: tip.y, r: 4, class: 'key-pointer-end' });
  return [line, dot];
}

/**
 * The legend: one line per node with its colour and state, so the ring can be read without colour.
 * @param {HTMLUListElement} target
 * @param {NodeView[]} nodes
 * @param {ReplicasView | null} lookup
 */
export function drawLegend(target, nodes, lookup) {
  const colours = dcColours(nodes);
  const replicas = lookup?.replicas.map((r) => r.id) ?? [];
  target.replaceChildren(...nodes.map((node) => {
    const rank = replicas.indexOf(node.id);
    const swatch = el('span', { class: 'swatch', style: `background:${colours.get(node.dataCenter) ?? '#555'}`, 'aria-hidden': 'true' });
    const text = `node ${node.id} · ${node.dataCenter} · ${nodeState(node)}${rank >= 0 ? ` · replica ${rank + 1}` : ''}`;
    return el('li', { class: `state-${nodeState(node)}${rank >= 0 ? ' replica' : ''}`, 'data-node': String(node.id) }, [swatch, text]);
  }));
}
