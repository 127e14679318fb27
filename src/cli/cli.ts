import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { CASSANOVA_VERSION } from '../main.js';
import { CliError, type CliIo } from './cli-io.js';
import { COMMAND_GROUPS } from './commands/index.js';

function program(io: CliIo): Command {
  const root = new Command('cassanova')
    .description('A fake Apache Cassandra cluster in one Node.js process: start one, then drive it through its admin API')
    .version(CASSANOVA_VERSION, '-V, --version', 'print the version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      outputError: (text, write) => write(`cassanova: ${text.replace(/^error: /, '')}`),
    })
    .addHelpText('after', '\nCommands that drive a running cluster find its admin API with --admin URL, --dir DIR\n(a cluster started with run --dir), $CASSANOVA_ADMIN_URL, or http://127.0.0.1:8187.\nExit codes: 0 success, 1 the operation failed, 2 usage error.\n');
  for (const group of COMMAND_GROUPS) group(root, io);
  return root;
}

/**
 * Runs one command line (argv as process.argv: node, script, arguments) and resolves to its exit code.
 * Bare `cassanova` prints help rather than starting a cluster: starting one on 9042 unasked hid mistakes.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  const root = program(io);
  if (argv.length <= 2) {
    root.outputHelp();
    return 0;
  }
  try {
    await root.parseAsync([...argv]);
    return 0;
  } catch (e) {
    // Commander has printed its own usage errors already; errors of the commands are printed here, on one line.
    if (e instanceof CommanderError && !(e instanceof InvalidArgumentError)) return e.exitCode === 0 ? 0 : 2;
    const message = (e instanceof Error ? e.message : String(e)).split('\n')[0];
    // A CliError without a message: the command has printed its own errors (the shell's, as cqlsh does).
    if (message !== '') io.stderr.write(`cassanova: ${message}\n`);
    if (e instanceof InvalidArgumentError) return 2;
    return e instanceof CliError ? e.exitCode : 1;
  }
}
