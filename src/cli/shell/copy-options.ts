import { existsSync } from 'node:fs';
import type { IniSections } from './cqlshrc.js';
import type { CsvDialect } from './csv.js';

/** COPY's options as copyutil's parse_options makes them, with cqlsh's defaults. */
export interface CopyOptions extends CsvDialect {
  readonly header: boolean;
  readonly nullValue: string;
  readonly encoding: BufferEncoding;
  readonly pageSize: number;
  readonly pageTimeoutS: number;
  readonly maxAttempts: number;
  /** DATETIMEFORMAT; null: the shell's time_format. */
  readonly dateTimeFormat: string | null;
  readonly chunkSize: number;
  readonly maxBatchSize: number;
  readonly decimalSep: string;
  readonly thousandsSep: string;
  readonly boolStyle: readonly [string, string];
  readonly numProcesses: number;
  readonly beginToken: string;
  readonly endToken: string;
  readonly maxRows: number;
  readonly skipRows: number;
  readonly skipCols: readonly string[];
  readonly maxParseErrors: number;
  readonly maxInsertErrors: number;
  readonly errFile: string;
  readonly ttl: number;
}

/** The options copyutil takes (whichever the direction); any other is refused as unrecognized. */
const KNOWN = new Set([
  'quote', 'escape', 'delimiter', 'null', 'header', 'encoding', 'maxrequests', 'pagesize', 'pagetimeout', 'maxattempts',
  'datetimeformat', 'chunksize', 'ingestrate', 'maxbatchsize', 'minbatchsize', 'reportfrequency', 'decimalsep', 'thousandssep',
  'boolstyle', 'numprocesses', 'begintoken', 'endtoken', 'maxrows', 'skiprows', 'skipcols', 'maxparseerrors', 'maxinserterrors',
  'errfile', 'ratefile', 'maxoutputsize', 'preparedstatements', 'ttl', 'floatprecision', 'doubleprecision', 'configfile',
]);

/** Python's encodings as Node names them. */
const ENCODINGS: Readonly<Record<string, BufferEncoding>> = {
  utf8: 'utf8', 'utf-8': 'utf8', utf_8: 'utf8', latin1: 'latin1', 'latin-1': 'latin1', 'iso-8859-1': 'latin1', iso8859_1: 'latin1',
  ascii: 'ascii', 'us-ascii': 'ascii', 'utf-16': 'utf16le', utf16: 'utf16le', 'utf-16-le': 'utf16le',
};

/** Python's repr of a dict of strings, as copyutil prints the options it read. */
function pythonDict(options: ReadonlyMap<string, string>): string {
  return `{${[...options].map(([k, v]) => `'${k}': '${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`).join(', ')}}`;
}

/** `WITH name = value AND …`: the option names in lower case, quoted values unquoted; null when it does not parse. */
export function parseWith(text: string): Map<string, string> | null {
  const options = new Map<string, string>();
  const option = /^\s*(\w+)\s*=\s*(?:'((?:[^']|'')*)'|([\w.+-]+))\s*(?:and\b|$)/i;
  let rest = text.trim();
  while (rest !== '') {
    const match = option.exec(rest);
    if (match === null) return null;
    options.set(match[1]!.toLowerCase(), match[2]?.replace(/''/g, "'") ?? match[3]!);
    rest = rest.slice(match[0].length).trim();
  }
  return options;
}

/** Python's string_escape of an option value (DELIMITER='\t' is a tab). */
function unescape(value: string): string {
  const named: Readonly<Record<string, string>> = { t: '\t', n: '\n', r: '\r', '\\': '\\', "'": "'", '"': '"', '0': '\0' };
  return value.replace(/\\(.)/g, (whole, c: string) => named[c] ?? whole);
}

function int(options: Map<string, string>, name: string, fallback: number): number {
  const text = options.get(name);
  options.delete(name);
  if (text === undefined) return fallback;
  if (!/^\s*[+-]?\d+\s*$/.test(text)) throw new Error(`invalid literal for int() with base 10: '${text}'`);
  return Number(text);
}

function text(options: Map<string, string>, name: string, fallback: string): string {
  const value = options.get(name);
  options.delete(name);
  return value ?? fallback;
}

/** Where the options come from: the cqlshrc's [copy…] sections, then the command line (maybe_read_config_file). */
export interface CopySource {
  readonly configPath: string;
  readonly sections: IniSections;
  readonly direction: 'to' | 'from';
  readonly keyspace: string;
  readonly table: string;
  readonly print: (line: string) => void;
}

function withConfigFile(given: Map<string, string>, source: CopySource): Map<string, string> {
  const configFile = given.get('configfile');
  given.delete('configfile');
  const path = configFile ?? source.configPath;
  if (path === '' || !existsSync(path)) return given;
  const { direction: d, keyspace: ks, table: t } = source;
  const merged = new Map<string, string>();
  for (const name of ['copy', `copy-${d}`, `copy:${ks}.${t}`, `copy-${d}:${ks}.${t}`]) {
    const section = source.sections.get(name);
    if (section === undefined) continue;
    source.print(`Reading options from ${path}:[${name}]: ${pythonDict(section)}`);
    for (const [k, v] of section) merged.set(k, v);
  }
  if (given.size > 0) source.print(`Reading options from the command line: ${pythonDict(given)}`);
  for (const [k, v] of given) merged.set(k, v);
  return merged;
}

/**
 * parse_options: the dialect and copy options with copyutil's defaults, values unescaped (but file names);
 * throws with Python's message for a bad number, a boolean style or an encoding; names the options it
 * does not know.
 */
export function copyOptions(given: Map<string, string>, source: CopySource): { options: CopyOptions; unrecognized: string[] } {
  const all = withConfigFile(given, source);
  const opts = new Map([...all].map(([k, v]) => [k, k === 'errfile' || k === 'ratefile' ? v : unescape(v)]));
  const unrecognized = [...opts.keys()].filter((k) => !KNOWN.has(k));
  const quote = text(opts, 'quote', '"');
  const escape = text(opts, 'escape', '\\');
  const boolStyle = text(opts, 'boolstyle', 'True, False').split(',').map((s) => s.trim());
  if (boolStyle.length !== 2 || boolStyle[0] === boolStyle[1] || boolStyle[0] === '' || boolStyle[1] === '') {
    throw new Error(`Invalid boolean styles [${boolStyle.map((s) => `'${s}'`).join(', ')}]`);
  }
  const encodingName = text(opts, 'encoding', 'utf8');
  const encoding = ENCODINGS[encodingName.toLowerCase()];
  if (encoding === undefined) throw new Error(`unknown encoding: ${encodingName}`);
  const pageSize = int(opts, 'pagesize', 1000);
  const options: CopyOptions = {
    quote, escape, delimiter: text(opts, 'delimiter', ','),
    nullValue: text(opts, 'null', ''), header: text(opts, 'header', '').toLowerCase() === 'true', encoding, pageSize,
    pageTimeoutS: int(opts, 'pagetimeout', Math.max(10, 10 * Math.floor(pageSize / 1000))),
    maxAttempts: int(opts, 'maxattempts', 5), dateTimeFormat: opts.get('datetimeformat') ?? null,
    chunkSize: int(opts, 'chunksize', 5000), maxBatchSize: int(opts, 'maxbatchsize', 20),
    decimalSep: text(opts, 'decimalsep', '.'), thousandsSep: text(opts, 'thousandssep', ''), boolStyle: [boolStyle[0]!, boolStyle[1]!],
    numProcesses: int(opts, 'numprocesses', 1), beginToken: text(opts, 'begintoken', ''), endToken: text(opts, 'endtoken', ''),
    maxRows: int(opts, 'maxrows', -1), skipRows: int(opts, 'skiprows', 0),
    skipCols: text(opts, 'skipcols', '').split(',').map((c) => c.trim()).filter((c) => c !== ''),
    maxParseErrors: int(opts, 'maxparseerrors', -1), maxInsertErrors: int(opts, 'maxinserterrors', -1),
    errFile: text(opts, 'errfile', `import_${source.keyspace}_${source.table}.err`), ttl: int(opts, 'ttl', -1),
  };
  for (const name of ['maxrequests', 'ingestrate', 'minbatchsize', 'maxoutputsize', 'floatprecision', 'doubleprecision']) int(opts, name, 0);
  return { options, unrecognized };
}
