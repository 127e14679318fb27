import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { isTimeZone, type TimeZone } from './strftime.js';
import { DEFAULT_TIMESTAMP_FORMAT } from './value-format.js';

/** The sections of an INI file as Python's configparser reads them: option names in lower case. */
export type IniSections = ReadonlyMap<string, ReadonlyMap<string, string>>;

/**
 * configparser's reading: `[section]` headers, `name = value` or `name: value`, whole-line comments
 * starting with `#` or `;`, indented lines continuing the value above.
 */
export function parseIni(text: string): IniSections {
  const sections = new Map<string, Map<string, string>>();
  let section: Map<string, string> | null = null;
  let last: string | null = null;
  for (const line of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) continue;
    if (/^\s/.test(line) && section !== null && last !== null) {
      section.set(last, `${section.get(last)!}\n${trimmed}`);
      continue;
    }
    const header = /^\[(.+)\]$/.exec(trimmed);
    if (header !== null) {
      section = sections.get(header[1]!) ?? new Map<string, string>();
      sections.set(header[1]!, section);
      last = null;
      continue;
    }
    const option = /^([^=:]+?)\s*[=:]\s*(.*)$/.exec(trimmed);
    if (option === null || section === null) continue;
    last = option[1]!.toLowerCase();
    section.set(last, option[2]!);
  }
  return sections;
}

/** configparser's getboolean; undefined for a value it refuses. */
function booleanOf(text: string | undefined): boolean | undefined {
  const value = text?.toLowerCase();
  if (value === undefined) return undefined;
  if (['1', 'yes', 'true', 'on'].includes(value)) return true;
  if (['0', 'no', 'false', 'off'].includes(value)) return false;
  return undefined;
}

function integerOf(text: string | undefined): number | undefined {
  return text !== undefined && /^\s*-?\d+\s*$/.test(text) ? Number(text) : undefined;
}

/** What cqlsh takes from its cqlshrc (and $TZ, $CQLSH_DEFAULT_TIMESTAMP_FORMAT) before the command line. */
export interface CqlshrcSettings {
  /** The file read: ~/.cassandra/cqlshrc unless --cqlshrc names one that exists. */
  readonly path: string;
  readonly sections: IniSections;
  readonly hostname?: string;
  readonly port?: string;
  readonly connectTimeoutS?: number;
  readonly requestTimeoutS?: number;
  /** [protocol] version. */
  readonly protocolVersion?: number;
  readonly keyspace?: string;
  readonly username?: string;
  readonly password?: string;
  readonly color?: boolean;
  readonly timeFormat: string;
  readonly floatPrecision: number;
  readonly doublePrecision: number;
  readonly timezone: TimeZone;
}

/** Where a message of the settings goes: cqlsh prints some to standard output, some to standard error. */
export interface SettingsOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

/**
 * read_options: the cqlshrc given with --cqlshrc (warning when it does not exist, then the default one)
 * or ~/.cassandra/cqlshrc; [connection] hostname, port, timeout, request_timeout; [authentication]
 * keyspace, username, password (with cqlsh's deprecation notice); [protocol] version; [ui] color,
 * time_format, float_precision, double_precision, timezone. The zone is the cqlshrc's unless $TZ names one (as
 * cqlsh with its time zone module present); without either, UTC (cqlsh without tzlocal).
 */
export function readCqlshrc(given: string | undefined, env: Readonly<Record<string, string | undefined>>, out: SettingsOutput): CqlshrcSettings {
  const home = env['HOME'] ?? homedir();
  const defaultPath = join(home, '.cassandra', 'cqlshrc');
  let path = defaultPath;
  if (given !== undefined) {
    path = given.replace(/^~(?=$|\/)/, home);
    if (!existsSync(path)) {
      out.stdout(`\nWarning: Specified cqlshrc location \`${path}\` does not exist.  Using \`${defaultPath}\` instead.\n\n`);
      path = defaultPath;
    }
  }
  let sections: IniSections = new Map();
  try {
    sections = parseIni(readFileSync(path, 'utf8'));
  } catch {
    // cqlsh's ConfigParser.read skips a file it cannot read.
  }
  const get = (section: string, option: string): string | undefined => sections.get(section)?.get(option);
  const username = get('authentication', 'username');
  const password = get('authentication', 'password');
  if (username !== undefined || password !== undefined) {
    out.stderr('\nNotice: Credentials in the cqlshrc file is deprecated and will be ignored in the future.\nPlease use a credentials file to specify the username and password.\n\n');
  }
  return {
    path, sections, username, password,
    hostname: get('connection', 'hostname'),
    port: get('connection', 'port'),
    connectTimeoutS: integerOf(get('connection', 'timeout')),
    requestTimeoutS: integerOf(get('connection', 'request_timeout')),
    protocolVersion: integerOf(get('protocol', 'version')),
    keyspace: get('authentication', 'keyspace'),
    color: booleanOf(get('ui', 'color')),
    timeFormat: get('ui', 'time_format') ?? (env['CQLSH_DEFAULT_TIMESTAMP_FORMAT'] || DEFAULT_TIMESTAMP_FORMAT),
    floatPrecision: integerOf(get('ui', 'float_precision')) ?? 5,
    doublePrecision: integerOf(get('ui', 'double_precision')) ?? 5,
    timezone: displayZone(get('ui', 'timezone'), env['TZ'], out),
  };
}

/** The zone timestamps show in: $TZ over the cqlshrc's timezone, each warned about when unknown. */
function displayZone(configured: string | undefined, tz: string | undefined, out: SettingsOutput): TimeZone {
  let zone: TimeZone = null;
  if (configured !== undefined && configured !== '') {
    if (isTimeZone(configured)) zone = configured;
    else out.stderr(`Warning: could not recognize timezone '${configured}' specified in cqlshrc\n\n`);
  }
  if (tz !== undefined) {
    if (tz !== '' && isTimeZone(tz)) zone = tz;
    else out.stderr(`Warning: could not recognize timezone '${tz}' from environment value TZ\n\n`);
  }
  return zone;
}
