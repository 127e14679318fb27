import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { CliError, type CliIo } from '../cli-io.js';
import { connect, protectName } from './connect.js';
import { readCqlshrc } from './cqlshrc.js';
import { CqlShell } from './cql-shell.js';
import { formatError } from './error-format.js';
import { Repl } from './repl.js';
import { runExecute, runScript } from './script-runner.js';
import { hostLine, versionLine } from './shell-commands.js';
import { ShellOutput } from './shell-output.js';

/** The options of `cassanova shell`, parsed. */
export interface ShellOptions {
  readonly keyspace?: string;
  readonly username?: string;
  readonly password?: string;
  readonly consistency: string;
  readonly execute?: string;
  readonly file?: string;
  readonly tty?: boolean;
  readonly color?: boolean;
  readonly requestTimeout?: number;
  readonly connectTimeout?: number;
  readonly cqlshrc?: string;
  readonly protocolVersion?: number;
}

/**
 * One run of the shell: connect, then -e, -f, the interactive loop (tty) or the statements piped in.
 * Resolves to the exit code: 1 when it cannot connect, 2 after an error of a -e or -f run (as cqlsh).
 */
export async function runShell(io: CliIo, givenHost: string | undefined, givenPort: string | undefined, options: ShellOptions): Promise<number> {
  if (options.execute !== undefined && options.file !== undefined) throw new CliError('give -e or -f, not both', 2);
  const rc = readCqlshrc(options.cqlshrc, io.env, { stdout: (t) => io.stdout.write(t), stderr: (t) => io.stderr.write(t) });
  // cqlsh's order: the command line over $CQLSH_HOST/$CQLSH_PORT over the cqlshrc over the defaults.
  const host = givenHost ?? io.env['CQLSH_HOST'] ?? rc.hostname ?? '127.0.0.1';
  const port = Number(givenPort ?? io.env['CQLSH_PORT'] ?? rc.port ?? 9042);
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new CliError(`'${givenPort ?? io.env['CQLSH_PORT'] ?? rc.port}' is not a port`, 2);
  const batch = options.execute !== undefined || options.file !== undefined;
  const script = options.file === undefined ? null : readScript(options.file);
  const tty = options.tty === true || (!batch && process.stdin.isTTY === true);
  // As cqlsh: --color/--no-color, else the cqlshrc's, else none with -f, else when standard output is a colour terminal.
  const colour = options.color ?? rc.color ?? (options.file === undefined && io.stdout.isTTY === true && io.env['NO_COLOR'] === undefined && io.env['TERM'] !== 'dumb');
  const username = options.username ?? rc.username;
  let connection;
  try {
    connection = await connect({
      host, port, username, password: options.password ?? rc.password,
      connectTimeoutS: options.connectTimeout ?? rc.connectTimeoutS ?? 5, requestTimeoutS: options.requestTimeout ?? rc.requestTimeoutS ?? 10,
      protocolVersion: options.protocolVersion ?? rc.protocolVersion,
    });
  } catch (e) {
    io.stderr.write(`Connection error: ('Unable to connect to any servers', {${connectionErrors(e, `${host}:${port}`)}})\n`);
    return 1;
  }
  const out = new ShellOutput(io.stdout, io.stderr, colour, tty ? null : { name: options.file ?? '<stdin>', lineno: 1 });
  const repl: { current: Repl | null } = { current: null };
  const shell = new CqlShell(connection.client, out, tty, host, port, connection.versions, tty ? (p) => repl.current!.ask(p) : null, null, io.clock);
  shell.consistency = options.consistency;
  shell.format = {
    ...shell.format, timestampFormat: rc.timeFormat, timezone: rc.timezone, floatPrecision: rc.floatPrecision, doublePrecision: rc.doublePrecision,
  };
  shell.configSections = rc.sections;
  shell.configPath = rc.path;
  const keyspace = options.keyspace ?? rc.keyspace;
  try {
    if (keyspace !== undefined && !(await shell.perform(`USE ${protectName(keyspace)}`))) return batch ? 2 : 1;
    if (keyspace !== undefined) shell.keyspace = keyspace;
    if (options.execute !== undefined) await runExecute(shell, options.execute);
    else if (script !== null) await runScript(shell, script, options.file!);
    else if (tty) {
      out.print(hostLine(shell));
      out.print(versionLine(shell));
      out.print('Use HELP for help.');
      repl.current = new Repl(shell, process.stdin, process.stdout, io.env['CASSANOVA_SHELL_HISTORY'] ?? join(homedir(), '.cassanova', 'shell_history'));
      await repl.current.run();
    } else {
      await runScript(shell, await io.readStdin(), '<stdin>');
    }
  } finally {
    out.stopCapture();
    await connection.client.shutdown();
  }
  return batch && out.statementError ? 2 : 0;
}

function readScript(file: string): string {
  try {
    return readFileSync(file, 'utf8').replace(/^\uFEFF/, '');
  } catch (e) {
    throw new CliError(`Can't open '${file}': ${(e as Error).message}`);
  }
}

/** The errors of each host tried, one line, as cqlsh lists them after 'Unable to connect to any servers'. */
function connectionErrors(e: unknown, target: string): string {
  const inner = (e as { innerErrors?: Record<string, unknown> }).innerErrors;
  const entries = inner !== undefined && Object.keys(inner).length > 0 ? Object.entries(inner) : [[target, e] as const];
  return entries.map(([address, error]) => `'${address}': ${formatError(error).replace(/\s*\n\s*/g, ' ')}`).join(', ');
}
