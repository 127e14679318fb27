import { InvalidArgumentError, type Command } from 'commander';
import type { CliIo } from '../cli-io.js';
import { formatTable, type Output } from '../output.js';
import { PRIME_OPCODES } from '../../admin/index.js';
import type { AdminClient } from '../admin-client.js';
import { adminCommand, examples, nodeId, session } from './admin-command.js';

interface ActivityRecordView {
  readonly seq: number;
  readonly time: string;
  readonly node: number;
  readonly clientAddress: string;
  readonly clientPort: number;
  readonly opcode: string;
  readonly keyspace: string | null;
  readonly query: string | null;
  readonly statements: readonly { readonly query: string | null }[] | null;
  readonly consistency: string | null;
  readonly primed: number | null;
  readonly outcome: { readonly type: string; readonly kind?: string; readonly rowCount?: number | null; readonly error?: string } | null;
  readonly latencyMicros: number | null;
}

interface ActivityOptions {
  readonly follow?: boolean;
  readonly node?: number;
  readonly grep?: string;
  readonly opcode?: readonly string[];
  readonly since?: string;
  readonly limit?: number;
}

const OPCODES: readonly string[] = PRIME_OPCODES;
const HEADER = ['Seq', 'Time', 'Node', 'Client', 'Opcode', 'Consistency', 'Keyspace', 'Query', 'Outcome', 'Latency µs'];
/** Column widths of --follow, whose rows cannot wait for the longest cell: what most values fit in. */
const FOLLOW_WIDTHS = [6, 12, 4, 21, 7, 12, 12, 60, 16, 10];
const QUERY_CHARS = 60;

/** --opcode QUERY,EXECUTE (or repeated): known opcodes only, any case. */
function opcodes(value: string, previous: readonly string[] = []): string[] {
  const given = value.split(',').map((o) => o.trim().toUpperCase()).filter((o) => o !== '');
  const unknown = given.find((o) => !OPCODES.includes(o));
  if (unknown !== undefined || given.length === 0) throw new InvalidArgumentError(`'${value}' is not an opcode (${OPCODES.join(', ')})`);
  return [...previous, ...given];
}

function regularExpression(value: string): string {
  try {
    new RegExp(value);
  } catch (e) {
    throw new InvalidArgumentError(`'${value}' is not a regular expression: ${(e as Error).message}`);
  }
  return value;
}

function sequenceOrTime(value: string): string {
  if (/^\d+$/.test(value) || !Number.isNaN(new Date(value).getTime())) return value;
  throw new InvalidArgumentError(`'${value}' is neither a sequence number nor an ISO 8601 time`);
}

function count(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError(`'${value}' is not a count (0, 1, ...)`);
  return Number(value);
}

function queryString(options: ActivityOptions, withLimit: boolean): string {
  const query = new URLSearchParams();
  if (options.node !== undefined) query.set('node', String(options.node));
  if (options.since !== undefined) query.set('since', options.since);
  if (options.grep !== undefined) query.set('match', options.grep);
  for (const opcode of options.opcode ?? []) query.append('opcode', opcode);
  if (withLimit && options.limit !== undefined) query.set('limit', String(options.limit));
  const text = query.toString();
  return text === '' ? '' : `?${text}`;
}

function shortened(text: string, chars: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length <= chars ? oneLine : `${oneLine.slice(0, chars - 1)}…`;
}

function queryCell(record: ActivityRecordView): string {
  if (record.statements !== null) {
    const first = record.statements[0]?.query;
    return shortened(`[${record.statements.length}] ${first ?? '?'}${record.statements.length > 1 ? '; …' : ''}`, QUERY_CHARS);
  }
  return record.query === null ? '-' : shortened(record.query, QUERY_CHARS);
}

function outcomeCell(record: ActivityRecordView, out: Output): string {
  const outcome = record.outcome;
  let text: string;
  if (outcome === null) text = 'in flight';
  else if (outcome.type === 'RESULT') text = outcome.kind === 'rows' ? `rows ${outcome.rowCount ?? ''}`.trimEnd() : outcome.kind ?? 'RESULT';
  else if (outcome.type === 'ERROR') text = out.paint(outcome.error ?? 'ERROR', 'red');
  else text = outcome.type;
  return record.primed === null ? text : `${text} ${out.paint(`(prime ${record.primed})`, 'yellow')}`;
}

function cells(record: ActivityRecordView, out: Output): string[] {
  return [
    String(record.seq), record.time.slice(11, 23), String(record.node), `${record.clientAddress}:${record.clientPort}`, record.opcode,
    record.consistency ?? '-', record.keyspace ?? '-', queryCell(record), outcomeCell(record, out),
    record.latencyMicros === null ? '-' : String(record.latencyMicros),
  ];
}

/** A row of --follow: cells padded to fixed widths (colour codes do not count). */
function followRow(row: readonly string[]): string {
  return row.map((cell, i) => cell + ' '.repeat(Math.max(0, (FOLLOW_WIDTHS[i] ?? 0) - cell.replace(/\u001b\[\d+m/g, '').length))).join('  ').trimEnd();
}

/** Prints each record as it comes until the user stops (Ctrl-C) or the cluster closes. */
async function follow(client: AdminClient, out: Output, options: ActivityOptions, io: CliIo): Promise<void> {
  const abort = new AbortController();
  void io.stopRequested().then(() => abort.abort());
  if (!out.json) out.line(followRow(HEADER));
  for await (const line of client.lines(`/activity/stream${queryString(options, false)}`, abort.signal)) {
    if (line === '') continue;
    out.line(out.json ? line : followRow(cells(JSON.parse(line) as ActivityRecordView, out)));
  }
}

/** activity: what the nodes received, as a table, as JSON, or live. */
export function registerActivityCommands(program: Command, io: CliIo): void {
  adminCommand(program, 'activity', 'the requests the nodes received: seq, time, node, client, opcode, consistency, keyspace, CQL, outcome, latency')
    .option('-f, --follow', 'print each request as it is answered, until Ctrl-C (with --json: one JSON record a line)')
    .option('--node <id>', 'requests received by this node', nodeId)
    .option('--grep <regex>', 'requests whose CQL text (or that of one statement of a batch) matches', regularExpression)
    .option('--opcode <op>', 'requests with this opcode: QUERY, EXECUTE, BATCH, PREPARE, ... (several: QUERY,EXECUTE)', opcodes)
    .option('--since <seq|time>', 'requests after this sequence number, or from this ISO 8601 time', sequenceOrTime)
    .option('--limit <n>', 'only the latest n (not with --follow)', count)
    .addHelpText('after', examples(
      'cassanova activity',
      "cassanova activity --grep '^INSERT' --opcode EXECUTE --limit 20",
      'cassanova activity --follow --node 2',
      'cassanova activity --follow --json | jq .consistency',
    ))
    .action(async (options: ActivityOptions, command: Command) => {
      if (options.follow === true && options.limit !== undefined) throw new InvalidArgumentError('--limit does not go with --follow');
      const { client, out } = session(io, command);
      if (options.follow === true) {
        await follow(client, out, options, io);
        return;
      }
      const view = await client.call<{ sequence: number; records: ActivityRecordView[] }>('GET', `/activity${queryString(options, true)}`);
      out.result(view, () => (view.records.length === 0 ? 'No request recorded' : formatTable(HEADER, view.records.map((r) => cells(r, out)))));
    });
}
