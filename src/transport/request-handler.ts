import { requestContext, type RequestContext } from '../common/index.js';
import { ProtocolError } from '../errors/index.js';
import {
  createCompressor, SUPPORTED_PROTOCOL_VERSION_NAMES, type Request, type ResponseMessage,
} from '../protocol/index.js';
import type { ClientState, QueryProcessor, QueryResult } from '../query/index.js';
import { CQL_VERSION, SUCCESS, type Node } from '../cluster/index.js';
import type { Connection } from './connection.js';
import { toCqlError } from './error-response.js';
import { toProtocolResult } from './result-encoding.js';
import { startupOptions } from './startup-options.js';

/**
 * Answers requests for one node: the handshake itself, everything else through the QueryProcessor. A
 * request is counted on its connection once the connection's stage accepts it, as Cassandra does.
 */
export class RequestHandler {
  constructor(private readonly node: Node, private readonly processor: QueryProcessor) {}

  /** Counts an answered request by opcode and outcome (the node's native request metrics). */
  countReply(opcode: string, reply: Reply): void {
    const message = reply.message;
    this.node.nativeRequests.count(opcode, message.type === 'ERROR' ? message.error.code : SUCCESS);
  }

  handle(request: Request, connection: Connection): Promise<Reply> {
    switch (request.message.type) {
      case 'QUERY':
      case 'PREPARE':
      case 'EXECUTE':
      case 'BATCH':
        return this.execute(request, connection);
      default:
        try {
          return Promise.resolve(this.handshake(request, connection));
        } catch (e) {
          return Promise.reject(e);
        }
    }
  }

  private handshake(request: Request, connection: Connection): Reply {
    const message = request.message;
    switch (message.type) {
      case 'OPTIONS':
        connection.countRequest();
        return reply({ type: 'SUPPORTED', options: supportedOptions(request.version) });
      case 'STARTUP':
        return this.startup(request, connection);
      case 'REGISTER':
        this.requireStarted(connection, message.type);
        connection.countRequest();
        for (const type of message.eventTypes) connection.registeredEvents.add(type);
        return reply({ type: 'READY' });
      case 'AUTH_RESPONSE':
        throw new ProtocolError('Unexpected message AUTH_RESPONSE: authentication is not enabled');
      default:
        throw new ProtocolError(`Unexpected message ${message.type}`);
    }
  }

  /**
   * QUERY, PREPARE, EXECUTE and BATCH, Cassandra's traceable requests, each with its context. A request is
   * traced when the client asks (the response then names the session) or, unasked, at the node's trace
   * probability. Its warnings and tracing id go with the response, an error included (Message.Dispatcher).
   */
  private async execute(request: Request, connection: Connection): Promise<Reply> {
    this.requireStarted(connection, request.message.type);
    connection.countRequest();
    const tracing = this.node.tracing;
    const session = request.tracingRequested || tracing.shouldTraceProbabilistically() ? tracing.newSession(connection.address) : null;
    const context = requestContext(session);
    let message: ResponseMessage;
    try {
      message = { type: 'RESULT', result: toProtocolResult(await this.process(request, connection.state, context)) };
    } catch (e) {
      message = { type: 'ERROR', error: toCqlError(e) };
    }
    if (session === null) return { message, warnings: context.warnings, tracingId: null };
    session.stop();
    return { message, warnings: context.warnings, tracingId: request.tracingRequested ? session.sessionId : null };
  }

  private process(request: Request, state: ClientState, context: RequestContext): Promise<QueryResult> | QueryResult {
    const message = request.message;
    const version = request.version;
    switch (message.type) {
      case 'QUERY':
        return this.processor.query(message.query, message.parameters, state, version, context);
      case 'PREPARE':
        return this.processor.prepare(message.query, message.keyspace, state, context);
      case 'EXECUTE':
        return this.processor.execute(message.statementId, message.resultMetadataId, message.parameters, state, version, context);
      case 'BATCH': {
        const children = message.children.map((c) => c.kind === 'query'
          ? { query: c.query, statementId: null, values: c.values }
          : { query: null, statementId: c.statementId, values: c.values });
        const params = {
          consistency: message.consistency, serialConsistency: message.serialConsistency, values: [], valueNames: null,
          skipMetadata: false, pageSize: null, pagingState: null, timestamp: message.timestamp, keyspace: message.keyspace,
          nowInSeconds: message.nowInSeconds,
        };
        return this.processor.batch(message.batchType, children, params, state, version, context);
      }
      default:
        throw new ProtocolError(`Unexpected message ${message.type}`);
    }
  }

  private startup(request: Request, connection: Connection): Reply {
    const message = request.message;
    if (message.type !== 'STARTUP') throw new ProtocolError('Expected STARTUP');
    // A second READY would restart compression or v5 framing in the middle of the connection.
    if (connection.started) throw new ProtocolError('Unexpected message STARTUP, the connection is already initialized');
    connection.list();
    const { compression, options } = startupOptions(message.options, request.version);
    connection.clientOptions = options;
    connection.started = true;
    // READY itself goes out plain: compression and v5 framing apply from the next message on.
    connection.sendImmediately({ type: 'READY' }, request.streamId);
    if (request.version >= 5) connection.startFraming(compression === 'lz4' ? 'lz4' : 'uncompressed');
    else if (compression !== null) connection.compressor = createCompressor(compression);
    return NO_RESPONSE;
  }

  private requireStarted(connection: Connection, type: string): void {
    if (!connection.started) throw new ProtocolError(`Unexpected message ${type}, expecting STARTUP or OPTIONS`);
  }
}

/** A response, the client warnings that go with it (v4+) and the tracing session it names. */
export interface Reply {
  readonly message: ResponseMessage;
  readonly warnings: readonly string[] | null;
  readonly tracingId: Buffer | null;
}

/** A marker: the response was already written (READY to STARTUP). */
export const NO_RESPONSE: Reply = Object.freeze({ message: { type: 'READY' } as ResponseMessage, warnings: null, tracingId: null });

function reply(message: ResponseMessage): Reply {
  return { message, warnings: null, tracingId: null };
}

/** SUPPORTED as Cassandra 4.1 sends it; snappy is offered only before v5. */
function supportedOptions(version: number): ReadonlyMap<string, readonly string[]> {
  return new Map<string, readonly string[]>([
    ['CQL_VERSION', [CQL_VERSION]],
    ['COMPRESSION', version >= 5 ? ['lz4'] : ['snappy', 'lz4']],
    ['PROTOCOL_VERSIONS', SUPPORTED_PROTOCOL_VERSION_NAMES],
  ]);
}
