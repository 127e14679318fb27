import { ProtocolError } from '../errors/index.js';
import type { ProtocolVersion } from '../protocol/index.js';

/** What a STARTUP asks of the connection, once checked. */
export interface StartupOptions {
  /** The body compression asked for (lower-cased), or null. */
  readonly compression: 'lz4' | 'snappy' | null;
  /** Every option, names upper-cased as Cassandra keeps them (system_views.clients.client_options). */
  readonly options: ReadonlyMap<string, string>;
}

// Cassandra's CassandraVersion format: major.minor[.patch[.hotfix]][-prerelease][+build].
const VERSION_FORMAT = /^(\d+)\.(\d+)(?:\.(\w+)(?:\.(\w+))?)?(-[-.\w]+)?(?:[.+][.\w]+)?$/;
const MAX_INT = 2 ** 31 - 1;

/** Refuses a CQL_VERSION that is not a version, or older than 3.0 (anything below 2.99.0), as Cassandra does. */
function checkCqlVersion(cqlVersion: string): void {
  const match = VERSION_FORMAT.exec(cqlVersion);
  const numbers = match === null ? [] : [match[1], match[2], match[3] ?? '0', match[4] ?? '0'];
  if (match === null || !numbers.every((n) => n !== undefined && /^\d+$/.test(n) && Number(n) <= MAX_INT)) {
    throw new ProtocolError(`Invalid version value: ${cqlVersion}`);
  }
  const [major, minor, patch] = numbers.map(Number) as [number, number, number];
  const hasOnlyPrerelease = match[4] === undefined && match[5] !== undefined;
  const below = major !== 2 ? major < 2 : minor !== 99 ? minor < 99 : patch === 0 && hasOnlyPrerelease;
  if (below) {
    throw new ProtocolError(`CQL version ${cqlVersion} is not supported by the binary protocol (supported version are >= 3.0.0)`);
  }
}

/**
 * Checks a STARTUP's options as Cassandra's StartupMessage does: option names in any case, a
 * well-formed CQL_VERSION, and a compression this protocol version allows.
 */
export function startupOptions(options: ReadonlyMap<string, string>, version: ProtocolVersion): StartupOptions {
  const byName = new Map([...options].map(([name, value]) => [name.toUpperCase(), value]));
  const cqlVersion = byName.get('CQL_VERSION');
  if (cqlVersion === undefined) throw new ProtocolError('Missing value CQL_VERSION in STARTUP message');
  checkCqlVersion(cqlVersion);
  const compression = byName.get('COMPRESSION')?.toLowerCase();
  if (compression === undefined) return { compression: null, options: byName };
  if (compression === 'snappy' && version >= 5) throw new ProtocolError('Snappy compression is not supported in protocol V5');
  if (compression !== 'lz4' && compression !== 'snappy') throw new ProtocolError(`Unknown compression algorithm: ${compression}`);
  return { compression, options: byName };
}
