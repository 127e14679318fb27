import { lookup } from 'node:dns/promises';
import cassandra from 'cassandra-driver';
import type { ServerVersions } from './cql-shell.js';

export interface ConnectOptions {
  readonly host: string;
  readonly port: number;
  readonly username?: string;
  readonly password?: string;
  readonly connectTimeoutS: number;
  readonly requestTimeoutS: number;
  /** The protocol version to speak; the driver's newest (stepping down as the server asks) when absent. */
  readonly protocolVersion?: number;
}

/**
 * A driver Client as cqlsh's: only the given host is queried (cqlsh's WhiteListRoundRobinPolicy), maps
 * and sets decoded as Map and Set (so keys keep their types), and the server's versions read from
 * system.local as cqlsh reads them.
 */
export async function connect(options: ConnectOptions): Promise<{ client: cassandra.Client; versions: ServerVersions; address: string }> {
  const { address } = await lookup(options.host);
  const { policies, auth } = cassandra;
  const client = new cassandra.Client({
    contactPoints: [address],
    protocolOptions: { port: options.port, ...(options.protocolVersion === undefined ? {} : { maxVersion: options.protocolVersion }) },
    policies: { loadBalancing: new policies.loadBalancing.WhiteListPolicy(new policies.loadBalancing.RoundRobinPolicy(), [`${address}:${options.port}`]) },
    socketOptions: { connectTimeout: options.connectTimeoutS * 1000, readTimeout: options.requestTimeoutS * 1000 },
    encoding: { map: Map, set: Set },
    authProvider: options.username === undefined ? undefined : new auth.PlainTextAuthProvider(options.username, options.password ?? ''),
  });
  try {
    await client.connect();
    const local = await client.execute("SELECT cluster_name, release_version, cql_version FROM system.local WHERE key = 'local'");
    const row = local.first();
    // The version the driver negotiated, which cqlsh shows (the Node.js driver speaks v3 and v4).
    const protocol = (client as unknown as { controlConnection?: { protocolVersion?: number } }).controlConnection?.protocolVersion ?? 4;
    const versions = { clusterName: String(row['cluster_name']), release: String(row['release_version']), cql: String(row['cql_version']), protocol };
    return { client, versions, address };
  } catch (e) {
    await client.shutdown().catch(() => undefined);
    throw e;
  }
}

/** A keyspace name as CQL takes it: quoted unless it is a plain lower-case identifier. */
export function protectName(name: string): string {
  return /^[a-z][a-z0-9_]*$/.test(name) ? name : `"${name.replace(/"/g, '""')}"`;
}
