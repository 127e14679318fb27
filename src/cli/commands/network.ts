import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { adminCommand, examples, nodeId, numberIn, session } from './admin-command.js';

interface NetworkView {
  readonly partition: readonly (readonly number[])[] | null;
  readonly links: readonly { readonly from?: number; readonly to?: number; readonly latencyMs?: number; readonly loss?: number }[];
}

/** `1 / 2,3` (in one argument or several): the groups of a partition. */
export function parsePartition(words: readonly string[]): number[][] {
  const groups = words.join(' ').split('/').map((g) => g.split(/[\s,]+/).filter((w) => w !== ''));
  if (groups.length < 1 || groups.some((g) => g.length === 0)) throw new InvalidArgumentError(`'${words.join(' ')}' is not groups of node ids separated by /, such as 1 / 2,3`);
  return groups.map((g) => g.map(nodeId));
}

function describe(view: NetworkView): string {
  const partition = view.partition === null ? 'Network: whole (no partition)' : `Network: partitioned ${view.partition.map((g) => `[${g.join(', ')}]`).join(' | ')}`;
  const links = view.links.map((l) => `  links ${l.from ?? '*'} -> ${l.to ?? '*'}:${l.latencyMs === undefined ? '' : ` latency ${l.latencyMs} ms`}${l.loss === undefined ? '' : ` loss ${l.loss}`}`);
  return [partition, ...links].join('\n');
}

/** partition, heal, link: faults of the simulated network. */
export function registerNetworkCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'partition <groups...>', 'cut the network into groups that cannot reach each other (nodes in no group form one more)')
    .addHelpText('after', examples('cassanova partition 1 / 2,3', 'cassanova partition 3    # isolates node 3'))
    .action(async (words: string[], _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const view = await client.call<NetworkView>('POST', '/network/partition', { groups: parsePartition(words) });
      out.result(view, () => describe(view));
    });
  adminCommand(program, 'heal', 'remove the partition (link settings stay)')
    .addHelpText('after', examples('cassanova heal'))
    .action(async (_options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const view = await client.call<NetworkView>('POST', '/network/heal');
      out.result(view, () => describe(view));
    });
  adminCommand(program, 'link', 'set the latency and loss of the links from a node (or all) to a node (or all)')
    .option('--from <id>', 'sending node (default: every node)', nodeId)
    .option('--to <id>', 'receiving node (default: every node)', nodeId)
    .option('--latency <ms>', 'milliseconds per message', numberIn(0, 3_600_000))
    .option('--loss <p>', 'chance a message is lost, 0 to 1', numberIn(0, 1))
    .addHelpText('after', examples('cassanova link --from 1 --to 3 --latency 200', 'cassanova link --to 2 --loss 0.1', 'cassanova link --latency 0 --loss 0   # every link perfect again'))
    .action(async (options: { from?: number; to?: number; latency?: number; loss?: number }, command: Command) => {
      if (options.latency === undefined && options.loss === undefined) throw new InvalidArgumentError('give --latency, --loss or both');
      const { client, out } = session(io, command);
      const view = await client.call<NetworkView>('PUT', '/network/links', { from: options.from, to: options.to, latencyMs: options.latency, loss: options.loss });
      out.result(view, () => describe(view));
    });
}
