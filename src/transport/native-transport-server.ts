import { createServer, type Server, type Socket } from 'node:net';
import type { Node } from '../cluster/index.js';
import type { ServerEvent } from '../protocol/index.js';
import { QueryProcessor } from '../query/index.js';
import { Connection, type ConnectionLimits } from './connection.js';
import { RequestHandler } from './request-handler.js';
import { toProtocolSchemaChange } from './result-encoding.js';

/**
 * The CQL native transport of one node: a TCP listener on the node's address, its connections, and the
 * events pushed to the ones that registered.
 */
export class NativeTransportServer {
  private readonly server: Server;
  private readonly connections = new Set<Connection>();
  private readonly handler: RequestHandler;
  private readonly stopListening: () => void;

  constructor(readonly node: Node, private readonly limits: ConnectionLimits) {
    this.handler = new RequestHandler(new QueryProcessor(node));
    this.server = createServer((socket) => this.accept(socket));
    this.stopListening = node.cluster.onSchemaChange((change) => {
      this.broadcast({ type: 'SCHEMA_CHANGE', change: toProtocolSchemaChange(change) });
    });
  }

  /** Starts listening; port 0 picks a free port. Resolves to the port in use. */
  listen(address: string, port: number): Promise<number> {
    return new Promise((resolve, reject) => {
      this.server.once('error', reject);
      this.server.listen({ host: address, port, exclusive: true }, () => {
        this.server.off('error', reject);
        const bound = this.server.address();
        resolve(typeof bound === 'object' && bound !== null ? bound.port : port);
      });
    });
  }

  private accept(socket: Socket): void {
    const connection = new Connection(socket, this.handler, this.limits, (c) => this.connections.delete(c));
    this.connections.add(connection);
  }

  broadcast(event: ServerEvent): void {
    for (const c of this.connections) c.pushEvent(event);
  }

  get connectionCount(): number {
    return this.connections.size;
  }

  /** Stops accepting, resets every connection, and resolves once the listener is closed. */
  close(): Promise<void> {
    this.stopListening();
    for (const c of [...this.connections]) c.close();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}
