import type { Command } from 'commander';
import { CliError, type CliIo } from '../cli-io.js';
import { withProgress } from '../progress.js';
import { adminCommand, examples, nodeId, numberIn, session } from './admin-command.js';

interface RepairView {
  readonly keyspaces: readonly string[];
  readonly rangesCompared: number;
  readonly mismatchedLeaves: number;
  readonly partitionsStreamed: number;
  readonly failures: readonly { readonly keyspace: string; readonly table: string; readonly reason: string }[];
}

/** repair, cleanup, advance-time: maintenance and the clock. */
export function registerMaintenanceCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'repair [keyspace]', 'full repair of one keyspace or all: every replica of every range converges')
    .option('--depth <n>', 'Merkle tree depth (2^n leaves per range)', numberIn(0, 20))
    .addHelpText('after', examples('cassanova repair', 'cassanova repair shop --json'))
    .action(async (keyspace: string | undefined, options: { depth?: number }, command: Command) => {
      const { client, out } = session(io, command);
      const result = await withProgress(io, `Repairing ${keyspace ?? 'every keyspace'}`, client.call<RepairView>('POST', '/repair', { keyspace, depth: options.depth }));
      out.result(result, () => [
        `Repaired ${result.keyspaces.join(', ') || 'nothing (no replicated keyspace)'}: ${result.rangesCompared} range(s) compared, ${result.mismatchedLeaves} mismatched leaf(s), ${result.partitionsStreamed} partition(s) streamed`,
        ...result.failures.map((f) => `  failed: ${f.keyspace}.${f.table}: ${f.reason}`),
      ].join('\n'));
      if (result.failures.length > 0) throw new CliError(`repair failed for ${result.failures.length} range(s)`);
    });
  adminCommand(program, 'cleanup', 'drop, on every node (or one), the partitions it no longer replicates')
    .option('--node <id>', 'only this node', nodeId)
    .addHelpText('after', examples('cassanova cleanup', 'cassanova cleanup --node 1'))
    .action(async (options: { node?: number }, command: Command) => {
      const { client, out } = session(io, command);
      const result = await client.call<{ droppedPartitions: number }>('POST', '/cleanup', { node: options.node });
      out.result(result, () => `Cleanup dropped ${result.droppedPartitions} partition(s)`);
    });
  for (const [name, what, doing, done] of [
    ['flush', 'write every memtable to an SSTable, on every node (or one): a cluster with a data folder', 'Flushing', 'Flushed'],
    ['compact', 'flush, then compact each table\'s SSTables into one, on every node (or one)', 'Compacting', 'Compacted'],
  ] as const) {
    adminCommand(program, name, what)
      .option('--node <id>', 'only this node', nodeId)
      .addHelpText('after', examples(`cassanova ${name}`, `cassanova ${name} --node 2`))
      .action(async (options: { node?: number }, command: Command) => {
        const { client, out } = session(io, command);
        const where = options.node === undefined ? 'every node' : `node ${options.node}`;
        const result = await withProgress(io, `${doing} ${where}`, client.call<Record<string, never>>('POST', `/${name}`, { node: options.node }));
        out.result(result, () => `${done} ${where}`);
      });
  }
  adminCommand(program, 'advance-time <ms>', 'move a virtual clock forward (a cluster started with --clock virtual)')
    .addHelpText('after', examples('cassanova advance-time 1000', 'cassanova advance-time 86400000   # a day: TTLs expire, hint windows pass'))
    .action(async (ms: string, _options: unknown, command: Command) => {
      const { client, out } = session(io, command);
      const result = await client.call<{ nowMs: number }>('POST', '/clock/advance', { ms: numberIn(0, Number.MAX_SAFE_INTEGER)(ms) });
      out.result(result, () => `The cluster's clock is at ${new Date(result.nowMs).toISOString()}`);
    });
}
