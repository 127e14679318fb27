import type { Cluster } from '../cluster/index.js';
import { startAdminServer, type AdminServer } from './admin-server.js';
import type { KvStore } from './kv/kv-store.js';
import { logClusterEvents } from './log/cluster-log.js';
import { createLogger, SILENT_LOGGER, type LogFormat, type Logger, type LogLevel } from './log/logger.js';
import type { LineSink } from './log/pretty-destination.js';
import type { ClusterOperations } from './route.js';

export interface ControlSurfaceOptions {
  /** The admin API's port (0: any free port), or null for none. */
  readonly adminPort: number | null;
  /** Where the admin API listens: node 1's address. */
  readonly address: string;
  readonly logLevel: LogLevel;
  readonly logFormat: LogFormat;
  readonly logDestination: LineSink & { readonly isTTY?: boolean };
  readonly version: string;
  /** The key-value store the admin API serves under /v1/kv. */
  readonly kv: KvStore;
}

/** What a cluster is watched and driven through besides TypeScript: its logs and its admin API. */
export interface ControlSurface {
  /** The admin API's base URL, or null when it is off. */
  readonly adminUrl: string | null;
  readonly log: Logger;
  close(): Promise<void>;
}

/** Starts logging the cluster's events and, unless adminPort is null, its admin API. */
export async function startControlSurface(cluster: Cluster, operations: ClusterOperations, options: ControlSurfaceOptions): Promise<ControlSurface> {
  const log = await createLogger({ level: options.logLevel, format: options.logFormat, destination: options.logDestination, clock: cluster.clock });
  const stopLogging = log === SILENT_LOGGER ? () => {} : logClusterEvents(cluster, log);
  let admin: AdminServer | null = null;
  try {
    if (options.adminPort !== null) admin = await startAdminServer(cluster, operations, log, { address: options.address, port: options.adminPort, version: options.version, kv: options.kv });
  } catch (e) {
    stopLogging();
    throw e;
  }
  return {
    adminUrl: admin?.url ?? null,
    log,
    close: async () => {
      await admin?.close();
      stopLogging();
    },
  };
}
