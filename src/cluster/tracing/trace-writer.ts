import { INTERNAL_REQUEST } from '../../common/index.js';
import { ConsistencyLevel } from '../../errors/index.js';
import {
  complexPathOrder, sortedComplexColumn, type Cell, type LivenessInfo, type Mutation, type PartitionUpdate, type PathCell, type Row,
} from '../../data/index.js';
import { TRACES_KEYSPACE, type TableMetadata } from '../../schema/index.js';
import { int32Bytes, int64Bytes, parseInet } from '../../types/index.js';
import type { TracingNode } from './tracing-node.js';

/** trace_type_query_ttl: TraceKeyspace writes every trace row with this TTL (the tables have none of their own). */
export const TRACE_TTL_SECONDS = 86_400;

/** What the sessions row records when a session begins (TraceKeyspace.makeStartSessionMutation). */
export interface SessionStart {
  readonly client: Buffer | null;
  readonly command: string;
  readonly request: string;
  readonly startedAtMs: number;
  readonly parameters: ReadonlyMap<string, string>;
}

/** One event row (TraceKeyspace.makeEventMutation). */
export interface TraceEvent {
  readonly eventId: Buffer;
  readonly activity: string;
  readonly elapsedMicros: number;
  readonly thread: string;
}

interface PendingSession {
  readonly sessionId: Buffer;
  sessionCells: Map<string, Cell> | null;
  parameters: PathCell[] | null;
  readonly events: Row[];
}

/**
 * Writes one node's trace rows to system_traces asynchronously, as Cassandra's TRACING stage does: rows
 * recorded until the scheduler's next immediate task are written together then (before the event loop
 * polls for I/O again), one mutation per session, through the node's ordinary write path at consistency
 * ANY (so they land on system_traces' replicas, or in hints), never awaited by the request they describe.
 */
export class TraceWriter {
  private pending: Map<string, PendingSession> | null = null;
  /** The node's broadcast address and storage port, as coordinator/source columns record them. */
  private readonly address: Buffer;
  private readonly port: Buffer;

  constructor(private readonly node: TracingNode) {
    const address = parseInet(node.identity.address);
    if (address === undefined) throw new RangeError(`Node ${node.identity.id} has no IP address: ${node.identity.address}`);
    this.address = address;
    this.port = int32Bytes(node.cluster.storagePortOf(node.identity.id));
  }

  startSession(sessionId: Buffer, start: SessionStart): void {
    const row = this.session(sessionId);
    const cells = (row.sessionCells ??= new Map());
    const { cell } = this.rowWriter();
    if (start.client !== null) cells.set('client', cell(start.client));
    cells.set('coordinator', cell(this.address));
    cells.set('coordinator_port', cell(this.port));
    cells.set('request', cell(Buffer.from(start.request, 'utf8')));
    cells.set('started_at', cell(int64Bytes(BigInt(start.startedAtMs))));
    cells.set('command', cell(Buffer.from(start.command, 'utf8')));
    const parameters = (row.parameters ??= []);
    for (const [key, value] of start.parameters) parameters.push({ path: Buffer.from(key, 'utf8'), cell: cell(Buffer.from(value, 'utf8')) });
  }

  stopSession(sessionId: Buffer, durationMicros: number): void {
    (this.session(sessionId).sessionCells ??= new Map()).set('duration', this.rowWriter().cell(int32Bytes(durationMicros)));
  }

  event(sessionId: Buffer, event: TraceEvent): void {
    const { cell, liveness } = this.rowWriter();
    const cells = new Map<string, Cell>([
      ['activity', cell(Buffer.from(event.activity, 'utf8'))],
      ['source', cell(this.address)],
      ['source_port', cell(this.port)],
      ['source_elapsed', cell(int32Bytes(event.elapsedMicros))],
      ['thread', cell(Buffer.from(event.thread, 'utf8'))],
    ]);
    this.session(sessionId).events.push({ clustering: [event.eventId], liveness, deletion: null, cells });
  }

  private session(sessionId: Buffer): PendingSession {
    if (this.pending === null) {
      this.pending = new Map();
      this.node.cluster.scheduler.schedule(0, () => this.flush());
    }
    const id = sessionId.toString('latin1');
    let session = this.pending.get(id);
    if (session === undefined) {
      session = { sessionId, sessionCells: null, parameters: null, events: [] };
      this.pending.set(id, session);
    }
    return session;
  }

  private flush(): void {
    const pending = this.pending;
    this.pending = null;
    if (pending === null) return;
    const keyspace = this.node.schema().keyspace(TRACES_KEYSPACE);
    const sessions = keyspace?.tables.get('sessions');
    const events = keyspace?.tables.get('events');
    if (sessions === undefined || events === undefined) return;
    const mutations = [...pending.values()].map((s) => this.mutation(s, sessions, events));
    // Like Tracing.mutateWithCatch: a trace that cannot be written is lost, the request never learns of it.
    this.node.mutate(mutations, ConsistencyLevel.ANY, 'SIMPLE', INTERNAL_REQUEST).catch(() => undefined);
  }

  private mutation(s: PendingSession, sessions: TableMetadata, events: TableMetadata): Mutation {
    const { key, token } = this.node.partitioner.decorateKey([s.sessionId]);
    const updates: PartitionUpdate[] = [];
    const base = { key, token, partitionDeletion: null, rangeTombstones: [], staticRow: null };
    if (s.sessionCells !== null || s.parameters !== null) {
      const complex = s.parameters === null
        ? undefined
        : new Map([['parameters', sortedComplexColumn(null, s.parameters, complexPathOrder(sessions, 'parameters'))]]);
      const row: Row = { clustering: [], liveness: this.rowWriter().liveness, deletion: null, cells: s.sessionCells ?? new Map(), complex };
      updates.push({ ...base, table: sessions, rows: [row] });
    }
    if (s.events.length > 0) updates.push({ ...base, table: events, rows: s.events });
    return { keyspace: TRACES_KEYSPACE, key, token, updates };
  }

  /** The row marker and cells of one row: written now (one timestamp for the row), expiring after the trace TTL. */
  private rowWriter(): { liveness: LivenessInfo; cell: (value: Buffer) => Cell } {
    const clock = this.node.clock;
    const timestamp = clock.nowMicros();
    const expiry = clock.nowSeconds() + TRACE_TTL_SECONDS;
    return {
      liveness: { timestamp, ttlSeconds: TRACE_TTL_SECONDS, localExpirationTime: expiry },
      cell: (value) => ({ value, timestamp, ttlSeconds: TRACE_TTL_SECONDS, localDeletionTime: expiry }),
    };
  }
}
