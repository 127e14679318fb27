/**
 * The time limits of user function bodies (cassandra.yaml's user_defined_functions_warn_timeout and
 * user_defined_functions_fail_timeout) and the clock that measures them, injected so that tests can
 * make a body "take" any time.
 */
export interface UdfLimits {
  readonly warnTimeoutMs: number;
  readonly failTimeoutMs: number;
  /** Milliseconds of the node's clock. */
  nowMs(): number;
}

/** Cassandra 4.1's defaults (500 ms, 1500 ms), measured with no clock: only the hard stop applies. */
export const DEFAULT_UDF_LIMITS: UdfLimits = Object.freeze({ warnTimeoutMs: 500, failTimeoutMs: 1500, nowMs: () => 0 });
