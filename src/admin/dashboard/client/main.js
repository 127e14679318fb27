// @ts-check
import { ActivityTail } from './activity.js';
import { call } from './api.js';
import { byId, setOptions } from './dom.js';
import { showConnection, showError } from './errors.js';
import { KeyLookup } from './lookup.js';
import { NetworkPanel } from './network.js';
import { NodeCards } from './nodes.js';
import { drawLegend, drawRing } from './ring.js';
import { drawSchema } from './schema.js';

/** @typedef {import('./api.js').NodeList} NodeList */
/** @typedef {import('./api.js').NetworkView} NetworkView */
/** @typedef {import('./api.js').SchemaView} SchemaView */
/** @typedef {import('./api.js').ReplicasView} ReplicasView */

/** How often the page asks for the nodes, the network and the schema. */
const POLL_MS = 1000;

/** @type {NodeList | null} */
let nodes = null;
/** @type {ReplicasView | null} */
let lookup = null;

function drawTopology() {
  if (nodes === null) return;
  drawRing(byId('ring', SVGSVGElement), nodes.nodes, lookup);
  drawLegend(byId('ring-legend', HTMLUListElement), nodes.nodes, lookup);
}

const cards = new NodeCards(byId('node-cards', HTMLElement), () => refresh());
const network = new NetworkPanel({
  sides: byId('sides', HTMLElement),
  zones: { A: byId('zone-a', HTMLElement), B: byId('zone-b', HTMLElement) },
  partition: byId('partition', HTMLButtonElement),
  heal: byId('heal', HTMLButtonElement),
  status: byId('partition-status', HTMLElement),
  linkForm: byId('link-form', HTMLFormElement),
  linkFrom: byId('link-from', HTMLSelectElement),
  linkTo: byId('link-to', HTMLSelectElement),
  latency: byId('link-latency', HTMLInputElement),
  loss: byId('link-loss', HTMLInputElement),
  links: byId('links', HTMLElement),
}, () => refresh());
const keyLookup = new KeyLookup({
  form: byId('lookup-form', HTMLFormElement),
  keyspace: byId('lookup-keyspace', HTMLSelectElement),
  table: byId('lookup-table', HTMLSelectElement),
  key: byId('lookup-key', HTMLInputElement),
  result: byId('lookup-result', HTMLElement),
}, (found) => {
  lookup = found;
  drawTopology();
});
const activity = new ActivityTail({
  list: byId('activity-list', HTMLElement),
  node: byId('activity-node', HTMLSelectElement),
  text: byId('activity-text', HTMLInputElement),
  count: byId('activity-count', HTMLElement),
});

/** One poll: every view at once, so the ring, the cards and the network panel agree. */
async function refresh() {
  try {
    const observer = byId('observer', HTMLSelectElement);
    const [list, net, schema] = await Promise.all([
      call('GET', observer.value === '' ? '/nodes' : `/nodes?observer=${observer.value}`), call('GET', '/network'), call('GET', '/schema'),
    ]);
    nodes = /** @type {NodeList} */ (list);
    showConnection(null);
    setOptions(observer, [['', 'the first running node'], ...nodes.nodes.map((n) => /** @type {[string, string]} */ ([String(n.id), `node ${n.id}`]))]);
    byId('observer-now', HTMLElement).textContent = observer.value === '' ? `(node ${nodes.observer})` : '';
    drawTopology();
    cards.update(nodes.nodes, performance.now());
    network.update(nodes.nodes, /** @type {NetworkView} */ (net));
    activity.setNodes(nodes.nodes.map((n) => n.id));
    keyLookup.update(/** @type {SchemaView} */ (schema));
    drawSchema(byId('schema', HTMLElement), /** @type {SchemaView} */ (schema));
  } catch (e) {
    showConnection(e instanceof Error ? e.message : String(e));
  }
}

async function poll() {
  await refresh();
  setTimeout(poll, POLL_MS);
}

async function describeCluster() {
  const cluster = /** @type {{ name: string, releaseVersion: string }} */ (await call('GET', '/cluster'));
  byId('cluster-name', HTMLElement).textContent = cluster.name;
  byId('release', HTMLElement).textContent = `Cassandra ${cluster.releaseVersion}`;
}

byId('observer', HTMLSelectElement).addEventListener('change', () => void refresh());
void describeCluster().catch(showError);
void poll();
void activity.start().catch(showError);
