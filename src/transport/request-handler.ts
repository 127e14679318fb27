import { requestContext, type RequestContext } from '../common/index.js';
import { AuthenticationError, ProtocolError, UnpreparedError } from '../errors/index.js';
import { PASSWORD_AUTHENTICATOR_CLASS, PasswordAuthenticator } from '../auth/index.js';
import { createCompressor, SUPPORTED_PROTOCOL_VERSION_NAMES, type Request, type ResponseMessage } from '../protocol/index.js';
import type { ClientState, PreparedEntry, QueryProcessor, QueryResult } from '../query/index.js';
import { CQL_VERSION, SUCCESS, type ActivityLog, type ActivitySlot, type Node, type PrimeRegistry } from '../cluster/index.js';
import { recordReply, recordStatement, statementKeyspace } from './activity-recording.js';
import type { Connection } from './connection.js';
import { toCqlError } from './error-response.js';
import { primeCandidate } from './prime-candidate.js';
import { primedReply } from './primed-reply.js';
import { AUTHENTICATE_SENT, CONNECTION_CLOSED, NO_RESPONSE, UNANSWERED, reply, type Reply } from './reply.js';
import { toProtocolResult } from './result-encoding.js';
import { startupOptions } from './startup-options.js';

/**
 * Answers requests for one node: the handshake itself, everything else through the QueryProcessor. A
 * request is counted on its connection once the connection's stage accepts it, as Cassandra does. Each
 * request is recorded in the cluster's activity log (when it is on) and offered to the cluster's primes
 * (when there are any) before it is handled.
 */
export class RequestHandler {
  private readonly activity: ActivityLog;
  private readonly primes: PrimeRegistry;
  /** With PasswordAuthenticator, what checks the logins of this node's clients; null when nobody logs in. */
  private readonly authenticator: PasswordAuthenticator | null;

  constructor(private readonly node: Node, private readonly processor: QueryProcessor) {
    this.activity = node.cluster.activity;
    this.primes = node.cluster.primes;
    this.authenticator = node.cluster.config.authenticator === 'PasswordAuthenticator'
      ? new PasswordAuthenticator(processor.roles, node.clock)
      : null;
  }

  /** A slot of the activity log for a request that just arrived; null when the log is off. */
  record(request: Request, connection: Connection): ActivitySlot | null {
    return this.activity.begin(this.node.identity.id, connection, request.streamId, request.version, request.message.type);
  }

  /** Records the answer of the request in `slot`, if the slot is still its (`seq`). */
  recordReply(slot: ActivitySlot, seq: number, answer: Reply): void {
    recordReply(this.activity, slot, seq, answer);
  }

  /** Counts an answered request by opcode and outcome (the node's native request metrics). */
  countReply(opcode: string, reply: Reply): void {
    if (reply === UNANSWERED || reply === CONNECTION_CLOSED) return; // a primed silence answers nothing
    const message = reply.message;
    this.node.nativeRequests.count(opcode, message.type === 'ERROR' ? message.error.code : SUCCESS);
  }

  handle(request: Request, connection: Connection, slot: ActivitySlot | null = null): Promise<Reply> {
    switch (request.message.type) {
      case 'QUERY':
      case 'PREPARE':
      case 'EXECUTE':
      case 'BATCH':
        return this.execute(request, connection, slot);
      default:
        try {
          return (this.primes.isEmpty ? null : this.primed(request, connection, undefined, slot)) ?? this.answerHandshake(request, connection);
        } catch (e) {
          return Promise.reject(e);
        }
    }
  }

  private answerHandshake(request: Request, connection: Connection): Promise<Reply> {
    try {
      const message = request.message;
      if (message.type === 'AUTH_RESPONSE' && this.authenticator !== null) return this.authResponse(message.token, connection, this.authenticator);
      return Promise.resolve(this.handshake(request, connection));
    } catch (e) {
      return Promise.reject(e);
    }
  }

  private handshake(request: Request, connection: Connection): Reply {
    const message = request.message;
    switch (message.type) {
      case 'OPTIONS':
        if (connection.authenticating) throw expectingSaslResponse(message.type);
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
        this.requireStarted(connection, message.type);
        throw new ProtocolError('Unexpected message AUTH_RESPONSE: authentication is not enabled');
      default:
        throw new ProtocolError(`Unexpected message ${message.type}`);
    }
  }

  /**
   * QUERY, PREPARE, EXECUTE and BATCH, Cassandra's traceable requests. An EXECUTE's statement is looked up
   * once, for the log, the primes and the execution. The newest matching prime answers in its place. Not
   * an async function: handing back run()'s own promise saves resolving one promise with another.
   */
  private execute(request: Request, connection: Connection, slot: ActivitySlot | null): Promise<Reply> {
    let statement: PreparedEntry | undefined;
    try {
      this.requireStarted(connection, request.message.type);
      connection.countRequest();
      const message = request.message;
      statement = message.type === 'EXECUTE' ? this.processor.findPrepared(message.statementId) : undefined;
      if (slot !== null) recordStatement(slot, request, connection.state, statement, this.processor);
      if (!this.primes.isEmpty) {
        const primed = this.primed(request, connection, statement, slot);
        if (primed !== null) return primed;
      }
    } catch (e) {
      return Promise.reject(e);
    }
    return this.run(request, connection, statement, slot);
  }

  /** The answer of the newest prime matching the request, or null when none does. */
  private primed(request: Request, connection: Connection, statement: PreparedEntry | undefined, slot: ActivitySlot | null): Promise<Reply> | null {
    const keyspace = statementKeyspace(request, connection.state, statement);
    const primed = this.primes.take(primeCandidate(this.node.identity.id, request, keyspace, statement, this.processor));
    if (primed === null) return null;
    if (slot !== null) slot.primeId = primed.id;
    const realAnswer = isStatement(request) ? () => this.run(request, connection, statement, slot) : () => this.answerHandshake(request, connection);
    return primedReply(primed.action, { request, connection, keyspace, scheduler: this.node.cluster.scheduler }, realAnswer);
  }

  /**
   * Runs a statement request with its context. A request is traced when the client asks (the response
   * then names the session) or, unasked, at the node's trace probability. Its warnings and tracing id go
   * with the response, an error included (Message.Dispatcher).
   */
  private async run(request: Request, connection: Connection, statement: PreparedEntry | undefined, slot: ActivitySlot | null): Promise<Reply> {
    const tracing = this.node.tracing;
    const session = request.tracingRequested || tracing.shouldTraceProbabilistically() ? tracing.newSession(connection.address) : null;
    const context = requestContext(session, slot, slot === null ? 0 : slot.seq);
    let message: ResponseMessage;
    try {
      message = { type: 'RESULT', result: toProtocolResult(await this.process(request, connection.state, context, statement)) };
    } catch (e) {
      message = { type: 'ERROR', error: toCqlError(e) };
    }
    if (session === null) return { message, warnings: context.warnings, tracingId: null };
    session.stop();
    return { message, warnings: context.warnings, tracingId: request.tracingRequested ? session.sessionId : null };
  }

  private process(
    request: Request, state: ClientState, context: RequestContext, statement: PreparedEntry | undefined,
  ): Promise<QueryResult> | QueryResult {
    const message = request.message;
    const version = request.version;
    switch (message.type) {
      case 'QUERY':
        return this.processor.query(message.query, message.parameters, state, version, context);
      case 'PREPARE':
        return this.processor.prepare(message.query, message.keyspace, state, context);
      case 'EXECUTE':
        if (statement === undefined) throw new UnpreparedError(message.statementId);
        return this.processor.executePrepared(statement, message.resultMetadataId, message.parameters, state, version, context);
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

  /**
   * AUTH_RESPONSE (AuthResponse.execute): the token goes to the connection's SASL negotiator; once the
   * exchange completes the user logs in (ClientState.login: its role must be allowed to) and the answer is
   * AUTH_SUCCESS. A failure answers AuthenticationError and leaves the connection waiting for credentials.
   */
  private async authResponse(token: Buffer | null, connection: Connection, authenticator: PasswordAuthenticator): Promise<Reply> {
    if (!connection.started) throw new ProtocolError('Unexpected message AUTH_RESPONSE, expecting STARTUP or OPTIONS');
    connection.countRequest();
    const negotiator = (connection.saslNegotiator ??= authenticator.newSaslNegotiator());
    try {
      const challenge = negotiator.evaluateResponse(token ?? Buffer.alloc(0));
      if (!negotiator.isComplete) return reply({ type: 'AUTH_CHALLENGE', token: challenge });
      const user = await negotiator.authenticatedUser();
      const role = await this.processor.roles.getRole(user.name);
      if (role === null || !role.canLogin) throw new AuthenticationError(`${user.name} is not permitted to log in`);
      connection.login(user);
      return reply({ type: 'AUTH_SUCCESS', token: challenge });
    } catch (e) {
      connection.saslNegotiator = null;
      throw e;
    }
  }

  private startup(request: Request, connection: Connection): Reply {
    const message = request.message;
    if (message.type !== 'STARTUP') throw new ProtocolError('Expected STARTUP');
    if (connection.authenticating) throw expectingSaslResponse(message.type);
    // A second READY would restart compression or v5 framing in the middle of the connection.
    if (connection.started) throw new ProtocolError('Unexpected message STARTUP, the connection is already initialized');
    connection.list();
    const { compression, options } = startupOptions(message.options, request.version);
    connection.clientOptions = options;
    connection.throwOnOverload = options.get('THROW_ON_OVERLOAD') === '1';
    connection.started = true;
    // With PasswordAuthenticator the answer is AUTHENTICATE, and only AUTH_RESPONSE is served until a login.
    connection.authenticating = this.authenticator !== null;
    // READY or AUTHENTICATE goes out plain: compression and v5 framing apply from the next message on.
    connection.sendImmediately(connection.authenticating
      ? { type: 'AUTHENTICATE', authenticator: PASSWORD_AUTHENTICATOR_CLASS }
      : { type: 'READY' }, request.streamId);
    if (request.version >= 5) connection.startFraming(compression === 'lz4' ? 'lz4' : 'uncompressed');
    else if (compression !== null) connection.compressor = createCompressor(compression);
    return connection.authenticating ? AUTHENTICATE_SENT : NO_RESPONSE;
  }

  private requireStarted(connection: Connection, type: string): void {
    if (!connection.started) throw new ProtocolError(`Unexpected message ${type}, expecting STARTUP or OPTIONS`);
    if (connection.authenticating) throw expectingSaslResponse(type);
  }
}

/** A request other than AUTH_RESPONSE between AUTHENTICATE and a login (ServerConnection's AUTHENTICATION state). */
function expectingSaslResponse(type: string): ProtocolError {
  return new ProtocolError(`Unexpected message ${type}, expecting SASL_RESPONSE`);
}

/** QUERY, PREPARE, EXECUTE and BATCH: the requests the QueryProcessor runs. */
function isStatement(request: Request): boolean {
  const type = request.message.type;
  return type === 'QUERY' || type === 'PREPARE' || type === 'EXECUTE' || type === 'BATCH';
}

/** SUPPORTED as Cassandra 4.1 sends it; snappy is offered only before v5. */
function supportedOptions(version: number): ReadonlyMap<string, readonly string[]> {
  return new Map<string, readonly string[]>([
    ['CQL_VERSION', [CQL_VERSION]],
    ['COMPRESSION', version >= 5 ? ['lz4'] : ['snappy', 'lz4']],
    ['PROTOCOL_VERSIONS', SUPPORTED_PROTOCOL_VERSION_NAMES],
  ]);
}
