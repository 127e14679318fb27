import type { Command } from 'commander';
import type { NodeListView, NodeView } from '../../admin/index.js';
import type { CliIo } from '../cli-io.js';
import { formatDescribeCluster, formatInfo, formatRing, formatStatus, type ClusterView } from '../nodetool-format.js';
import { adminCommand, examples, nodeId, session } from './admin-command.js';

interface ReplicasView {
  readonly token: string;
  readonly replicas: readonly { readonly id: number; readonly address: string }[];
}

function nodesPath(observer: number | undefined, keyspace?: string): string {
  const query = new URLSearchParams();
  if (observer !== undefined) query.set('observer', String(observer));
  if (keyspace !== undefined) query.set('keyspace', keyspace);
  const text = query.toString();
  return text === '' ? '/nodes' : `/nodes?${text}`;
}

/** status, ring, info, describecluster, getendpoints: what nodetool shows, read from the admin API. */
export function registerInspectCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'status [keyspace]', 'the nodes as nodetool status shows them: UN/DN/UJ/UL, address, load, tokens, owns, host id, rack')
    .option('--node <id>', 'whose gossip view to show (default: the first running node)', nodeId)
    .addHelpText('after', examples('cassanova status', 'cassanova status my_keyspace   # effective ownership', 'cassanova status --dir ./cluster --json'))
    .action(async (keyspace: string | undefined, options: { node?: number }, command: Command) => {
      const { client, out } = session(io, command);
      const view = await client.call<NodeListView>('GET', nodesPath(options.node, keyspace));
      out.result(view, () => formatStatus(view, out));
    });
  adminCommand(program, 'ring', 'every token of the ring, in order, with its node (nodetool ring)')
    .option('--node <id>', 'whose gossip view to show', nodeId)
    .addHelpText('after', examples('cassanova ring', 'cassanova ring --json'))
    .action(async (options: { node?: number }, command: Command) => {
      const { client, out } = session(io, command);
      const view = await client.call<NodeListView>('GET', nodesPath(options.node));
      out.result(view, () => formatRing(view, out));
    });
  adminCommand(program, 'info [node]', 'one node: host id, load, data held, hints, connections (nodetool info); default node 1')
    .addHelpText('after', examples('cassanova info', 'cassanova info 2 --json'))
    .action(async (node: string | undefined, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const view = await client.call<NodeView>('GET', `/nodes/${node === undefined ? 1 : nodeId(node)}`);
      out.result(view, () => formatInfo(view));
    });
  adminCommand(program, 'describecluster', 'name, snitch, partitioner, schema versions, data centers, keyspaces (nodetool describecluster)')
    .addHelpText('after', examples('cassanova describecluster'))
    .action(async (_options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const [cluster, nodes] = await Promise.all([client.call<ClusterView>('GET', '/cluster'), client.call<NodeListView>('GET', '/nodes')]);
      out.result({ ...cluster, nodes: nodes.nodes }, () => formatDescribeCluster(cluster, nodes));
    });
  adminCommand(program, 'getendpoints <keyspace> <table> <key>', 'the replicas of a partition; the key as CQL literals of the partition key columns')
    .addHelpText('after', examples("cassanova getendpoints shop orders 42", "cassanova getendpoints shop carts \"'alice', 2024\"   # a key of two columns"))
    .action(async (keyspace: string, table: string, key: string, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const view = await client.call<ReplicasView>('GET', `/replicas?${new URLSearchParams({ keyspace, table, key }).toString()}`);
      out.result(view, () => view.replicas.map((r) => r.address).join('\n'));
    });
}
