import { VERBS, type Verb } from './verb.js';

export interface MessageCounts {
  readonly sent: number;
  readonly delivered: number;
  readonly dropped: number;
}

/** Per-verb message counters: sent = delivered + dropped + still in flight. */
export class MessageStats {
  private readonly counts = new Map<Verb, { sent: number; delivered: number; dropped: number }>();

  count(verb: Verb, what: keyof MessageCounts): void {
    let counts = this.counts.get(verb);
    if (counts === undefined) {
      counts = { sent: 0, delivered: 0, dropped: 0 };
      this.counts.set(verb, counts);
    }
    counts[what]++;
  }

  /** A copy with every verb, unused ones at zero. */
  snapshot(): ReadonlyMap<Verb, MessageCounts> {
    return new Map(VERBS.map((verb) => [verb, { ...(this.counts.get(verb) ?? { sent: 0, delivered: 0, dropped: 0 }) }]));
  }
}
