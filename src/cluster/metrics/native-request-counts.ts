/** The outcome of a request that was answered with a RESULT (or READY, SUPPORTED, AUTHENTICATE). */
export const SUCCESS = -1;

/** How many requests of one opcode ended one way: SUCCESS, or the protocol error code sent back. */
export interface NativeRequestCount {
  readonly opcode: string;
  readonly outcome: number;
  readonly count: number;
}

/**
 * Requests one node's native transport answered, by opcode and outcome. Counting is two map lookups and
 * an increment, allocation-free once an (opcode, outcome) pair has been seen; readers walk them on scrape.
 */
export class NativeRequestCounts {
  private readonly byOpcode = new Map<string, Map<number, number>>();

  count(opcode: string, outcome: number): void {
    let outcomes = this.byOpcode.get(opcode);
    if (outcomes === undefined) {
      outcomes = new Map();
      this.byOpcode.set(opcode, outcomes);
    }
    outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  }

  *counts(): Iterable<NativeRequestCount> {
    for (const [opcode, outcomes] of this.byOpcode) {
      for (const [outcome, count] of outcomes) yield { opcode, outcome, count };
    }
  }
}
