import type { Cluster } from '../cluster/index.js';
import type { NativeTransportServer } from './native-transport-server.js';

/**
 * With port 0 in 'ports' addressing, node i listens on base + i − 1, nodes added later included, so the
 * ports after the base must stay free. Ports the OS picks for port 0 lie in its ephemeral range, where
 * every outgoing connection also takes its local port (the drivers' connections to these very nodes),
 * so the base is taken below it (Linux starts at 32768, macOS and Windows at 49152), in slots of
 * SLOT_PORTS ports, varied by process and cluster so that clusters of parallel test files rarely meet.
 */
const BASE_RANGE_START = 20_000;
const BASE_RANGE_END = 32_000;
const SLOT_PORTS = 32;
let clustersListening = 0;

function portsModeBase(attempt: number): number {
  const slots = (BASE_RANGE_END - BASE_RANGE_START) / SLOT_PORTS;
  const slot = (process.pid * 31 + clustersListening * 7 + attempt * 13) % slots;
  return BASE_RANGE_START + slot * SLOT_PORTS;
}

/**
 * Binds every node's listener. With port 0, node 1 takes a free port and the others the same port on
 * their own addresses ('addresses') or the next ports ('ports'); a clash retries with another port. Nodes
 * that are down (their files failed to open) close theirs again.
 */
export async function listenAll(cluster: Cluster, servers: readonly NativeTransportServer[]): Promise<void> {
  const config = cluster.config;
  clustersListening++;
  for (let attempt = 0; ; attempt++) {
    try {
      const port = config.port !== 0 ? config.port : config.addressing === 'ports' ? portsModeBase(attempt) : 0;
      const first = await servers[0]!.listen(cluster.nodes[0]!.identity.address, port);
      cluster.nodes[0]!.nativePort = first;
      for (let i = 1; i < servers.length; i++) {
        const node = cluster.nodes[i]!;
        node.nativePort = await servers[i]!.listen(node.identity.address, config.addressing === 'ports' ? first + i : first);
      }
      // A node kept down by its files (disk_failure_policy) has its port, and listens once it starts.
      for (const server of servers) if (server.node.status === 'down') await server.stopListening();
      return;
    } catch (e) {
      await Promise.all(servers.map((s) => s.stopListening()));
      const retry = config.port === 0 && attempt < 8 && (e as NodeJS.ErrnoException).code === 'EADDRINUSE';
      if (!retry) throw e;
    }
  }
}
