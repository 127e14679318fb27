/**
 * What travels with one client request through every layer, explicitly (Cassandra keeps it in
 * thread-locals: ClientWarn and Tracing's TraceState, carried to other stages by ExecutorLocals).
 * An untraced request allocates nothing beyond this object: `trace` is null and `warnings` stays null
 * until something warns.
 */
export interface RequestContext {
  /** The request's tracing session on the node coordinating it, or null when it is not traced. */
  readonly trace: TraceSession | null;
  /** Client warnings in the order they were raised (ClientWarn); null until the first one. */
  warnings: string[] | null;
  /**
   * The request's record in the activity log, told of each replica the coordinator contacts; null when
   * nobody records them (the log is off, or the cluster works on its own).
   */
  readonly activity: ReplicaSink | null;
  /** The request's sequence number in the log: the record may have gone to a later request since. */
  readonly activitySeq: number;
}

/** Where the replicas a request's coordinator contacts are noted (the request's activity record). */
export interface ReplicaSink {
  replicaContacted(seq: number, nodeId: number): void;
}

/**
 * The threads Cassandra names in system_traces.events: which stage of a node did a step. Messages are
 * sent and received on the messaging event loop, responses processed on the request-response stage.
 */
export type TraceStage =
  | 'Native-Transport-Requests'
  | 'ReadStage'
  | 'MutationStage'
  | 'CounterMutationStage'
  | 'RequestResponseStage'
  | 'Messaging-EventLoop';

/** One node's part of a tracing session (Cassandra's TraceState): it records that node's events. */
export interface TraceState {
  /** The session's time uuid, as system_traces keys it and messages carry it to other nodes. */
  readonly sessionId: Buffer;
  /** Records an event at the node's elapsed time, on the thread of `stage` (default: the state's own). */
  trace(activity: string, stage?: TraceStage): void;
}

/** The coordinator's state of a session: it also writes the sessions row (Tracing.begin). */
export interface TraceSession extends TraceState {
  /** Records what was asked: e.g. "Execute CQL3 query" with the query text and consistency level. */
  begin(request: string, parameters: ReadonlyMap<string, string>): void;
}

/**
 * The context of work the cluster does on its own (hint and batchlog replay, trace writes): no client
 * sees its warnings and nothing traces it. Shared: clientWarn ignores it.
 */
export const INTERNAL_REQUEST: RequestContext = Object.freeze({ trace: null, warnings: null, activity: null, activitySeq: 0 }) as RequestContext;

/** A new context for one client request; `activity` notes the replicas contacted for request `activitySeq`. */
export function requestContext(trace: TraceSession | null, activity: ReplicaSink | null = null, activitySeq = 0): RequestContext {
  return { trace, warnings: null, activity, activitySeq };
}

/** Notes that the coordinator contacted these replicas for the request (when someone records them). */
export function contactedReplicas(request: RequestContext, replicas: readonly { readonly id: number }[]): void {
  const activity = request.activity;
  if (activity === null) return;
  for (let i = 0; i < replicas.length; i++) activity.replicaContacted(request.activitySeq, replicas[i]!.id);
}

/** Notes that the coordinator contacted replica `nodeId` for the request. */
export function contactedReplica(request: RequestContext, nodeId: number): void {
  request.activity?.replicaContacted(request.activitySeq, nodeId);
}

/** The longest warning a [string list] can carry: Cassandra truncates longer ones, marking them (ClientWarn). */
const MAX_WARNING_LENGTH = 0xffff;
const TRUNCATED = ' [truncated]';
/** ClientWarn keeps at most as many warnings as a [string list] can count. */
const MAX_WARNING_COUNT = 0xffff;

/** Adds a client warning (ClientWarn.warn); a request the cluster makes on its own drops it. */
export function clientWarn(request: RequestContext, warning: string): void {
  if (request === INTERNAL_REQUEST) return;
  const warnings = (request.warnings ??= []);
  if (warnings.length >= MAX_WARNING_COUNT) return;
  warnings.push(warning.length > MAX_WARNING_LENGTH ? warning.slice(0, MAX_WARNING_LENGTH - TRUNCATED.length) + TRUNCATED : warning);
}
