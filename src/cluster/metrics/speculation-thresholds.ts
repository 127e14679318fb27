import {
  parseSpeculativeRetryPolicy, speculationThresholdMs, type LatencySample, type SpeculativeRetryPolicy, type TableOptions,
} from '../../schema/index.js';

/** Where the thresholds start before the first update: half the read and write request timeouts, as Cassandra's. */
export interface InitialThresholds {
  readonly readMs: number;
  readonly writeMs: number;
}

/**
 * One table's speculation thresholds on one node (ColumnFamilyStore.sampleReadLatency and
 * additionalWriteLatency): how long a read waits for its replicas before asking another one, and a read
 * repair for its acknowledgements before writing to further replicas. They start at half the request
 * timeouts and are recomputed periodically from the table's coordinator latencies under its
 * speculative_retry and additional_write_policy (updateSpeculationThreshold).
 */
export class SpeculationThresholds {
  sampleReadLatencyMs: number;
  additionalWriteLatencyMs: number;
  /** The last option texts read and their policies: a read looks its policy up without parsing. */
  private readonly policies = new Map<string, SpeculativeRetryPolicy>();

  constructor(initial: InitialThresholds) {
    this.sampleReadLatencyMs = initial.readMs;
    this.additionalWriteLatencyMs = initial.writeMs;
  }

  /** The policy an option text stands for (the text is already validated: it is the schema's). */
  policy(text: string): SpeculativeRetryPolicy {
    let policy = this.policies.get(text);
    if (policy === undefined) {
      // An ALTER changes the text: keep the cache to the texts in use lately.
      if (this.policies.size >= 4) this.policies.clear();
      policy = parseSpeculativeRetryPolicy(text);
      this.policies.set(text, policy);
    }
    return policy;
  }

  update(options: TableOptions, coordinatorRead: LatencySample, coordinatorWrite: LatencySample): void {
    this.sampleReadLatencyMs = speculationThresholdMs(this.policy(options.speculativeRetry), coordinatorRead, this.sampleReadLatencyMs);
    this.additionalWriteLatencyMs = speculationThresholdMs(
      this.policy(options.additionalWritePolicy), coordinatorWrite, this.additionalWriteLatencyMs,
    );
  }
}
