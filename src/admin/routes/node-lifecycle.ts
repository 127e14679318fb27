import type { Node, NodeStatus } from '../../cluster/index.js';
import { conflict } from '../admin-error.js';
import { existingNode, nodeView, observerOf } from '../node-view.js';
import { route, type AdminRoute } from '../route.js';
import { NODE, NODE_ID_PARAMS } from '../schemas.js';

/** A change of a node's process state: from which states it may be made, and what it does. */
interface Transition {
  readonly action: 'stop' | 'start' | 'kill' | 'pause' | 'resume';
  readonly summary: string;
  readonly from: readonly NodeStatus[];
  run(node: Node): Promise<void>;
}

const TRANSITIONS: readonly Transition[] = [
  {
    action: 'stop', from: ['up', 'paused'], run: (n) => n.stop(),
    summary: 'Stops a node cleanly: peers are told at once, its listener closes, its data stays',
  },
  {
    action: 'kill', from: ['up', 'paused'], run: (n) => n.kill(),
    summary: 'Crashes a node: nobody is told, peers notice through their failure detectors',
  },
  {
    action: 'start', from: ['down'], run: startAgain,
    summary: 'Starts a stopped or killed node: peers see it up through gossip and replay their hints',
  },
  {
    action: 'pause', from: ['up'], run: (n) => n.pause(),
    summary: 'Freezes a node like SIGSTOP: connections stay open, nothing is answered',
  },
  {
    action: 'resume', from: ['paused'], run: (n) => n.resume(),
    summary: 'Resumes a paused node: what waited for it is delivered',
  },
];

/** Starts a node; one whose files still fail stays down, and the answer is a 409 naming the file. */
async function startAgain(node: Node): Promise<void> {
  try {
    await node.start();
  } catch (e) {
    if (node.storageFailure !== null) throw conflict(`Node ${node.identity.id} stays down: ${node.storageFailure}`);
    throw e;
  }
}

/** Why a node in `status` cannot make this transition, as a 409's message. */
function refusal(id: number, status: NodeStatus, action: Transition['action']): string {
  const now = status === 'up' ? 'running' : status === 'paused' ? 'paused (resume it first)' : 'down';
  const already = (action === 'start' && status === 'up') || (action === 'pause' && status === 'paused') || ((action === 'stop' || action === 'kill') && status === 'down');
  return already ? `Node ${id} is already ${now}` : `Cannot ${action} node ${id}: it is ${now}`;
}

/** POST /nodes/:id/stop, /kill, /start, /pause, /resume: answer with the node as it is afterwards. */
export const nodeLifecycleRoutes: readonly AdminRoute[] = TRANSITIONS.map((t) => route<{ readonly id: number }>({
  method: 'POST', url: `/nodes/:id/${t.action}`, tag: 'nodes', summary: t.summary,
  params: NODE_ID_PARAMS, response: NODE, errors: [404, 409],
  handle: async ({ cluster }, { params }) => {
    const node = existingNode(cluster, params.id);
    if (!t.from.includes(node.status)) throw conflict(refusal(params.id, node.status, t.action));
    await t.run(node);
    return nodeView(cluster, node, observerOf(cluster, undefined));
  },
}));
