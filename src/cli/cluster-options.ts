import { InvalidArgumentError, type Command } from 'commander';
import { LOG_LEVELS, type LogFormat, type LogLevel } from '../admin/index.js';
import type { CassanovaCluster, StartClusterOptions } from '../main.js';

/** The admin API's port when the command line names none. */
export const DEFAULT_ADMIN_PORT = 8187;

/** A data center's nodes as startCluster takes them: a count, or a count per rack. */
type DataCenterLayout = number | Readonly<Record<string, number>>;

/** The `start` command's options as commander hands them over (unset ones are undefined). */
export interface StartCommandOptions {
  readonly address: string;
  readonly port: number;
  readonly nodes?: number;
  readonly datacenters?: Readonly<Record<string, DataCenterLayout>>;
  readonly datacenter: string;
  readonly rack: string;
  readonly numTokens?: number;
  readonly initialTokens?: readonly (readonly string[])[];
  readonly addressing: 'addresses' | 'ports';
  readonly seed: number;
  readonly clusterName: string;
  readonly clock?: 'system' | 'virtual' | 'auto';
  readonly authenticator?: 'AllowAllAuthenticator' | 'PasswordAuthenticator';
  readonly authorizer?: 'AllowAllAuthorizer' | 'CassandraAuthorizer';
  readonly adminPort?: number;
  /** false with --no-admin. */
  readonly admin?: boolean;
  readonly kvMaxValueBytes?: number;
  readonly logLevel?: LogLevel;
  readonly logFormat?: LogFormat;
}

export function integer(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) throw new InvalidArgumentError('not an integer');
  return n;
}

function count(value: string, what: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n < 1) throw new InvalidArgumentError(`${what}: '${value}' is not a positive node count`);
  return n;
}

/**
 * `--datacenters`: data centers separated by commas, each `name:count` (all on rack1) or
 * `name:rack=count+rack=count` (nodes per rack), e.g. `dc1:3,dc2:2` or `dc1:r1=2+r2=1,dc2:2`.
 */
export function parseDataCenters(spec: string): Record<string, DataCenterLayout> {
  const out: Record<string, DataCenterLayout> = {};
  for (const part of spec.split(',')) {
    const colon = part.indexOf(':');
    const name = part.slice(0, colon).trim();
    const layout = part.slice(colon + 1).trim();
    if (colon <= 0 || name === '' || layout === '') throw new InvalidArgumentError(`'${part}' is not name:count or name:rack=count+…`);
    if (name in out) throw new InvalidArgumentError(`data center ${name} is given twice`);
    if (!layout.includes('=')) {
      out[name] = count(layout, name);
      continue;
    }
    const racks: Record<string, number> = {};
    for (const rackSpec of layout.split('+')) {
      const [rack, n, ...extra] = rackSpec.split('=').map((s) => s.trim());
      if (rack === undefined || rack === '' || n === undefined || extra.length > 0) {
        throw new InvalidArgumentError(`'${rackSpec}' in data center ${name} is not rack=count`);
      }
      racks[rack] = count(n, `${name}/${rack}`);
    }
    out[name] = racks;
  }
  return out;
}

/**
 * `--initial-tokens`: one token per node separated by commas (`a,b,c`), or several per node with
 * nodes separated by semicolons and a node's tokens by commas (`a1,a2;b1,b2;c1,c2`).
 */
export function parseInitialTokens(spec: string): string[][] {
  const perNode = spec.includes(';') ? spec.split(';').map((node) => node.split(',')) : spec.split(',').map((t) => [t]);
  return perNode.map((tokens) => tokens.map((t) => {
    const token = t.trim();
    if (!/^-?\d+$/.test(token)) throw new InvalidArgumentError(`'${token}' is not a token (a signed 64-bit integer)`);
    const value = BigInt(token);
    if (value < -(2n ** 63n) || value >= 2n ** 63n) throw new InvalidArgumentError(`token ${token} is out of the Murmur3 range`);
    return token;
  }));
}

/** `localhost` is 127.0.0.1 (nodes need consecutive addresses after it); an IPv6 address may come in brackets. */
export function parseAddress(value: string): string {
  const address = value.trim().replace(/^\[(.*)\]$/, '$1');
  return address === 'localhost' ? '127.0.0.1' : address;
}

/** `--kv-max-value-bytes`: a whole number of bytes, 1 or more. */
export function parseByteCount(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1) throw new InvalidArgumentError(`'${value}' is not a number of bytes (a whole number, 1 or more)`);
  return n;
}

export function parsePort(value: string): number {
  const port = Number(value);
  if (!/^\d+$/.test(value) || port > 65535) throw new InvalidArgumentError(`'${value}' is not a port (0 to 65535; 0 for any free port)`);
  return port;
}

export function oneOf<T extends string>(values: readonly T[]): (value: string) => T {
  return (value) => {
    const found = values.find((v) => v === value);
    if (found === undefined) throw new InvalidArgumentError(`expected one of ${values.join(', ')}`);
    return found;
  };
}

/** The options that define a cluster, shared by start and setup. */
export function addClusterOptions(command: Command): Command {
  return command
    .option('--address <address>', 'address of node 1 (node i takes the i-th address after it, unless --addressing ports); localhost is 127.0.0.1', parseAddress, '127.0.0.1')
    .option('--port <port>', 'native transport port (0 = any free port)', parsePort, 9042)
    .option('--nodes <count>', 'number of nodes, all in one data center (default 1)', integer)
    .option('--datacenters <spec>', 'nodes per data center: dc1:3,dc2:2; per rack: dc1:rack1=2+rack2=1,dc2:2', parseDataCenters)
    .option('--datacenter <name>', 'data center of every node without --datacenters', 'datacenter1')
    .option('--rack <name>', 'rack of every node without --datacenters', 'rack1')
    .option('--num-tokens <count>', 'tokens per node (num_tokens, default 16)', integer)
    .option('--initial-tokens <spec>', 'one token per node: a,b,c; several per node: a1,a2;b1,b2;c1,c2', parseInitialTokens)
    .option('--addressing <mode>', "'addresses': one address per node, same port; 'ports': one address, consecutive ports", parseAddressing, 'addresses')
    .option('--seed <seed>', 'seed for tokens, host ids and random choices', integer, 0)
    .option('--cluster-name <name>', 'cluster name', 'Test Cluster')
    .option('--clock <clock>', "'system'; 'virtual': time moves only through the admin API (cassanova advance-time); 'auto': also by itself while requests wait", oneOf(['system', 'virtual', 'auto'] as const), 'system')
    .option('--authenticator <class>', "'AllowAllAuthenticator' (no login) or 'PasswordAuthenticator' (log in; default superuser cassandra/cassandra)", oneOf(['AllowAllAuthenticator', 'PasswordAuthenticator'] as const))
    .option('--authorizer <class>', "'AllowAllAuthorizer' (no permission checks) or 'CassandraAuthorizer' (GRANT/REVOKE permissions; needs PasswordAuthenticator)", oneOf(['AllowAllAuthorizer', 'CassandraAuthorizer'] as const))
    .option('--admin-port <port>', `admin HTTP API port on node 1's address (0 = any free port)`, parsePort, DEFAULT_ADMIN_PORT)
    .option('--no-admin', 'no admin HTTP API')
    .option('--kv-max-value-bytes <bytes>', 'the largest value the key-value API (/v1/kv) takes; a larger one is refused with 413 (default 1048576)', parseByteCount);
}

/** The logging options of the commands that run a cluster. */
export function addLogOptions(command: Command): Command {
  return command
    .option('--log-level <level>', `log level: ${LOG_LEVELS.join(', ')}`, oneOf(LOG_LEVELS), 'info')
    .option('--log-format <format>', "'pretty' (the default on a terminal) or 'json' (one object per line)", oneOf(['pretty', 'json'] as const));
}

export function parseAddressing(value: string): 'addresses' | 'ports' {
  if (value === 'addresses' || value === 'ports') return value;
  throw new InvalidArgumentError("expected 'addresses' or 'ports'");
}

/** The startCluster options a `start` command line stands for. */
export function startOptions(opts: StartCommandOptions): StartClusterOptions {
  return {
    address: opts.address,
    port: opts.port,
    nodes: opts.nodes,
    dataCenters: opts.datacenters,
    dataCenter: opts.datacenter,
    rack: opts.rack,
    numTokens: opts.numTokens,
    initialTokens: opts.initialTokens,
    addressing: opts.addressing,
    seed: opts.seed,
    clusterName: opts.clusterName,
    clock: opts.clock,
    authenticator: opts.authenticator,
    authorizer: opts.authorizer,
    adminPort: opts.admin === false ? null : opts.adminPort ?? DEFAULT_ADMIN_PORT,
    kvMaxValueBytes: opts.kvMaxValueBytes,
    logLevel: opts.logLevel,
    logFormat: opts.logFormat,
  };
}

/** What `start --json` prints once every node listens. */
export function startSummary(cluster: CassanovaCluster, clusterName: string, caFile: string | null = null): unknown {
  return {
    clusterName,
    nodes: cluster.nodes.map((n) => ({ id: n.id, address: n.address, port: n.nativePort, dataCenter: n.dataCenter, rack: n.rack })),
    contactPoints: cluster.contactPoints,
    localDataCenter: cluster.localDataCenter,
    adminUrl: cluster.adminUrl,
    tls: cluster.tlsEnabled ? { caFile } : null,
  };
}

/** What `start` prints once every node listens: each node's contact point and place, then the summary. */
export function startBanner(cluster: CassanovaCluster, clusterName: string, caFile: string | null = null): string {
  const lines = [`Cassanova is running: ${cluster.nodes.length} node(s), cluster '${clusterName}'`];
  for (const node of cluster.nodes) {
    lines.push(`  node ${node.id}: ${node.contactPoint}  data center ${node.dataCenter}, rack ${node.rack}`);
  }
  lines.push(`  contact points:    ${cluster.contactPoints.join(', ')}`);
  lines.push(`  local data center: ${cluster.localDataCenter}`);
  if (cluster.tlsEnabled) lines.push(`  TLS:               on${caFile === null ? '' : `, clients trust the CA in ${caFile}`}`);
  if (cluster.adminUrl !== null) lines.push(`  admin API:         ${cluster.adminUrl}`, `  dashboard:         ${cluster.adminUrl}/`);
  lines.push('Press Ctrl-C to stop.');
  return `${lines.join('\n')}\n`;
}
