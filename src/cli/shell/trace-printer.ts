import type cassandra from 'cassandra-driver';
import { COLOURS, nameCell, tableLines, valueCell } from './result-table.js';
import type { ShellOutput } from './shell-output.js';
import { formatText } from './value-format.js';

/**
 * A request's trace as cqlsh's tracing.py prints it: `Tracing session: <id>`, then a table of activity,
 * timestamp (local time, Python's str(datetime)), source, source_elapsed and client: the request, its
 * events, and `Request complete` with the whole duration.
 */
export function printTrace(out: ShellOutput, traceId: string, trace: cassandra.metadata.QueryTrace, tty: boolean): void {
  const client = String((trace as unknown as { clientAddress?: unknown }).clientAddress ?? '');
  const coordinator = String(trace.coordinator);
  const started = trace.startedAt as unknown as Date;
  const startedMicros = started.getTime() * 1000;
  const rows: [string, string, string, number, string][] = [[trace.requestType, localDateTime(startedMicros), coordinator, 0, client]];
  for (const event of trace.events) {
    const id = event.id as unknown as cassandra.types.TimeUuid;
    const { date, ticks } = id.getDatePrecision();
    rows.push([`${event.activity} [${event.thread}]`, localDateTime(date.getTime() * 1000 + Math.floor(ticks / 10)), String(event.source), Number(event.elapsed), client]);
  }
  rows.push(['Request complete', localDateTime(startedMicros + trace.duration), coordinator, trace.duration, client]);
  const colour = out.colour && out.capturing === null;
  const names = ['activity', 'timestamp', 'source', 'source_elapsed', 'client'].map((n) => nameCell(n, 'regular', colour));
  const cells = rows.map((row) => row.map((v) => valueCell(typeof v === 'number' ? { text: String(v), kind: 'number' } : { text: formatText(v, false), kind: 'text' }, colour)));
  out.result('');
  out.result(`${colour ? `${COLOURS.MAGENTA}Tracing session: ${COLOURS.RESET}` : 'Tracing session: '}${traceId}`);
  out.result('');
  for (const line of tableLines(names, cells, true, tty)) out.result(line);
  out.result('');
}

/** Python's str() of a naive local datetime: microseconds only when there are some. */
export function localDateTime(micros: number): string {
  const date = new Date(Math.floor(micros / 1000));
  const two = (n: number): string => String(n).padStart(2, '0');
  const text = `${date.getFullYear()}-${two(date.getMonth() + 1)}-${two(date.getDate())} ${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`;
  const fraction = ((micros % 1_000_000) + 1_000_000) % 1_000_000;
  return fraction === 0 ? text : `${text}.${String(fraction).padStart(6, '0')}`;
}
