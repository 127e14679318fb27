import { InvalidArgumentError } from 'commander';
import type { CassanovaCluster, StartClusterOptions } from '../main.js';

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
  };
}

/** What `start` prints once every node listens: each node's contact point and place, then the summary. */
export function startBanner(cluster: CassanovaCluster, clusterName: string): string {
  const lines = [`Cassanova is running: ${cluster.nodes.length} node(s), cluster '${clusterName}'`];
  for (const node of cluster.nodes) {
    lines.push(`  node ${node.id}: ${node.contactPoint}  data center ${node.dataCenter}, rack ${node.rack}`);
  }
  lines.push(`  contact points:    ${cluster.contactPoints.join(', ')}`);
  lines.push(`  local data center: ${cluster.localDataCenter}`);
  lines.push('Press Ctrl-C to stop.');
  return `${lines.join('\n')}\n`;
}
