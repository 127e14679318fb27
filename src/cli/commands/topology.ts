import type { Command } from 'commander';
import type { NodeView } from '../../admin/index.js';
import type { CliIo } from '../cli-io.js';
import { withProgress } from '../progress.js';
import { parseInitialTokens } from '../cluster-options.js';
import { adminCommand, examples, nodeId, session } from './admin-command.js';

interface RangeMovementView {
  readonly streamedPartitions: number;
  readonly unavailable: readonly unknown[];
}

function movementText(what: string, result: RangeMovementView): string {
  const lost = result.unavailable.length === 0 ? '' : `; ${result.unavailable.length} range(s) had no live replica to stream from`;
  return `${what}: ${result.streamedPartitions} partition(s) streamed${lost}`;
}

/** add-node, decommission, removenode: topology changes, one at a time. */
export function registerTopologyCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'add-node', 'add a node and bootstrap it (it streams its ranges, then joins the ring)')
    .option('--dc <name>', "its data center (default: node 1's)")
    .option('--rack <name>', "its rack (default: node 1's)")
    .option('--tokens <list>', 'its tokens, comma-separated (default: num_tokens drawn from the seed)', (v) => parseInitialTokens(v).flat())
    .addHelpText('after', examples('cassanova add-node', 'cassanova add-node --dc dc2 --rack rack1'))
    .action(async (options: { dc?: string; rack?: string; tokens?: string[] }, command: Command) => {
      const { client, out } = session(io, command);
      const node = await withProgress(io, 'Bootstrapping a new node', client.call<NodeView>('POST', '/nodes', { dc: options.dc, rack: options.rack, tokens: options.tokens }));
      out.result(node, () => `Node ${node.id} joined: ${node.address}:${node.nativePort}, ${node.dataCenter}/${node.rack}, host id ${node.hostId}`);
    });
  adminCommand(program, 'decommission <id>', 'decommission a running node: its ranges stream to their new owners, it leaves the ring')
    .option('--force', 'leave even if fewer nodes than a replication factor would remain')
    .addHelpText('after', examples('cassanova decommission 3', 'cassanova decommission 2 --force'))
    .action(async (id: string, options: { force?: boolean }, command: Command) => {
      const { client, out } = session(io, command);
      const node = nodeId(id);
      const result = await withProgress(io, `Decommissioning node ${node}`, client.call<RangeMovementView>('POST', `/nodes/${node}/decommission`, { force: options.force }));
      out.result(result, () => movementText(`Node ${node} left the ring`, result));
    });
  adminCommand(program, 'removenode <id>', 'remove a dead (stopped or killed) node: the others re-replicate its ranges')
    .addHelpText('after', examples('cassanova node kill 3 && cassanova removenode 3'))
    .action(async (id: string, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const node = nodeId(id);
      const result = await withProgress(io, `Removing node ${node}`, client.call<RangeMovementView>('DELETE', `/nodes/${node}`));
      out.result(result, () => movementText(`Node ${node} removed`, result));
    });
}
