import type { Socket } from 'node:net';
import { TLSSocket } from 'node:tls';
import { OverloadedError, ProtocolError } from '../errors/index.js';
import { ByteWriter } from '../common/index.js';
import {
  EnvelopeDecoder, FramedEnvelopeDecoder, decodeRequest, encodeResponse, encodeSegments,
  encodeUnsupportedVersionError, writeResponse, EVENT_STREAM_ID,
  type Compressor, type Envelope, type EventType, type FramedEnvelopeDecoderEvent, type ProtocolVersion, type Request,
  type ResponseMessage, type SegmentFormat, type ServerEvent,
} from '../protocol/index.js';
import { toCqlError } from './error-response.js';
import type { ClientState } from '../query/index.js';
import { AuthenticatedUser, type PlainTextSaslNegotiator } from '../auth/index.js';
import type { ActivitySlot, ClientSsl, ConnectedClient, ConnectionStage } from '../cluster/index.js';
import type { BackpressuredConnection, ClientResourceLimits, EndpointReserve, InFlightLimits } from './client-resource-limits.js';
import type { RequestHandler } from './request-handler.js';
import { isToSend, type Reply } from './reply.js';

/** A batch of plain responses starts with room for the last one's size, up to this. */
const MAX_BATCH_START_BYTES = 64 * 1024;
/** A v3+ envelope header: a request's size in flight is its header and body. */
const ENVELOPE_HEADER_BYTES = 9;
const OVERLOADED_MESSAGE = 'Server is in overloaded state. Cannot accept more requests at this point';

export interface ConnectionLimits extends InFlightLimits {
  readonly maxFrameSizeBytes: number;
  readonly maxRequestsInFlight: number;
}

/**
 * One client connection: bytes in, envelopes decoded, requests handled concurrently and answered as each
 * completes (out of order, by stream id). Responses produced in the same turn of the event loop leave in
 * one socket write (one run of v5 segments). A broken frame closes this connection only. From its first
 * STARTUP on it is a client of the node (system_views.clients), counting the requests it makes. Its
 * requests' bytes count against the node's in-flight limits (client-resource-limits.ts).
 */
export class Connection implements ConnectedClient, BackpressuredConnection {
  version: ProtocolVersion | null = null;
  /** Set by STARTUP: compression for v3/v4 envelopes. */
  compressor: Compressor | null = null;
  readonly registeredEvents = new Set<EventType>();
  started = false;
  /** Between AUTHENTICATE and AUTH_SUCCESS: only AUTH_RESPONSE is served (Cassandra's AUTHENTICATION state). */
  authenticating = false;
  /** The SASL exchange in progress, from the first AUTH_RESPONSE to its success. */
  saslNegotiator: PlainTextSaslNegotiator | null = null;
  /**
   * The keyspace chosen with USE, and the user: anonymous until a login (with no authenticator asking for
   * credentials, for ever, as Cassandra's AuthenticatedUser.ANONYMOUS_USER).
   */
  readonly state: ClientState = { keyspace: null, user: AuthenticatedUser.ANONYMOUS };
  /** The client's end, as it connected (a closed socket forgets it). */
  readonly address: string;
  readonly port: number;
  /** The TLS session, when the client came in through one (system_views.clients' ssl_* columns). */
  readonly ssl: ClientSsl | null;
  /** Set by the first STARTUP, accepted or not: Cassandra's connection exists from then on. */
  listed = false;
  /** Requests handled since then, that STARTUP included. */
  requestCount = 0;
  /** Requests answered after that STARTUP: what the node's Native-Transport-Requests pool would have run. */
  completedRequests = 0;
  /** The options of the STARTUP that was accepted. */
  clientOptions: ReadonlyMap<string, string> | null = null;
  /** STARTUP's THROW_ON_OVERLOAD=1: past the in-flight limits, answer Overloaded rather than stop reading. */
  throwOnOverload = false;
  /** The in-flight bytes of the client's address. */
  readonly reserve: EndpointReserve;
  private decoder: EnvelopeDecoder | FramedEnvelopeDecoder;
  private framing: SegmentFormat | null = null;
  /** Plain v3/v4 responses not yet written, side by side in one buffer, as they will be sent. */
  private unwritten: ByteWriter | null = null;
  /** Size of the last plain write: the next batch starts with room for as much. */
  private lastWriteBytes = 0;
  /** Compressed or v5 responses not yet written, envelope by envelope. */
  private outgoing: Buffer[] = [];
  private flushScheduled = false;
  private inFlight = 0;
  private closed = false;
  /** Past the in-flight limits: not read from until bytes are released. */
  private backpressured = false;
  /** Decoded events not handled yet because backpressure began in the middle of a read. */
  private held: FramedEnvelopeDecoderEvent[] | null = null;
  /** Told when the connection closes: requests a prime holds or delays (rare, so made on first use). */
  private closeHooks: Set<() => void> | null = null;

  constructor(
    readonly socket: Socket,
    private readonly handler: RequestHandler,
    private readonly limits: ConnectionLimits,
    private readonly resources: ClientResourceLimits,
    private readonly onClose: (c: Connection) => void,
    /** Numbers the connections of a node from 1, for the activity log. */
    readonly id: number,
  ) {
    this.decoder = new EnvelopeDecoder({ maxFrameSizeBytes: limits.maxFrameSizeBytes });
    this.address = plainAddress(socket.remoteAddress ?? '');
    this.port = socket.remotePort ?? 0;
    this.reserve = resources.attach(this.address);
    this.ssl = socket instanceof TLSSocket ? tlsSession(socket) : null;
    socket.setNoDelay(true);
    socket.on('data', (chunk: Buffer) => this.receive(chunk));
    socket.on('error', () => this.close());
    socket.on('close', () => this.close());
    socket.on('drain', () => { if (this.mayRead()) socket.resume(); });
  }

  /** The first STARTUP makes the connection a client of the node, and counts as its first request. */
  list(): void {
    this.listed = true;
    this.requestCount++;
  }

  /** Counts a request the connection's stage accepted; only a listed connection counts. */
  countRequest(): void {
    if (this.listed) this.requestCount++;
  }

  /** Requests received and not yet answered. */
  get requestsInFlight(): number {
    return this.inFlight;
  }

  /** The logged-in role, 'anonymous' when no authenticator asks for credentials. */
  get username(): string {
    return (this.state.user ?? AuthenticatedUser.ANONYMOUS).name;
  }

  /** AUTH_SUCCESS: from now on the connection acts as `user` and serves every request. */
  login(user: AuthenticatedUser): void {
    this.state.user = user;
    this.authenticating = false;
    this.saslNegotiator = null;
  }

  get stage(): ConnectionStage {
    if (!this.started) return 'established';
    return this.authenticating ? 'authenticating' : 'ready';
  }

  get protocolVersion(): number {
    return this.version ?? 0;
  }

  /** v5 framing begins right after READY (or AUTHENTICATE): hand the decoder's leftovers to a segment decoder. */
  startFraming(format: SegmentFormat): void {
    this.framing = format;
    const leftover = this.decoder instanceof EnvelopeDecoder ? this.decoder.takeRemaining() : Buffer.alloc(0);
    this.decoder = new FramedEnvelopeDecoder(format, { maxFrameSizeBytes: this.limits.maxFrameSizeBytes });
    if (leftover.length > 0) this.receive(leftover);
  }

  private mayRead(): boolean {
    return !this.backpressured && this.inFlight < this.limits.maxRequestsInFlight && !this.closed;
  }

  private receive(chunk: Buffer): void {
    if (this.closed) return;
    if (this.held !== null) {
      this.held.push(...this.decoder.push(chunk));
      return;
    }
    this.process(this.decoder.push(chunk));
  }

  private process(events: readonly FramedEnvelopeDecoderEvent[]): void {
    try {
      for (let i = 0; i < events.length; i++) {
        if (this.closed) return;
        // Like Cassandra, nothing more is handled once backpressure begins, even what was already read.
        if (this.backpressured) {
          this.held = events.slice(i);
          return;
        }
        this.onDecoderEvent(events[i]!);
      }
    } catch (e) {
      // Whatever a client sends, only its own connection may suffer: a decoder bug closes it, nothing more.
      this.onInternalError(e);
      this.close();
    }
  }

  private onInternalError(error: unknown): void {
    const detail = error instanceof Error ? error.stack ?? error.message : String(error);
    process.emitWarning(`closing a connection after an internal error: ${detail}`, 'CassanovaWarning');
  }

  private onDecoderEvent(event: FramedEnvelopeDecoderEvent): void {
    switch (event.kind) {
      case 'envelope':
        this.onEnvelope(event.envelope);
        return;
      case 'unsupported-version':
        this.closeWithError(event.error, event.streamId, encodeUnsupportedVersionError(event, this.version ?? 4));
        return;
      case 'too-large':
        this.send({ type: 'ERROR', error: event.error }, event.streamId, event.version);
        return;
      case 'beta-flag-unset':
        if (event.fatal) {
          const reply = encodeResponse({ type: 'ERROR', error: event.error }, { version: event.version, streamId: event.streamId });
          this.closeWithError(event.error, event.streamId, reply);
        } else {
          this.send({ type: 'ERROR', error: event.error }, event.streamId, event.version);
        }
        return;
      case 'corrupt-segment':
        // Nothing the client sends from here on can be trusted; like Cassandra, say why (stream 0) and close.
        this.closeWithError(event.error, 0);
        return;
    }
  }

  /**
   * The last answer on a broken connection, after the replies already due. Once v5 framing has started
   * it is framed like any other response, in the connection's version; before, `unframed` is sent as is.
   */
  private closeWithError(error: ProtocolError, streamId: number, unframed?: Buffer): void {
    this.flush();
    if (this.framing === null) {
      this.close(unframed ?? encodeResponse({ type: 'ERROR', error }, { version: this.version ?? 4, streamId }));
      return;
    }
    const reply = encodeResponse({ type: 'ERROR', error }, { version: this.version ?? 5, streamId });
    this.close(encodeSegments([reply], this.framing));
  }

  private onEnvelope(envelope: Envelope): void {
    if (this.version === null) this.version = envelope.version;
    if (envelope.version !== this.version) {
      const error = new ProtocolError(`Invalid message version. Got ${envelope.version} but previous messages on this connection had version ${this.version}`);
      this.send({ type: 'ERROR', error }, envelope.streamId);
      return;
    }
    let request;
    try {
      request = decodeRequest(envelope, this.compressor);
    } catch (e) {
      this.send({ type: 'ERROR', error: toCqlError(e) }, envelope.streamId);
      return;
    }
    const bytes = ENVELOPE_HEADER_BYTES + envelope.body.length;
    if (!this.resources.tryAllocate(this.reserve, bytes)) {
      if (this.throwOnOverload) {
        this.send({ type: 'ERROR', error: new OverloadedError(OVERLOADED_MESSAGE) }, envelope.streamId);
        return;
      }
      // This request is served anyway; the next ones wait until the node's in-flight bytes drop.
      this.resources.allocateAndWait(bytes, this);
      this.backpressured = true;
      this.socket.pause();
    }
    this.inFlight++;
    if (this.inFlight >= this.limits.maxRequestsInFlight) this.socket.pause();
    // Requests after STARTUP are those Cassandra's Native-Transport-Requests pool runs.
    const pooled = this.listed;
    const slot = this.handler.record(request, this);
    const seq = slot === null ? 0 : slot.seq;
    this.handler.handle(request, this, slot).then(
      (response) => this.complete(response, request, bytes, pooled, slot, seq),
      (e: unknown) => this.complete(
        { message: { type: 'ERROR', error: toCqlError(e) }, warnings: null, tracingId: null }, request, bytes, pooled, slot, seq,
      ),
    );
  }

  private complete(reply: Reply, request: Request, bytes: number, pooled: boolean, slot: ActivitySlot | null, seq: number): void {
    this.inFlight--;
    this.resources.release(this.reserve, bytes);
    if (pooled) this.completedRequests++;
    if (slot !== null) this.handler.recordReply(slot, seq, reply);
    this.handler.countReply(request.message.type, reply);
    if (this.mayRead()) this.socket.resume();
    if (isToSend(reply)) this.send(reply.message, request.streamId, undefined, reply.warnings, reply.tracingId);
  }

  /** Reads from the socket again unless a limit still holds it (the node resuming from a pause). */
  resume(): void {
    if (this.mayRead()) this.socket.resume();
  }

  /** The node's in-flight bytes dropped below the limits: handle what was held back, then read again. */
  releaseBackpressure(): void {
    this.backpressured = false;
    const held = this.held;
    this.held = null;
    if (held !== null) this.process(held);
    this.resume();
  }

  get isClosed(): boolean {
    return this.closed;
  }

  /** Calls `hook` once the connection closes (at once if it has); returns what forgets the hook. */
  whenClosed(hook: () => void): () => void {
    if (this.closed) {
      hook();
      return () => {};
    }
    const hooks = (this.closeHooks ??= new Set());
    hooks.add(hook);
    return () => hooks.delete(hook);
  }

  /** Pushes an event (stream −1) if the client registered for its type. */
  pushEvent(event: ServerEvent): void {
    if (!this.started || !this.registeredEvents.has(event.type)) return;
    this.send({ type: 'EVENT', event }, EVENT_STREAM_ID);
  }

  /** Sends a response now, outside the batching, bypassing v5 framing (READY to STARTUP goes unframed). */
  sendImmediately(message: ResponseMessage, streamId: number): void {
    this.flush();
    if (!this.closed) this.socket.write(encodeResponse(message, { version: this.version ?? 4, streamId }));
  }

  send(
    message: ResponseMessage, streamId: number, version?: ProtocolVersion, warnings: readonly string[] | null = null,
    tracingId: Buffer | null = null,
  ): void {
    if (this.closed) return;
    const options = { version: version ?? this.version ?? 4, streamId, warnings, tracingId };
    if (this.framing === null && this.compressor === null) {
      // The common case: encoded straight into the batch, no buffer per response and no joining them.
      this.unwritten ??= new ByteWriter(Math.min(this.lastWriteBytes, MAX_BATCH_START_BYTES));
      writeResponse(this.unwritten, message, options);
    } else {
      const compressor = this.framing === null ? this.compressor : null;
      this.outgoing.push(encodeResponse(message, { ...options, compressor }));
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush());
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    if (this.closed) return;
    // Plain responses come first: compression and framing only start after them (after READY).
    if (this.unwritten !== null) {
      const data = this.unwritten.toBuffer();
      this.unwritten = null;
      this.lastWriteBytes = data.length;
      this.write(data);
    }
    if (this.outgoing.length === 0) return;
    const envelopes = this.outgoing;
    this.outgoing = [];
    this.write(this.framing === null
      ? (envelopes.length === 1 ? envelopes[0]! : Buffer.concat(envelopes))
      : encodeSegments(envelopes, this.framing));
  }

  private write(data: Buffer): void {
    // A client that does not read its responses stops being read from until the socket drains.
    if (!this.socket.write(data)) this.socket.pause();
  }

  /** Closes the connection; with `lastWords`, writes them first and lets the socket drain. */
  close(lastWords?: Buffer): void {
    if (this.closed) return;
    this.closed = true;
    this.unwritten = null;
    this.outgoing = [];
    this.held = null;
    this.resources.detach(this.reserve, this);
    if (lastWords !== undefined) this.socket.end(lastWords);
    else if (!this.socket.destroyed) this.socket.destroy();
    this.onClose(this);
    const hooks = this.closeHooks;
    this.closeHooks = null;
    if (hooks !== null) for (const hook of hooks) hook();
  }
}

/** An IPv4 client of a dual-stack listener shows as an IPv4-mapped IPv6 address; Java reports the IPv4 one. */
function plainAddress(address: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  return mapped === null ? address : mapped[1]!;
}

/** Protocol and cipher suite by their standard names (TLSv1.3, TLS_AES_256_GCM_SHA384), as Java reports them. */
function tlsSession(socket: TLSSocket): ClientSsl {
  const cipher = socket.getCipher();
  return { protocol: socket.getProtocol() ?? cipher.version, cipherSuite: cipher.standardName };
}
