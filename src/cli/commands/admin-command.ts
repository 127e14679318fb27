import { InvalidArgumentError, type Command } from 'commander';
import { AdminClient, adminUrlOf, DEFAULT_ADMIN_URL, type AdminTarget } from '../admin-client.js';
import type { CliIo } from '../cli-io.js';
import { Output } from '../output.js';

/** What a command that drives a running cluster is handed: its client and its output. */
export interface AdminSession {
  readonly client: AdminClient;
  readonly out: Output;
}

/** Adds the options every such command takes: where the admin API is, and --json. */
export function adminCommand(program: Command, nameAndArgs: string, description: string): Command {
  return program
    .command(nameAndArgs)
    .description(description)
    .option('--admin <url>', `the admin API (default: $CASSANOVA_ADMIN_URL, else ${DEFAULT_ADMIN_URL})`)
    .option('--dir <dir>', 'the folder of a cluster started with cassanova run --dir (its admin API)')
    .option('--json', 'print the result as JSON');
}

export function session(io: CliIo, command: Command): AdminSession {
  const options = command.opts<AdminTarget & { readonly json?: boolean }>();
  return { client: new AdminClient(adminUrlOf(options, io), io), out: new Output(io.stdout, options.json === true) };
}

/** Examples shown under a command's --help. */
export function examples(...lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((l) => `  $ ${l}`).join('\n')}\n`;
}

/** A node id argument: a whole number from 1 (a usage error otherwise, exit code 2). */
export function nodeId(value: string): number {
  const id = Number(value);
  if (!/^\d+$/.test(value) || id < 1) throw new InvalidArgumentError(`'${value}' is not a node id (1, 2, ...)`);
  return id;
}

/** A number from min to max, for --latency, --loss, --ms. */
export function numberIn(min: number, max: number): (value: string) => number {
  return (value) => {
    const n = Number(value);
    if (value.trim() === '' || !Number.isFinite(n) || n < min || n > max) {
      throw new InvalidArgumentError(`'${value}' is not a number from ${min} to ${max}`);
    }
    return n;
  };
}
