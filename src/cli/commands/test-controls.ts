import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { formatTable } from '../output.js';
import { adminCommand, examples, session } from './admin-command.js';

interface SnapshotView {
  readonly name: string;
  readonly takenAt: string;
  readonly keyspaces: readonly string[];
  readonly partitions: number;
}

/** A snapshot name argument: what the admin API takes (a usage error otherwise, exit code 2). */
function snapshotName(value: string): string {
  if (!/^[A-Za-z0-9._-]{1,100}$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a snapshot name (1 to 100 letters, digits, '.', '_' or '-')`);
  return value;
}

const describeSnapshot = (s: SnapshotView): string =>
  `snapshot ${s.name} (taken ${s.takenAt}; ${s.keyspaces.length === 0 ? 'no user keyspace' : `keyspaces ${s.keyspaces.join(', ')}`}; ${s.partitions} partition(s))`;

/** reset, truncate, snapshot, restore, snapshots: putting a cluster back between tests. */
export function registerTestControlCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'reset', 'back to a new cluster: user keyspaces dropped, every node up, the network healed, test state cleared')
    .addHelpText('after', examples('cassanova reset', 'cassanova reset --admin http://127.0.0.1:8187'))
    .action(async (_options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const result = await client.call<{ droppedKeyspaces: string[] }>('POST', '/reset', {});
      out.result(result, () => `Reset: ${result.droppedKeyspaces.length === 0 ? 'no user keyspace to drop' : `dropped ${result.droppedKeyspaces.join(', ')}`}`);
    });
  adminCommand(program, 'truncate', 'empty every user table on every node, keeping the schema')
    .addHelpText('after', examples('cassanova truncate', 'cassanova truncate --json'))
    .action(async (_options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const result = await client.call<{ truncatedTables: string[] }>('POST', '/truncate', {});
      out.result(result, () => `Truncated ${result.truncatedTables.length} table(s)`);
    });
  adminCommand(program, 'snapshot <name>', 'take a snapshot of the whole cluster under a name (restore NAME brings it back)')
    .option('--delete', 'delete the snapshot of that name instead')
    .addHelpText('after', examples('cassanova snapshot seeded', 'cassanova snapshot seeded --delete'))
    .action(async (name: string, options: { delete?: boolean }, command: Command) => {
      const { client, out } = session(io, command);
      const valid = snapshotName(name);
      if (options.delete === true) {
        await client.call('DELETE', `/snapshots/${valid}`);
        out.result({ deleted: valid }, () => `Deleted snapshot ${valid}`);
        return;
      }
      const taken = await client.call<SnapshotView>('POST', '/snapshots', { name: valid });
      out.result(taken, () => `Took ${describeSnapshot(taken)}`);
    });
  adminCommand(program, 'restore <name>', 'bring the cluster back to a named snapshot: schema, data, hints, node states, network')
    .addHelpText('after', examples('cassanova restore seeded'))
    .action(async (name: string, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const restored = await client.call<SnapshotView>('POST', `/snapshots/${snapshotName(name)}/restore`, {});
      out.result(restored, () => `Restored ${describeSnapshot(restored)}`);
    });
  adminCommand(program, 'snapshots', 'list the named snapshots')
    .addHelpText('after', examples('cassanova snapshots', 'cassanova snapshots --json'))
    .action(async (_options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const list = await client.call<SnapshotView[]>('GET', '/snapshots');
      out.result(list, () => (list.length === 0 ? 'No snapshot' : formatTable(
        ['Name', 'Taken at', 'Keyspaces', 'Partitions'],
        list.map((s) => [s.name, s.takenAt, s.keyspaces.join(',') || '-', String(s.partitions)]),
      )));
    });
}
