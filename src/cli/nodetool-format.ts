import type { NodeListView, NodeView } from '../admin/index.js';
import { formatBytes, formatPercent, formatTable, type Output } from './output.js';

/** The view of the cluster as GET /cluster answers it (the fields the CLI prints). */
export interface ClusterView {
  readonly name: string;
  readonly partitioner: string;
  readonly snitch: string;
  readonly releaseVersion: string;
  readonly schemaVersion: string;
  readonly keyspaces: readonly { readonly name: string; readonly replication: Readonly<Record<string, string>> }[];
}

const STATE_LETTERS: Readonly<Record<NodeView['state'], string>> = { normal: 'N', joining: 'J', leaving: 'L' };

/** UN, DN, UJ, UL, ...: up or down as gossip sees it, then the ring state; coloured on a terminal. */
function statusCode(node: NodeView, out: Output): string {
  const code = `${node.gossip === 'UP' ? 'U' : 'D'}${STATE_LETTERS[node.state]}`;
  return out.paint(code, node.gossip === 'DOWN' ? 'red' : node.state === 'normal' ? 'green' : 'yellow');
}

/** Nodes grouped by data center, in the order they appear. */
function byDataCenter(nodes: readonly NodeView[]): Map<string, NodeView[]> {
  const groups = new Map<string, NodeView[]>();
  for (const n of nodes) groups.set(n.dataCenter, [...(groups.get(n.dataCenter) ?? []), n]);
  return groups;
}

function heading(title: string): string {
  return `${title}\n${'='.repeat(title.length)}`;
}

/**
 * nodetool status: a block per data center with its legend and one line per node; then why nodes are down
 * when their files stopped them (nodetool would not answer from such a node at all).
 */
export function formatStatus(view: NodeListView, out: Output): string {
  const blocks: string[] = [];
  for (const [dc, nodes] of byDataCenter(view.nodes)) {
    const rows = nodes.map((n) => [statusCode(n, out), n.address, formatBytes(n.loadBytes), String(n.tokens.length), formatPercent(n.owns), n.hostId, n.rack]);
    blocks.push([
      heading(`Datacenter: ${dc}`),
      'Status=Up/Down',
      '|/ State=Normal/Leaving/Joining/Moving',
      formatTable(['--', 'Address', 'Load', 'Tokens', view.keyspace === null ? 'Owns' : 'Owns (effective)', 'Host ID', 'Rack'], rows),
    ].join('\n'));
  }
  const failed = view.nodes.filter((n) => n.failure !== null);
  if (failed.length > 0) blocks.push(failed.map((n) => out.paint(`Node ${n.id} (${n.address}) is down: ${n.failure}`, 'red')).join('\n'));
  return blocks.join('\n\n');
}

/** nodetool ring: one line per token, in ring order, per data center. */
export function formatRing(view: NodeListView, out: Output): string {
  const blocks: string[] = [];
  for (const [dc, nodes] of byDataCenter(view.nodes)) {
    const tokens = nodes.flatMap((n) => n.tokens.map((t) => ({ node: n, token: BigInt(t) }))).sort((a, b) => (a.token < b.token ? -1 : a.token > b.token ? 1 : 0));
    const rows = tokens.map(({ node, token }) => [
      node.address, node.rack, out.paint(node.gossip === 'UP' ? 'Up' : 'Down', node.gossip === 'UP' ? 'green' : 'red'),
      node.state.charAt(0).toUpperCase() + node.state.slice(1), formatBytes(node.loadBytes), formatPercent(node.owns), String(token),
    ]);
    const last = tokens[tokens.length - 1]?.token;
    blocks.push([
      heading(`Datacenter: ${dc}`),
      formatTable(['Address', 'Rack', 'Status', 'State', 'Load', 'Owns', 'Token'], [['', '', '', '', '', '', last === undefined ? '' : String(last)], ...rows]),
    ].join('\n'));
  }
  return blocks.join('\n\n');
}

/** nodetool info, for one node. */
export function formatInfo(node: NodeView): string {
  const fields: [string, string][] = [
    ['ID', node.hostId],
    ['Node', String(node.id)],
    ['Address', `${node.address}:${node.nativePort}`],
    ['Status', node.failure === null ? node.status : `${node.status}: ${node.failure}`],
    ['Gossip active', String(node.status === 'up')],
    ['Native Transport active', String(node.status === 'up')],
    ['Load', formatBytes(node.loadBytes)],
    ['Partitions', String(node.partitions)],
    ['Rows', String(node.rows)],
    ['Hints pending', String(node.hintsPending)],
    ['Client connections', String(node.connections)],
    ['Trace probability', String(node.traceProbability)],
    ['Data Center', node.dataCenter],
    ['Rack', node.rack],
    ['Token', node.tokens.length === 1 ? node.tokens[0]! : `(${node.tokens.length} tokens: see cassanova ring)`],
  ];
  const width = Math.max(...fields.map(([k]) => k.length));
  return fields.map(([k, v]) => `${k.padEnd(width)}: ${v}`).join('\n');
}

/** The replication options as nodetool describecluster prints them: class, then {factors}. */
function replicationText(replication: Readonly<Record<string, string>>): string {
  const { class: strategy, ...factors } = replication;
  const shortName = (strategy ?? '').replace(/^org\.apache\.cassandra\.locator\./, '');
  return `Replication class: ${shortName} {${Object.entries(factors).map(([k, v]) => `${k}=${v}`).join(', ')}}`;
}

/** nodetool describecluster. */
export function formatDescribeCluster(cluster: ClusterView, view: NodeListView): string {
  const up = view.nodes.filter((n) => n.gossip === 'UP');
  const count = (state: NodeView['state']): number => view.nodes.filter((n) => n.state === state).length;
  const lines = [
    'Cluster Information:',
    `\tName: ${cluster.name}`,
    `\tSnitch: ${cluster.snitch}`,
    '\tDynamicEndPointSnitch: enabled',
    `\tPartitioner: ${cluster.partitioner}`,
    '\tSchema versions:',
    `\t\t${cluster.schemaVersion}: [${up.map((n) => n.address).join(', ')}]`,
    ...(up.length < view.nodes.length ? [`\t\tUNREACHABLE: [${view.nodes.filter((n) => n.gossip === 'DOWN').map((n) => n.address).join(', ')}]`] : []),
    '',
    'Stats for all nodes:',
    `\tLive: ${up.length}`,
    `\tJoining: ${count('joining')}`,
    '\tMoving: 0',
    `\tLeaving: ${count('leaving')}`,
    `\tUnreachable: ${view.nodes.length - up.length}`,
    '',
    'Data Centers: ',
    ...[...byDataCenter(view.nodes)].map(([dc, nodes]) => `\t${dc} #Nodes: ${nodes.length} #Down: ${nodes.filter((n) => n.gossip === 'DOWN').length}`),
    '',
    'Database versions:',
    `\t${cluster.releaseVersion}: [${view.nodes.map((n) => n.endpoint.replace(/^\//, '')).join(', ')}]`,
    '',
    'Keyspaces:',
    ...cluster.keyspaces.map((ks) => `\t${ks.name} -> ${replicationText(ks.replication)}`),
  ];
  return lines.join('\n');
}
