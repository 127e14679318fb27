import type { TraceState } from '../../common/index.js';
import type { Verb } from '../network/verb.js';
import { tracedRequest } from '../tracing/traced-request.js';
import type { CoordinatorNode } from './coordinator-node.js';

/** What a coordinator does with each answer; `true` once it has heard enough. */
export interface ResponseCallbacks<T> {
  onResponse(from: number, response: T): boolean;
  /** A request that failed or got no answer in time (hints are written here). */
  onFailure?(from: number): void;
}

/**
 * Sends one request to each target and hands the answers to the callbacks as they arrive, until they
 * have heard enough or `timeoutMs` passes (Cassandra's request callbacks awaited on their latch). A
 * failed request counts as no answer. Resolves true when the callbacks heard enough, false on timeout.
 * The requests carry the client request's tracing session, if any.
 */
export function collectResponses<T>(
  node: CoordinatorNode, targets: readonly number[], verb: Verb, payload: unknown, timeoutMs: number, callbacks: ResponseCallbacks<T>,
  trace: TraceState | null = null,
): Promise<boolean> {
  const { scheduler } = node.cluster;
  return new Promise<boolean>((resolve) => {
    let done = false;
    const finish = (enough: boolean): void => {
      if (done) return;
      done = true;
      timer.cancel();
      resolve(enough);
    };
    const timer = scheduler.schedule(timeoutMs, () => finish(false));
    for (const target of targets) {
      tracedRequest<T>(node, target, verb, payload, timeoutMs, trace).then(
        (response) => {
          if (!done && callbacks.onResponse(target, response)) finish(true);
        },
        () => callbacks.onFailure?.(target),
      );
    }
  });
}
