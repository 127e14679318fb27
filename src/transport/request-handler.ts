import { ProtocolError } from '../errors/index.js';
import {
  createCompressor, SUPPORTED_PROTOCOL_VERSION_NAMES, type Request, type ResponseMessage,
} from '../protocol/index.js';
import type { QueryProcessor, QueryResult } from '../query/index.js';
import { CQL_VERSION } from '../cluster/index.js';
import type { Connection } from './connection.js';
import { toProtocolResult } from './result-encoding.js';
import { startupOptions } from './startup-options.js';

/**
 * Answers requests for one node: the handshake itself, everything else through the QueryProcessor. A
 * request is counted on its connection once the connection's stage accepts it, as Cassandra does.
 */
export class RequestHandler {
  constructor(private readonly processor: QueryProcessor) {}

  async handle(request: Request, connection: Connection): Promise<Reply> {
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
        break;
    }
    this.requireStarted(connection, message.type);
    connection.countRequest();
    const state = connection.state;
    const version = request.version;
    switch (message.type) {
      case 'QUERY':
        return result(await this.processor.query(message.query, message.parameters, state, version));
      case 'PREPARE':
        return result(this.processor.prepare(message.query, message.keyspace, state));
      case 'EXECUTE':
        return result(await this.processor.execute(message.statementId, message.resultMetadataId, message.parameters, state, version));
      case 'BATCH': {
        const children = message.children.map((c) => c.kind === 'query'
          ? { query: c.query, statementId: null, values: c.values }
          : { query: null, statementId: c.statementId, values: c.values });
        const params = {
          consistency: message.consistency, serialConsistency: message.serialConsistency, values: [], valueNames: null,
          skipMetadata: false, pageSize: null, pagingState: null, timestamp: message.timestamp, keyspace: message.keyspace,
          nowInSeconds: message.nowInSeconds,
        };
        return result(await this.processor.batch(message.batchType, children, params, state, version));
      }
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

/** A response and the client warnings that go with it (v4+). */
export interface Reply {
  readonly message: ResponseMessage;
  readonly warnings: readonly string[] | null;
}

/** A marker: the response was already written (READY to STARTUP). */
export const NO_RESPONSE: Reply = Object.freeze({ message: { type: 'READY' } as ResponseMessage, warnings: null });

function result(r: QueryResult): Reply {
  const warnings = r.kind === 'schemaChange' && r.warnings.length > 0 ? r.warnings : null;
  return { message: { type: 'RESULT', result: toProtocolResult(r) }, warnings };
}

function reply(message: ResponseMessage): Reply {
  return { message, warnings: null };
}

/** SUPPORTED as Cassandra 4.1 sends it; snappy is offered only before v5. */
function supportedOptions(version: number): ReadonlyMap<string, readonly string[]> {
  return new Map<string, readonly string[]>([
    ['CQL_VERSION', [CQL_VERSION]],
    ['COMPRESSION', version >= 5 ? ['lz4'] : ['snappy', 'lz4']],
    ['PROTOCOL_VERSIONS', SUPPORTED_PROTOCOL_VERSION_NAMES],
  ]);
}
