/** Where a client connection is in its handshake (Cassandra's ConnectionStage, as system_views.clients prints it). */
export type ConnectionStage = 'established' | 'authenticating' | 'ready';

/** The TLS session of a connection, when it has one. */
export interface ClientSsl {
  readonly protocol: string;
  readonly cipherSuite: string;
}

/**
 * What a node knows of one client connection (Cassandra's ConnectedClient): a connection exists from its
 * first STARTUP on; its options are those of the STARTUP that succeeded, names upper-cased.
 */
export interface ConnectedClient {
  readonly address: string;
  readonly port: number;
  /** The logged-in role; 'anonymous' when no authenticator asks for credentials. */
  readonly username: string | null;
  readonly stage: ConnectionStage;
  readonly protocolVersion: number;
  readonly clientOptions: ReadonlyMap<string, string> | null;
  /** Requests handled on the connection, its STARTUP included. */
  readonly requestCount: number;
  readonly ssl: ClientSsl | null;
}

/**
 * A node's native transport as the node sees it. The transport layer sits above the cluster layer, so it
 * registers this view with its node (Node.attachClientConnections) instead of the node reaching up.
 */
export interface ClientConnections {
  connectedClients(): Iterable<ConnectedClient>;
  /** Client requests being handled now, and handled so far, on every connection the listener accepted. */
  readonly activeRequests: number;
  readonly completedRequests: number;
}
