import type { VirtualTablesNode } from '../node/virtual-tables-node.js';
import type { RowValues } from '../system-schema/row-builder.js';

/**
 * system_views.clients (ClientsTable): one row per client connection of this node. The host name is the
 * address as text, as Cassandra 4.1 reports it since it stopped resolving names (CASSANDRA-21539); the
 * driver's name and version come from its STARTUP options, the version only along with a name.
 */
export function clientRows(node: VirtualTablesNode): RowValues[] {
  const clients = node.clients?.connectedClients() ?? [];
  return [...clients].map((c) => {
    const driverName = c.clientOptions?.get('DRIVER_NAME') ?? null;
    return {
      address: c.address,
      port: c.port,
      hostname: c.address,
      username: c.username,
      connection_stage: c.stage,
      protocol_version: c.protocolVersion,
      client_options: c.clientOptions,
      driver_name: driverName,
      driver_version: driverName === null ? null : c.clientOptions?.get('DRIVER_VERSION') ?? null,
      request_count: BigInt(c.requestCount),
      ssl_enabled: c.ssl !== null,
      ssl_protocol: c.ssl?.protocol ?? null,
      ssl_cipher_suite: c.ssl?.cipherSuite ?? null,
    };
  });
}
