import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { CONSISTENCY_LEVELS, CQLSH_VERSION, type CqlShell } from './cql-shell.js';
import { firstWord } from './cql-splitter.js';
import { copy } from './copy-command.js';
import { describe } from './describe-printer.js';
import { columnize } from './result-table.js';

/**
 * The shell's own commands (cqlsh's do_* methods) and the routing of every statement: a command word
 * cqlsh handles itself, or CQL for the server. `runSource` reads a file of statements (SOURCE).
 */
export type RunSource = (shell: CqlShell, text: string, name: string) => Promise<void>;

/** The commands HELP lists, as cqlsh's "Documented shell commands". */
const SHELL_COMMANDS = ['CAPTURE', 'CLS', 'COPY', 'DESCRIBE', 'EXPAND', 'LOGIN', 'SERIAL', 'SOURCE', 'UNICODE', 'CLEAR', 'CONSISTENCY', 'DESC', 'EXIT', 'HELP', 'PAGING', 'SHOW', 'TRACING'].sort();
const CQL_TOPICS = ['AGGREGATES', 'ALTER_KEYSPACE', 'ALTER_TABLE', 'ALTER_TYPE', 'ALTER_USER', 'APPLY', 'ASCII', 'BATCH', 'BEGIN', 'BLOB', 'BOOLEAN',
  'COUNTER', 'CREATE_FUNCTION', 'CREATE_INDEX', 'CREATE_KEYSPACE', 'CREATE_TABLE', 'CREATE_TYPE', 'CREATE_USER', 'DATE', 'DELETE', 'DROP_INDEX',
  'DROP_KEYSPACE', 'DROP_TABLE', 'DROP_TYPE', 'DROP_USER', 'FUNCTIONS', 'GRANT', 'INSERT', 'INT', 'JSON', 'KEYWORDS', 'LIST_PERMISSIONS',
  'LIST_USERS', 'PERMISSIONS', 'REVOKE', 'SELECT', 'TEXT', 'TIME', 'TIMESTAMP', 'TRUNCATE', 'TYPES', 'UPDATE', 'USE', 'UUID'];

/** Runs one complete statement (without its `;`). */
export async function handleStatement(shell: CqlShell, statement: string, runSource: RunSource): Promise<void> {
  const word = firstWord(statement);
  const args = statement.replace(/^\s*(\?|\w+)/, '').trim();
  switch (word) {
    case 'use': return use(shell, statement);
    case 'select': return select(shell, statement);
    case 'consistency': return consistency(shell, args, false);
    case 'serial': return serial(shell, args);
    case 'tracing': shell.tracing = switchCommand(shell, 'TRACING', 'Tracing', shell.tracing, args); return;
    case 'expand': shell.expand = switchCommand(shell, 'EXPAND', 'Expanded output', shell.expand, args); return;
    case 'paging': return paging(shell, args);
    case 'describe': case 'desc': return describe(shell, statement);
    case 'source': return source(shell, args, runSource);
    case 'capture': return capture(shell, args);
    case 'show': return show(shell, args);
    case 'clear': case 'cls': shell.out.raw('\u001b[2J\u001b[H'); return;
    case 'help': case '?': return help(shell, args);
    case 'exit': case 'quit': shell.stopped = true; return;
    case 'copy': return copy(shell, statement, shell.clock);
    case 'login': case 'debug': case 'unicode':
      shell.out.error(`Improper ${word.toUpperCase()} command.`);
      return;
    default:
      await shell.perform(statement);
  }
}

/** do_use: the prompt follows the keyspace once the server accepted it. */
async function use(shell: CqlShell, statement: string): Promise<void> {
  const name = /^\s*use\s+("(?:[^"]|"")+"|\w+)\s*$/i.exec(statement)?.[1];
  if (!(await shell.perform(statement)) || name === undefined) return;
  shell.keyspace = name.startsWith('"') ? name.slice(1, -1).replace(/""/g, '"') : name.toLowerCase();
}

/** do_select: no tracing of reads from system_traces, which would trace themselves. */
async function select(shell: CqlShell, statement: string): Promise<void> {
  const keyspace = /\bfrom\s+"?(\w+)"?\s*\./i.exec(statement)?.[1]?.toLowerCase() ?? shell.keyspace;
  await shell.perform(statement, { tracing: shell.tracing && keyspace !== 'system_traces' });
}

async function consistency(shell: CqlShell, args: string, serialLevel: boolean): Promise<void> {
  const label = serialLevel ? 'serial consistency level' : 'consistency level';
  if (args === '') {
    shell.out.print(`Current ${label} is ${serialLevel ? shell.serialConsistency : shell.consistency}.`);
    return;
  }
  const level = args.toUpperCase();
  const allowed = serialLevel ? ['SERIAL', 'LOCAL_SERIAL'] : CONSISTENCY_LEVELS;
  if (!allowed.includes(level)) {
    shell.out.error(`Improper ${serialLevel ? 'SERIAL' : 'CONSISTENCY'} command.`);
    return;
  }
  if (serialLevel) shell.serialConsistency = level;
  else shell.consistency = level;
  shell.out.print(`${serialLevel ? 'Serial consistency' : 'Consistency'} level set to ${level}.`);
}

async function serial(shell: CqlShell, args: string): Promise<void> {
  const match = /^consistency\b\s*(.*)$/i.exec(args);
  if (match === null) {
    shell.out.error('Improper SERIAL command.');
    return;
  }
  await consistency(shell, match[1]!.trim(), true);
}

/** cqlsh's SwitchCommand: ON, OFF, or the current state. */
function switchCommand(shell: CqlShell, command: string, description: string, state: boolean, args: string): boolean {
  const value = args.toUpperCase();
  if (value === '') {
    shell.out.print(state ? `${description} is currently enabled. Use ${command} OFF to disable` : `${description} is currently disabled. Use ${command} ON to enable.`);
    return state;
  }
  if (value === 'ON') {
    if (state) shell.out.error(`${description} is already enabled. Use ${command} OFF to disable.`);
    else shell.out.print(`Now ${description} is enabled`);
    return true;
  }
  if (value === 'OFF') {
    if (!state) shell.out.error(`${description} is not enabled.`);
    else shell.out.print(`Disabled ${description}.`);
    return false;
  }
  shell.out.error(`Improper ${command} command.`);
  return state;
}

/** do_paging: ON, OFF or a page size (which turns paging on); the page size is printed while paging is on. */
async function paging(shell: CqlShell, args: string): Promise<void> {
  if (/^\d+$/.test(args)) {
    shell.usePaging = true;
    shell.pageSize = Number(args);
  } else {
    shell.usePaging = switchCommand(shell, 'PAGING', 'Query paging', shell.usePaging, args);
  }
  if (shell.usePaging) shell.out.print(`Page size: ${shell.pageSize}`);
  else shell.pageSize = 100;
}

/** A quoted file name of SOURCE and CAPTURE, with ~ expanded. */
function fileArgument(args: string): string | null {
  const match = /^'((?:[^']|'')*)'$/.exec(args) ?? /^"([^"]*)"$/.exec(args);
  if (match === null) return null;
  const path = match[1]!.replace(/''/g, "'");
  return path.startsWith('~') ? homedir() + path.slice(1) : path;
}

async function source(shell: CqlShell, args: string, runSource: RunSource): Promise<void> {
  const path = fileArgument(args);
  if (path === null) {
    shell.out.error('Improper SOURCE command.');
    return;
  }
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    shell.out.error(`Could not open '${path}': ${(e as Error).message}`);
    return;
  }
  await runSource(shell, text, path);
}

function capture(shell: CqlShell, args: string): void {
  if (args === '') {
    shell.out.print(shell.out.capturing === null ? 'Currently not capturing query output.' : `Currently capturing query output to '${shell.out.capturing}'.`);
    return;
  }
  if (args.toUpperCase() === 'OFF') {
    const path = shell.out.capturing;
    if (path === null) {
      shell.out.error('Not currently capturing output.');
      return;
    }
    shell.out.stopCapture();
    shell.out.print(`Stopped capture. Output saved to '${path}'.`);
    return;
  }
  const path = fileArgument(args);
  if (path === null) {
    shell.out.error('Improper CAPTURE command.');
    return;
  }
  try {
    shell.out.startCapture(path);
  } catch (e) {
    shell.out.error(`Unable to open '${path}' for writing: ${(e as Error).message}`);
    return;
  }
  shell.out.print(`Now capturing query output to '${path}'.`);
}

/** SHOW VERSION | HOST | SESSION <trace id>. */
async function show(shell: CqlShell, args: string): Promise<void> {
  const [what, id] = args.split(/\s+/);
  switch (what?.toUpperCase()) {
    case 'VERSION': shell.out.print(versionLine(shell)); return;
    case 'HOST': shell.out.print(hostLine(shell)); return;
    case 'SESSION':
      if (id !== undefined && /^[0-9a-f-]{36}$/i.test(id)) {
        const { types } = (await import('cassandra-driver')).default;
        await shell.showTrace(types.Uuid.fromString(id));
        return;
      }
  }
  shell.out.error('Improper SHOW command.');
}

export function versionLine(shell: CqlShell): string {
  const v = shell.versions;
  return `[cqlsh ${CQLSH_VERSION} | Cassandra ${v.release} | CQL spec ${v.cql} | Native protocol v${v.protocol}]`;
}

export function hostLine(shell: CqlShell): string {
  return `Connected to ${shell.out.colour ? `\u001b[0;1;34m${shell.versions.clusterName}\u001b[0m` : shell.versions.clusterName} at ${shell.host}:${shell.port}`;
}

function help(shell: CqlShell, args: string): void {
  if (args === '') {
    shell.out.print('');
    shell.out.print('Documented shell commands:');
    shell.out.print('===========================');
    for (const line of columnize(SHELL_COMMANDS)) shell.out.print(line);
    shell.out.print('');
    shell.out.print('CQL help topics:');
    shell.out.print('================');
    for (const line of columnize(CQL_TOPICS)) shell.out.print(line);
    shell.out.print('');
    return;
  }
  const topic = args.toUpperCase().replace(/\s+/g, '_');
  if (SHELL_COMMANDS.includes(topic) || CQL_TOPICS.includes(topic)) {
    shell.out.print(`See https://cassandra.apache.org/doc/4.1/cassandra/tools/cqlsh.html and https://cassandra.apache.org/doc/4.1/cassandra/cql/ for ${topic}.`);
  } else {
    shell.out.error(`*** No help on ${args}`);
  }
}
