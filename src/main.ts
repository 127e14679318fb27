/** The composition root: startCluster wires a Cluster to one native transport listener per node. */
import { Cluster, plannedIdentities, type Node as ClusterNode, type NodeIdentity } from './cluster/index.js';
import { ClientEncryption, listenAll, NativeTransportServer } from './transport/index.js';
import { setupDefaultRole } from './query/index.js';
import { DEFAULT_KV_MAX_VALUE_BYTES } from './admin/index.js';
import type { CassanovaCluster } from './main/cassanova-cluster.js';
import { ClusterHandle } from './main/cluster-handle.js';
import { configOf, type StartClusterOptions } from './main/start-cluster-options.js';
import { bindDataFolder } from './main/data-folder/folder-binding.js';
import { SnapshotRecords } from './main/data-folder/snapshot-records.js';
import { DataFolder } from './main/data-folder/data-folder.js';

export type {
  AddNodeOptions, CassanovaCluster, DriverOptions, DriverSslOptions, Node, NodeStatus, SimulatedNetwork,
} from './main/cassanova-cluster.js';
export {
  checkStartClusterOptions, configOf, type Addressing, type ClientEncryptionOptions, type ClockMode, type DataCenterLayout, type LogFormat, type LogLevel,
  type StartClusterOptions, type TlsOption,
} from './main/start-cluster-options.js';
export { CASSANOVA_VERSION } from './config/index.js';
export { savedManifest } from './main/data-folder/saved-manifest.js';
export type { ClusterManifest, ManifestNode } from './main/data-folder/cluster-manifest.js';
export type { NodeIdentity };

/** The nodes startCluster(options) would start, without starting anything (cassanova setup). */
export function plannedNodes(options: StartClusterOptions): NodeIdentity[] {
  return plannedIdentities(configOf(options));
}
export type {
  ClusterSnapshot, DecommissionOptions, FilterAction, LinkSettings, LinkSettingsChange, MessageCounts, MessageFilter,
  RangeMovementResult, RepairFailure, RepairOptions, RepairResult, ResetHook, TokenRange, Verb,
} from './cluster/index.js';
export type {
  ActivityFilter, ActivityOutcome, ActivityRecord, ActivityStatement, FailureReasonName, PrimeHandle, PrimeOpcode, PrimeSpec,
  PrimeThen, PrimeWhen, PrimedCloseConnection, PrimedColumn, PrimedDelay, PrimedError, PrimedFailure, PrimedNoAnswer, PrimedRows,
  PrimedVoid,
} from './cluster/index.js';
export type { ErrorCodeName, WriteType } from './errors/index.js';
export type {
  ConsistencyName, CqlParams, CqlValue, ExecuteOptions, ExecuteResult, ResultColumn, Row,
} from './query/index.js';

/** Makes each node's listener, nodes added later included, with the cluster's client encryption. */
function serverFactory(tls: ClientEncryption | null): (node: ClusterNode) => NativeTransportServer {
  return (node) => {
    const config = node.cluster.config;
    return new NativeTransportServer(node, {
      maxFrameSizeBytes: config.maxFrameSizeBytes,
      maxRequestsInFlight: config.maxRequestsInFlightPerConnection,
      maxConcurrentRequestsInBytes: config.nativeTransportMaxConcurrentRequestsInBytes,
      maxConcurrentRequestsInBytesPerIp: config.nativeTransportMaxConcurrentRequestsInBytesPerIp,
    }, tls);
  };
}

/**
 * Starts a cluster and its native transport listeners; resolves once every node accepts connections.
 * Options are checked first (also when they come from plain JavaScript): an unknown option or a value of
 * the wrong kind is refused with a TypeError naming it.
 */
export async function startCluster(options: StartClusterOptions = {}): Promise<CassanovaCluster> {
  const config = configOf(options);
  const folder = options.dataDir === undefined ? null : DataFolder.open(options.dataDir);
  let cluster: Cluster | undefined;
  let servers: NativeTransportServer[] = [];
  let unbind = (): void => {};
  let newServer = serverFactory(null);
  let tls: ClientEncryption | null = null;
  try {
    cluster = new Cluster(folder === null ? config : folder.restoredConfig(config, options.nodes));
    if (folder !== null) unbind = await bindDataFolder(cluster, folder);
    // Certificates are checked against the machine's real clock, whatever clock the cluster runs on.
    if (options.tls !== undefined) {
      tls = await ClientEncryption.resolve(options.tls, cluster.config.clusterName, new Date());
      await tls.prepare(cluster.nodes.map((n) => n.identity.address));
    }
    newServer = serverFactory(tls);
    servers = cluster.nodes.map(newServer);
    await listenAll(cluster, servers);
  } catch (e) {
    await Promise.all(servers.map((s) => s.close()));
    unbind();
    cluster?.close();
    folder?.close();
    throw e;
  }
  cluster.start();
  const handle = new ClusterHandle(cluster, servers, newServer, options.kvMaxValueBytes ?? DEFAULT_KV_MAX_VALUE_BYTES, tls);
  if (folder !== null) {
    handle.releaseOnClose(() => {
      unbind();
      if (cluster.config.clock !== 'system') folder.saveClock(cluster.clock.nowMs());
      folder.close();
    });
  }
  try {
    if (folder !== null) handle.keepSnapshotsOnDisk(new SnapshotRecords(folder.root, cluster));
    // Clients log in from the start: the default superuser exists before startCluster resolves.
    const authNode = cluster.nodes.find((n) => n.status === 'up');
    if (config.authenticator === 'PasswordAuthenticator' && authNode !== undefined) await setupDefaultRole(authNode);
    await handle.startControl(options);
  } catch (e) {
    await handle.close();
    throw e;
  }
  return handle;
}

/**
 * The internal Cluster behind a started cluster, for Cassanova's own white-box tests (storage, hints,
 * membership): not part of the package's API (index.ts does not export it).
 */
export function internalCluster(cluster: CassanovaCluster): Cluster {
  if (!(cluster instanceof ClusterHandle)) throw new TypeError('Not a cluster started by startCluster');
  return cluster.cluster;
}
