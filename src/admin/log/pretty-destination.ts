/** Where log lines go: anything with a write(string), as process.stdout or a test's collector. */
export interface LineSink {
  write(line: string): unknown;
}

/** Colour only on a terminal, and never when NO_COLOR is set to anything (no-color.org). */
export function colourFor(stream: { readonly isTTY?: boolean }): boolean {
  return stream.isTTY === true && (process.env['NO_COLOR'] ?? '') === '';
}

const LEVEL_NAMES: Readonly<Record<number, string>> = { 10: 'TRACE', 20: 'DEBUG', 30: 'INFO', 40: 'WARN', 50: 'ERROR', 60: 'FATAL' };
/** ANSI colours of the level names: grey, grey, green, yellow, red, red. */
const LEVEL_COLOURS: Readonly<Record<number, number>> = { 10: 90, 20: 90, 30: 32, 40: 33, 50: 31, 60: 31 };

/**
 * Turns pino's JSON lines into one readable line each, `12:00:01.250 INFO  node 2 stopped  node=2`:
 * the time of day (UTC), the level, the message, then the other fields as key=value.
 */
export function prettyDestination(out: LineSink, colour: boolean): LineSink {
  return {
    write(line: string): void {
      out.write(`${prettyLine(line, colour)}\n`);
    },
  };
}

export function prettyLine(line: string, colour: boolean): string {
  let record: Record<string, unknown>;
  try {
    record = JSON.parse(line) as Record<string, unknown>;
  } catch {
    return line.trimEnd();
  }
  const { time, level, msg, ...fields } = record;
  const levelNumber = typeof level === 'number' ? level : 30;
  const levelName = (LEVEL_NAMES[levelNumber] ?? String(level)).padEnd(5);
  const shownLevel = colour ? `\u001b[${LEVEL_COLOURS[levelNumber] ?? 0}m${levelName}\u001b[0m` : levelName;
  const clock = typeof time === 'number' ? new Date(time).toISOString().slice(11, 23) : '';
  const rest = Object.entries(fields).map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`).join(' ');
  return `${clock} ${shownLevel} ${String(msg ?? '')}${rest === '' ? '' : `  ${rest}`}`;
}
