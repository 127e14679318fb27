import { createServer, type Server, type Socket } from 'node:net';
import { addressBytes, type ClientConnections, type ConnectedClient, type Node, type NodeStatus, type TopologyEvent } from '../cluster/index.js';
import type { ServerEvent } from '../protocol/index.js';
import { QueryProcessor } from '../query/index.js';
import { ClientResourceLimits } from './client-resource-limits.js';
import { Connection, type ConnectionLimits } from './connection.js';
import { RequestHandler } from './request-handler.js';
import { toProtocolSchemaChange } from './result-encoding.js';
import type { ClientEncryption } from './tls-client-encryption.js';
import { TlsAcceptor } from './tls-acceptor.js';

/** [inet] of an event: the node's native address and port. */
function inetOf(node: Node): { address: Buffer; port: number } {
  return { address: addressBytes(node.identity.address), port: node.nativePort };
}

/**
 * The CQL native transport of one node: a TCP listener on the node's address, its connections, and the
 * events pushed to those that registered (schema changes, peers going up or down as this node's gossip
 * sees them, nodes joining or leaving the ring). It follows the node's status: stopped closes the
 * listener and resets connections; paused stops reading from every socket (clients time out) until resumed.
 * It tells its node about its clients (system_views.clients, thread_pools). With client encryption, each
 * connection goes through the TLS handshake (or, in optional mode, is sniffed) before it becomes a Connection.
 */
export class NativeTransportServer implements ClientConnections {
  private server: Server | null = null;
  private boundPort = 0;
  private paused = false;
  private readonly connections = new Set<Connection>();
  /** Requests answered on connections closed since: the open ones keep their own count. */
  private closedConnectionsCompleted = 0;
  private readonly handler: RequestHandler;
  /** The bytes of requests in flight on this node, overall and per client address. */
  private readonly resources: ClientResourceLimits;
  private readonly unsubscribes: (() => void)[] = [];
  private connectionsAccepted = 0;
  /** With client encryption: made at the first listen (its certificate may be generated then), kept after. */
  private tlsAcceptor: TlsAcceptor | null = null;

  constructor(readonly node: Node, private readonly limits: ConnectionLimits, private readonly tls: ClientEncryption | null = null) {
    const processor = new QueryProcessor(node);
    this.handler = new RequestHandler(node, processor);
    this.resources = new ClientResourceLimits(limits);
    this.unsubscribes.push(
      // Statements the change affects are dropped before clients hear of it, as in Cassandra.
      node.cluster.onSchemaChange((change, before, after) => {
        processor.schemaChanged(before, after);
        this.broadcast({ type: 'SCHEMA_CHANGE', change: toProtocolSchemaChange(change) });
      }),
      node.onStatusChange((status) => this.follow(status)),
      node.onPeerStatusChange((peer, alive) => {
        // A joining node is not announced yet: its UP follows NEW_NODE once it is a normal member.
        if (node.cluster.memberState(peer) !== 'joining') this.broadcast({ type: 'STATUS_CHANGE', change: alive ? 'UP' : 'DOWN', address: inetOf(peer) });
      }),
      node.cluster.onTopologyChange((event) => this.announce(event)),
      node.attachClientConnections(this),
    );
  }

  /** Connections that sent a STARTUP: Cassandra knows a client from then on. */
  connectedClients(): ConnectedClient[] {
    return [...this.connections].filter((c) => c.listed);
  }

  get activeRequests(): number {
    let n = 0;
    for (const c of this.connections) n += c.requestsInFlight;
    return n;
  }

  get completedRequests(): number {
    let n = this.closedConnectionsCompleted;
    for (const c of this.connections) n += c.completedRequests;
    return n;
  }

  /** TOPOLOGY_CHANGE for another node joining or leaving; a new node seen alive is then announced UP. */
  private announce(event: TopologyEvent): void {
    const other = event.node;
    if (other === this.node) return;
    this.broadcast({ type: 'TOPOLOGY_CHANGE', change: event.change, address: inetOf(other) });
    if (event.change === 'NEW_NODE' && this.node.isAlive(other.identity.id)) {
      this.broadcast({ type: 'STATUS_CHANGE', change: 'UP', address: inetOf(other) });
    }
  }

  /** Starts listening; port 0 picks a free port. Resolves to the port in use. */
  async listen(address: string, port: number): Promise<number> {
    if (this.tls !== null && this.tlsAcceptor === null) {
      const { requireClientAuth, optional } = this.tls;
      this.tlsAcceptor = new TlsAcceptor({ credentials: await this.tls.credentials(address), requireClientAuth, optional }, (s) => this.accept(s));
    }
    const acceptor = this.tlsAcceptor;
    const server = createServer((socket) => acceptor === null ? this.accept(socket) : acceptor.take(socket));
    this.server = server;
    return new Promise((resolve, reject) => {
      server.once('error', reject);
      server.listen({ host: address, port, exclusive: true }, () => {
        server.off('error', reject);
        const bound = server.address();
        this.boundPort = typeof bound === 'object' && bound !== null ? bound.port : port;
        resolve(this.boundPort);
      });
    });
  }

  /** Closes the listener (keeping connections); listen() may be called again. */
  async stopListening(): Promise<void> {
    const server = this.server;
    this.server = null;
    if (server === null || !server.listening) return;
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private async follow(status: NodeStatus): Promise<void> {
    if (status === 'down') {
      this.paused = false;
      this.tlsAcceptor?.dropAll();
      await Promise.all([this.stopListening(), ...[...this.connections].map(async (c) => c.close())]);
    } else if (status === 'paused') {
      this.paused = true;
      for (const c of this.connections) c.socket.pause();
    } else {
      this.paused = false;
      for (const c of this.connections) c.resume();
      if (this.server === null) await this.listen(this.node.identity.address, this.boundPort);
    }
  }

  private accept(socket: Socket): void {
    const connection = new Connection(socket, this.handler, this.limits, this.resources, (c) => this.forget(c), ++this.connectionsAccepted);
    this.connections.add(connection);
    // A sniffed plain socket comes paused, its first bytes put back: they flow once the Connection listens.
    if (this.paused) socket.pause();
    else socket.resume();
  }

  private forget(connection: Connection): void {
    if (this.connections.delete(connection)) this.closedConnectionsCompleted += connection.completedRequests;
  }

  broadcast(event: ServerEvent): void {
    for (const c of this.connections) c.pushEvent(event);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, resets every connection, and resolves once the listener is closed. */
  async close(): Promise<void> {
    for (const unsubscribe of this.unsubscribes) unsubscribe();
    for (const c of [...this.connections]) c.close();
    this.tlsAcceptor?.dropAll();
    await this.stopListening();
  }
}
