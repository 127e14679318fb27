import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_KV_MAX_VALUE_BYTES, uuidText } from '../admin/index.js';
import { savedManifest, type ClusterManifest, type NodeIdentity, type StartClusterOptions } from '../main.js';
import { CliError } from './cli-io.js';

export const CLUSTER_FILE = 'cluster.json';

/** One node of a cluster definition: who it is, where it listens, where it sits, what it owns. */
export interface NodeDefinition {
  readonly id: number;
  readonly address: string;
  /** Its native transport port (0: any free port, chosen at each run). */
  readonly port: number;
  readonly dataCenter: string;
  readonly rack: string;
  readonly hostId: string;
  readonly tokens: readonly string[];
}

/** DIR/cluster.json: what `cassanova run --dir DIR` starts, the same every time. */
export interface ClusterDefinition {
  readonly clusterName: string;
  readonly seed: number;
  readonly address: string;
  readonly port: number;
  readonly addressing: 'addresses' | 'ports';
  /** The admin API's port (0: any free port), or null for none. */
  readonly adminPort: number | null;
  readonly numTokens: number;
  readonly clock: 'system' | 'virtual' | 'auto';
  /** The key-value API's value limit in bytes; absent in files written before it was an option (then 1 MiB). */
  readonly kvMaxValueBytes?: number;
  /** The authenticator, when not AllowAllAuthenticator. */
  readonly authenticator?: 'AllowAllAuthenticator' | 'PasswordAuthenticator';
  /** The authorizer, when not AllowAllAuthorizer. */
  readonly authorizer?: 'AllowAllAuthorizer' | 'CassandraAuthorizer';
  readonly nodes: readonly NodeDefinition[];
}

/** The definition of the cluster `options` start, its nodes as plannedNodes(options) made them. */
export function clusterDefinition(options: StartClusterOptions, nodes: readonly NodeIdentity[], numTokens: number): ClusterDefinition {
  const port = options.port ?? 9042;
  const addressing = options.addressing ?? 'addresses';
  return {
    clusterName: options.clusterName ?? 'Test Cluster',
    seed: options.seed ?? 0,
    address: nodes[0]!.address,
    port,
    addressing,
    adminPort: options.adminPort ?? null,
    numTokens,
    clock: options.clock ?? 'system',
    kvMaxValueBytes: options.kvMaxValueBytes ?? DEFAULT_KV_MAX_VALUE_BYTES,
    ...(options.authenticator === undefined ? {} : { authenticator: options.authenticator }),
    ...(options.authorizer === undefined ? {} : { authorizer: options.authorizer }),
    nodes: nodes.map((n) => ({
      id: n.id,
      address: n.address,
      port: addressing === 'ports' && port !== 0 ? port + n.id - 1 : port,
      dataCenter: n.dataCenter,
      rack: n.rack,
      hostId: uuidText(n.hostId),
      tokens: n.tokens.map(String),
    })),
  };
}

/** Nodes per data center and rack, in the order the definition lists them: startCluster lays them out again. */
function dataCentersOf(nodes: readonly NodeDefinition[]): Record<string, Record<string, number>> {
  const dataCenters: Record<string, Record<string, number>> = {};
  for (const n of nodes) {
    const racks = (dataCenters[n.dataCenter] ??= {});
    racks[n.rack] = (racks[n.rack] ?? 0) + 1;
  }
  return dataCenters;
}

/** The options that start exactly the cluster a definition describes: its tokens and host ids given, not drawn. */
export function startOptionsOf(definition: ClusterDefinition): StartClusterOptions {
  return {
    clusterName: definition.clusterName,
    seed: definition.seed,
    address: definition.address,
    port: definition.port,
    addressing: definition.addressing,
    adminPort: definition.adminPort,
    numTokens: definition.numTokens,
    clock: definition.clock,
    kvMaxValueBytes: definition.kvMaxValueBytes,
    authenticator: definition.authenticator,
    authorizer: definition.authorizer,
    dataCenters: dataCentersOf(definition.nodes),
    initialTokens: definition.nodes.map((n) => n.tokens),
    hostIds: definition.nodes.map((n) => n.hostId),
  };
}

/**
 * Checks that the nodes about to start are the ones the definition lists, in its order: a definition
 * edited into an order startCluster cannot lay out is refused rather than started differently.
 */
export function checkSameNodes(definition: ClusterDefinition, planned: readonly NodeIdentity[]): void {
  definition.nodes.forEach((expected, i) => {
    const actual = planned[i];
    const same = actual !== undefined && actual.id === expected.id && actual.address === expected.address &&
      actual.dataCenter === expected.dataCenter && actual.rack === expected.rack && uuidText(actual.hostId) === expected.hostId.toLowerCase();
    if (!same) {
      throw new CliError(`${CLUSTER_FILE}: node ${expected.id} would start as ${actual === undefined ? 'nothing' : `node ${actual.id} at ${actual.address} in ${actual.dataCenter}/${actual.rack}`}; list nodes in id order, with consecutive addresses, racks of a data center taking turns, as setup writes them`);
    }
  });
}

export function writeClusterFile(dir: string, definition: ClusterDefinition, overwrite: boolean): string {
  const path = join(dir, CLUSTER_FILE);
  if (existsSync(path) && !overwrite) throw new CliError(`${path} exists: use --force to replace it (its nodes get new identities)`);
  if (savedDataOf(dir) !== null) {
    throw new CliError(`${dir} already holds a cluster's data (cassanova.json): nodes with new identities could not start from it; `
      + 'remove cassanova.json, schema.cql and the node folders first, or choose another folder');
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(path, `${JSON.stringify(definition, null, 2)}\n`);
  return path;
}

type Check = (value: unknown) => boolean;
const isString: Check = (v) => typeof v === 'string' && v !== '';
const isInteger: Check = (v) => Number.isInteger(v);
const FIELDS: Readonly<Record<keyof Omit<ClusterDefinition, 'nodes'>, Check>> = {
  clusterName: isString, seed: isInteger, address: isString, port: isInteger, numTokens: isInteger,
  addressing: (v) => v === 'addresses' || v === 'ports',
  adminPort: (v) => v === null || isInteger(v),
  clock: (v) => v === 'system' || v === 'virtual' || v === 'auto',
  kvMaxValueBytes: (v) => v === undefined || (isInteger(v) && (v as number) >= 1),
  authenticator: (v) => v === undefined || v === 'AllowAllAuthenticator' || v === 'PasswordAuthenticator',
  authorizer: (v) => v === undefined || v === 'AllowAllAuthorizer' || v === 'CassandraAuthorizer',
};
const NODE_FIELDS: Readonly<Record<keyof NodeDefinition, Check>> = {
  id: isInteger, address: isString, port: isInteger, dataCenter: isString, rack: isString, hostId: isString,
  tokens: (v) => Array.isArray(v) && v.length > 0 && v.every(isString),
};

/** Reads DIR/cluster.json, each field checked: a hand-edited file fails with the field named. */
export function readClusterFile(dir: string): ClusterDefinition {
  const path = join(dir, CLUSTER_FILE);
  let parsed: Record<string, unknown>;
  try {
    parsed = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
  } catch (e) {
    const why = (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist (create it with cassanova setup --dir DIR)' : `cannot be read: ${(e as Error).message}`;
    throw new CliError(`${path} ${why}`);
  }
  for (const [field, check] of Object.entries(FIELDS)) {
    if (!check(parsed[field])) throw new CliError(`${path}: ${field} is missing or invalid (${JSON.stringify(parsed[field])})`);
  }
  const nodes = parsed['nodes'];
  if (!Array.isArray(nodes) || nodes.length === 0) throw new CliError(`${path}: nodes must list at least one node`);
  nodes.forEach((node: Record<string, unknown>, i) => {
    for (const [field, check] of Object.entries(NODE_FIELDS)) {
      if (!check(node[field])) throw new CliError(`${path}: nodes[${i}].${field} is missing or invalid (${JSON.stringify(node[field])})`);
    }
  });
  return parsed as unknown as ClusterDefinition;
}

/** The data a `run --dir` kept in `dir` (its cassanova.json), or null; a damaged manifest is an error naming it. */
function savedDataOf(dir: string): ClusterManifest | null {
  try {
    return savedManifest(dir);
  } catch (e) {
    throw new CliError((e as Error).message);
  }
}

/**
 * Checks that the data kept in `dir` (cassanova.json) is the data of the cluster the definition describes, as
 * it has grown since: nodes added at run time and nodes that left are the manifest's business, but a node
 * both list must be the same node (same host id, tokens and place). A cluster.json replaced by hand over
 * the data is refused, rather than started as the folder's cluster under the file's name.
 */
export function checkSavedNodes(dir: string, definition: ClusterDefinition): void {
  const saved = savedDataOf(dir);
  if (saved === null) return;
  const path = join(dir, 'cassanova.json');
  const differ = (what: string): never => {
    throw new CliError(`${join(dir, CLUSTER_FILE)} does not describe the cluster whose data is in ${dir} (${path}): ${what}; `
      + 'run it with --in-memory, or move the data away');
  };
  if (saved.clusterName !== definition.clusterName) differ(`cluster name '${definition.clusterName}', not '${saved.clusterName}'`);
  if (saved.numTokens !== definition.numTokens) differ(`${definition.numTokens} tokens per node, not ${saved.numTokens}`);
  for (const node of definition.nodes) {
    const kept = saved.nodes.find((n) => n.id === node.id);
    if (kept === undefined) continue;
    const same = kept.hostId.toLowerCase() === node.hostId.toLowerCase() && kept.dataCenter === node.dataCenter
      && kept.rack === node.rack && kept.tokens.join(',') === node.tokens.join(',');
    if (!same) differ(`node ${node.id} is host ${node.hostId} (${node.dataCenter}/${node.rack}) in the file, host ${kept.hostId} (${kept.dataCenter}/${kept.rack}) in the data`);
  }
}
