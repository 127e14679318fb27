import { invariant } from '../../common/index.js';
import type { Verb } from './verb.js';

export type FilterAction = 'drop' | { readonly delayMs: number };

/** Matches messages by verb and ends (undefined = any); responses match under their request's verb. */
export interface MessageFilter {
  readonly verb?: Verb;
  readonly from?: number;
  readonly to?: number;
  readonly action: FilterAction;
}

/** What the filters make of one message: dropped, or held back this many extra milliseconds. */
export type FilterVerdict = 'drop' | number;

/** The filters installed at some point (MessageFilters.image): entries, so that removal still works. */
export type FiltersImage = readonly { readonly filter: MessageFilter }[];

/** Targeted faults a test installs and removes: drop or delay the messages that match. */
export class MessageFilters {
  private readonly filters = new Set<{ readonly filter: MessageFilter }>();

  /** Installs a filter; the returned function removes it (again: no effect). */
  add(filter: MessageFilter): () => void {
    invariant(filter.action === 'drop' || filter.action.delayMs >= 0, 'a filter delay must not be negative');
    // Wrapped so the same filter object added twice is two filters, each removed by its own function.
    const entry = { filter };
    this.filters.add(entry);
    return () => {
      this.filters.delete(entry);
    };
  }

  /** Any matching drop filter drops the message; otherwise the delays of the matching filters add up. */
  verdict(verb: Verb, from: number, to: number): FilterVerdict {
    let delayMs = 0;
    for (const { filter } of this.filters) {
      if (!matches(filter, verb, from, to)) continue;
      if (filter.action === 'drop') return 'drop';
      delayMs += filter.action.delayMs;
    }
    return delayMs;
  }

  clear(): void {
    this.filters.clear();
  }

  /** Whether this filter object is installed (a reset or a restore may have taken it away, or brought it back). */
  has(filter: MessageFilter): boolean {
    for (const entry of this.filters) if (entry.filter === filter) return true;
    return false;
  }

  /** The filters installed now, to be put back by restore() (and still removable by their functions then). */
  image(): FiltersImage {
    return [...this.filters];
  }

  restore(image: FiltersImage): void {
    this.filters.clear();
    for (const entry of image) this.filters.add(entry);
  }
}

function matches(filter: MessageFilter, verb: Verb, from: number, to: number): boolean {
  return (
    (filter.verb === undefined || filter.verb === verb) &&
    (filter.from === undefined || filter.from === from) &&
    (filter.to === undefined || filter.to === to)
  );
}
