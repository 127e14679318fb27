import { isPromiseLike, SeededRandom, type TraceSession, type TraceStage, type TraceState } from '../../common/index.js';
import { checkTraceProbability } from '../../config/index.js';
import { parseInet, timeUuidFromMicros } from '../../types/index.js';
import type { Verb } from '../network/verb.js';
import { FAILURE_RESPONSE_BYTES, requestName, responseName, responseSize, stageOf, tracesEnqueuing } from './message-trace.js';
import { onStage } from './traced-request.js';
import { TraceWriter } from './trace-writer.js';
import type { TracingNode } from './tracing-node.js';

/** Threads per stage Cassandra runs (native_transport_max_threads, concurrent_reads/writes, …): names cycle through them. */
const POOL_SIZES: Readonly<Record<TraceStage, number>> = {
  'Native-Transport-Requests': 128,
  ReadStage: 32,
  MutationStage: 32,
  CounterMutationStage: 32,
  RequestResponseStage: 4,
  'Messaging-EventLoop': 4,
};

/** source_elapsed is an int column: a session running longer records Integer.MAX_VALUE. */
const MAX_ELAPSED_MICROS = 2 ** 31 - 1;

/** Every tracing session comes from a QUERY, PREPARE, EXECUTE or BATCH (TraceType.QUERY). */
const COMMAND = 'QUERY';

/**
 * One node's tracing (Cassandra's Tracing and TraceStateImpl): the sessions it coordinates, the states of
 * sessions other nodes ask it to work for, event ids and thread names, the trace probability, and the
 * writer that puts the rows into system_traces.
 */
export class Tracing {
  readonly writer: TraceWriter;
  private probabilityValue: number;
  private readonly random: SeededRandom;
  /** Sessions this node coordinates, for messages it sends itself (Tracing.sessions). */
  private readonly coordinated = new Map<string, CoordinatorTraceState>();
  private readonly threadCounters = new Map<TraceStage, number>();

  constructor(readonly node: TracingNode) {
    this.writer = new TraceWriter(node);
    this.random = new SeededRandom((node.random.seed ^ 0x7ace) >>> 0);
    this.probabilityValue = node.cluster.config.traceProbability;
  }

  get probability(): number {
    return this.probabilityValue;
  }

  /** nodetool settraceprobability. */
  setProbability(probability: number): void {
    checkTraceProbability(probability);
    this.probabilityValue = probability;
  }

  /** StorageService.shouldTraceProbablistically: no chance is drawn while the probability is 0. */
  shouldTraceProbabilistically(): boolean {
    return this.probabilityValue !== 0 && this.random.next() < this.probabilityValue;
  }

  /** A new session coordinated here for a client request; `client` is the client's address (a.b.c.d for IPv4). */
  newSession(client: string): CoordinatorTraceState {
    const session = new CoordinatorTraceState(this, this.newTimeUuid(), parseInet(client) ?? null);
    this.coordinated.set(session.sessionId.toString('latin1'), session);
    return session;
  }

  /** The session is over: its duration is written and messages no longer find it here. */
  stopped(session: CoordinatorTraceState): void {
    this.coordinated.delete(session.sessionId.toString('latin1'));
  }

  /**
   * Serves a message that carries a tracing session (MessagingService's receive and reply traces): the
   * coordinator's own state when it sends itself the message, else a state of this node whose elapsed
   * time starts now; `handle` does the work on the verb's stage.
   */
  serve(verb: Verb, from: number, sessionId: Buffer, payload: unknown, handle: (state: TraceState) => unknown): unknown {
    const own = this.coordinated.get(sessionId.toString('latin1'));
    if (own !== undefined && from === this.node.identity.id) return handle(onStage(own, stageOf(verb))!);
    const state = new NodeTraceState(this, sessionId, stageOf(verb));
    const sender = this.endpointName(from);
    const name = requestName(verb, payload);
    state.trace(`${name} message received from ${sender}`, 'Messaging-EventLoop');
    const reply = (response: string, size: number): void => {
      if (tracesEnqueuing(verb)) state.trace(`Enqueuing response to ${sender}`);
      state.trace(`Sending ${response} message to ${sender} message size ${size} bytes`, 'Messaging-EventLoop');
    };
    const failed = (error: unknown): never => {
      reply('FAILURE_RSP', FAILURE_RESPONSE_BYTES);
      throw error;
    };
    let result: unknown;
    try {
      result = handle(state);
    } catch (error) {
      return failed(error);
    }
    if (!isPromiseLike(result)) {
      reply(responseName(name), responseSize(verb, result));
      return result;
    }
    return result.then((value) => {
      reply(responseName(name), responseSize(verb, value));
      return value;
    }, failed);
  }

  /** How Cassandra names a node in traces: /address:storage_port. */
  endpointName(id: number): string {
    const cluster = this.node.cluster;
    const peer = cluster.nodes.find((n) => n.identity.id === id);
    return peer === undefined ? `/unknown-${id}` : cluster.endpointName(peer.identity);
  }

  /** A time uuid from this node's clock, strictly increasing: session and event ids. */
  newTimeUuid(): Buffer {
    return timeUuidFromMicros(this.node.clock.nowMicros(), this.random);
  }

  /** A thread of `stage`, taken in turn from the stage's pool, as a state first works on it. */
  threadName(stage: TraceStage): string {
    const n = this.threadCounters.get(stage) ?? 0;
    this.threadCounters.set(stage, n + 1);
    const number = (n % POOL_SIZES[stage]) + 1;
    return stage === 'Messaging-EventLoop' ? `Messaging-EventLoop-3-${number}` : `${stage}-${number}`;
  }
}

/** One node's part of a session: events with its own elapsed time and thread names. */
export class NodeTraceState implements TraceState {
  private readonly startMicros: bigint;
  private threads: Map<TraceStage, string> | null = null;

  constructor(protected readonly tracing: Tracing, readonly sessionId: Buffer, private readonly home: TraceStage) {
    this.startMicros = tracing.node.clock.nowMicros();
  }

  elapsedMicros(): number {
    return Math.min(Number(this.tracing.node.clock.nowMicros() - this.startMicros), MAX_ELAPSED_MICROS);
  }

  trace(activity: string, stage: TraceStage = this.home): void {
    const threads = (this.threads ??= new Map());
    let thread = threads.get(stage);
    if (thread === undefined) {
      thread = this.tracing.threadName(stage);
      threads.set(stage, thread);
    }
    this.tracing.writer.event(this.sessionId, {
      eventId: this.tracing.newTimeUuid(), activity, elapsedMicros: this.elapsedMicros(), thread,
    });
  }
}

/** The coordinator's state of a session: its request thread, the sessions row, the duration at the end. */
export class CoordinatorTraceState extends NodeTraceState implements TraceSession {
  private readonly startedAtMs: number;

  constructor(tracing: Tracing, sessionId: Buffer, private readonly client: Buffer | null) {
    super(tracing, sessionId, 'Native-Transport-Requests');
    this.startedAtMs = Math.floor(tracing.node.clock.nowMs());
  }

  begin(request: string, parameters: ReadonlyMap<string, string>): void {
    this.tracing.writer.startSession(this.sessionId, {
      client: this.client, command: COMMAND, request, startedAtMs: this.startedAtMs, parameters,
    });
  }

  /** Tracing.stopSession: the duration (µs) is written and the session closed on this node. */
  stop(): void {
    this.tracing.writer.stopSession(this.sessionId, this.elapsedMicros());
    this.tracing.stopped(this);
  }
}
