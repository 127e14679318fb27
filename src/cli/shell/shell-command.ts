import { InvalidArgumentError, type Command } from 'commander';
import { CliError, type CliIo } from '../cli-io.js';
import { examples } from '../commands/admin-command.js';
import { CONSISTENCY_LEVELS } from './consistency-levels.js';
import type { ShellOptions } from './shell-session.js';

function seconds(value: string): number {
  if (!/^\d+(\.\d+)?$/.test(value) || Number(value) <= 0) throw new InvalidArgumentError(`'${value}' is not a number of seconds`);
  return Number(value);
}

/** The versions the Node.js driver speaks (cqlsh's --protocol-version). */
function protocolVersion(value: string): number {
  if (!/^[34]$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a protocol version the shell speaks (3 or 4: the Node.js driver's)`);
  return Number(value);
}

function level(value: string): string {
  const upper = value.toUpperCase();
  if (!CONSISTENCY_LEVELS.includes(upper)) throw new InvalidArgumentError(`'${value}' is not a consistency level (${CONSISTENCY_LEVELS.join(', ')})`);
  return upper;
}

/** `cassanova shell [host [port]]`: the CQL shell, on the Node.js driver, against Cassanova or any Cassandra. */
export function registerShellCommand(program: Command, io: CliIo): void {
  program.command('shell [host] [port]')
    .description('a CQL shell like cqlsh 6 (needs no Python): interactive, or -e STATEMENT / -f FILE')
    .option('-k, --keyspace <keyspace>', 'the keyspace to use from the start')
    .option('-u, --username <name>', 'authenticate as this user (PlainTextAuthProvider)')
    .option('-p, --password <password>', 'the password of --username')
    .option('--consistency <level>', 'the consistency level to start with', level, 'ONE')
    .option('-e, --execute <statement>', 'run this statement (or shell command), then exit')
    .option('-f, --file <file>', 'run the statements of this file, then exit')
    .option('-t, --tty', 'force tty mode (prompts, no line numbers in errors)')
    .option('-C, --color', 'always use colour')
    .option('--no-color', 'never use colour')
    .option('--request-timeout <seconds>', 'the request timeout (default 10)', seconds)
    .option('--connect-timeout <seconds>', 'the connection timeout (default 5)', seconds)
    .option('--cqlshrc <file>', 'the cqlshrc file to read instead of ~/.cassandra/cqlshrc')
    .option('--protocol-version <version>', 'the native protocol version to speak, 3 or 4 (default: 4, or the newest the server knows)', protocolVersion)
    .addHelpText('after', `\nConnects to $CQLSH_HOST:$CQLSH_PORT, or the cqlshrc's [connection] hostname and port, or 127.0.0.1:9042,
unless a host and port are given. The cqlshrc's [ui] color, time_format, timezone ($TZ overrides it),
float_precision and double_precision and [authentication] keyspace apply as in cqlsh.
The history is kept in ~/.cassanova/shell_history ($CASSANOVA_SHELL_HISTORY overrides).
Exit codes: 0, 1 when it cannot connect, 2 after an error in a -e or -f run.
${examples("cassanova shell", "cassanova shell 127.0.0.2 9042 -k shop", "cassanova shell -e 'SELECT * FROM system.local'", 'cassanova shell -f schema.cql')}`)
    .action(async (host: string | undefined, port: string | undefined, options: ShellOptions) => {
      // Loaded on use: the driver is not needed by the other commands.
      const { runShell } = await import('./shell-session.js').catch((e: unknown) => {
        if ((e as { code?: string }).code === 'ERR_MODULE_NOT_FOUND') throw new CliError(`cassanova shell needs the npm package cassandra-driver (npm install cassandra-driver): ${(e as Error).message}`);
        throw e;
      });
      const code = await runShell(io, host, port, options);
      if (code !== 0) throw new CliError('', code === 2 ? 2 : 1);
    });
}

