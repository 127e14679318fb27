import type { Verb } from './verb.js';

/** How a request went at the replica: its handler's result or the error it threw. */
export type Outcome = { readonly ok: true; readonly value: unknown } | { readonly ok: false; readonly error: unknown };

/** A message on the wire: one-way, a request awaiting an answer, or that answer. */
/**
 * The tracing session a message carries (Cassandra's TRACE_SESSION message parameter), or null: the node
 * receiving it records its own events for that session.
 */
export type TraceParam = Buffer | null;

export type Body =
  | { readonly kind: 'one-way'; readonly payload: unknown; readonly trace: TraceParam }
  | { readonly kind: 'request'; readonly id: number; readonly payload: unknown; readonly trace: TraceParam }
  | { readonly kind: 'response'; readonly id: number; readonly outcome: Outcome };

export interface Envelope {
  readonly verb: Verb;
  readonly from: number;
  readonly to: number;
  readonly body: Body;
  /** The network's epoch when the exchange began (an answer keeps its request's): older ones are lost on arrival. */
  readonly epoch: number;
}
