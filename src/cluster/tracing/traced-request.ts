import type { TraceStage, TraceState } from '../../common/index.js';
import { RequestTimeoutError } from '../network/simulated-network.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { Verb } from '../network/verb.js';
import { requestName, requestSize, responseName } from './message-trace.js';
import type { MessagingNode } from './tracing-node.js';

/**
 * Sends a request as the coordinator of a client request. Traced, the message carries the session (the
 * replica records its own events) and the coordinator records "Sending … message to …" as it leaves and,
 * when the answer arrives, "… message received from …" and "Processing response from …" (Cassandra's
 * outbound and inbound message tracing). A message to itself is no traffic: it is not traced as such.
 */
export function tracedRequest<R>(
  node: MessagingNode, to: number, verb: Verb, payload: unknown, timeoutMs: number, trace: TraceState | null,
): Promise<R> {
  const network = node.cluster.network;
  const from = node.identity.id;
  if (trace === null) return network.request<R>(from, to, verb, payload, timeoutMs);
  if (to === from) return network.request<R>(from, to, verb, payload, timeoutMs, trace.sessionId);
  const name = requestName(verb, payload);
  const target = traceSending(node, to, verb, payload, trace);
  const received = (response: string): void => {
    trace.trace(`${response} message received from ${target}`, 'Messaging-EventLoop');
    trace.trace(`Processing response from ${target}`, 'RequestResponseStage');
  };
  return network.request<R>(from, to, verb, payload, timeoutMs, trace.sessionId).then(
    (value) => {
      received(responseName(name));
      return value;
    },
    (error: unknown) => {
      // A timeout is no message at all; a replica's failure comes back as a failure response.
      if (!(error instanceof RequestTimeoutError)) received('FAILURE_RSP');
      throw error;
    },
  );
}

/** A one-way message, traced like a request's departure. */
export function tracedSend(node: MessagingNode, to: number, verb: Verb, payload: unknown, trace: TraceState | null): void {
  const from = node.identity.id;
  if (trace !== null && to !== from) traceSending(node, to, verb, payload, trace);
  node.cluster.network.send(from, to, verb, payload, trace?.sessionId ?? null);
}

function traceSending(node: MessagingNode, to: number, verb: Verb, payload: unknown, trace: TraceState): string {
  const target = node.tracing.endpointName(to);
  trace.trace(`Sending ${requestName(verb, payload)} message to ${target} message size ${requestSize(verb, payload)} bytes`, 'Messaging-EventLoop');
  return target;
}

/** The same state with another default stage: work the coordinator does as a replica of its own request. */
export function onStage(trace: TraceState | null, stage: TraceStage): TraceState | null {
  return trace === null ? null : { sessionId: trace.sessionId, trace: (activity, s = stage) => trace.trace(activity, s) };
}

/** A replica as Cassandra's Replica.toString names it in traces: Full(/address:port,(start,end]). */
export function replicaName(node: MessagingNode, replica: RingEndpoint, token: bigint): string {
  const ring = node.cluster.tokenRing();
  const index = ring.firstTokenIndex(token);
  const tokens = ring.sortedTokens;
  const start = tokens[(index === 0 ? tokens.length : index) - 1]!;
  return `Full(${node.cluster.endpointName(replica)},(${start},${tokens[index]!}])`;
}
