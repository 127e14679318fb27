import { invariant } from '../../common/index.js';

/** How one directional link behaves: every message on it takes latencyMs and is lost with probability loss. */
export interface LinkSettings {
  readonly latencyMs: number;
  /** 0..1, decided per message. */
  readonly loss: number;
}

/** A change of link settings: `from`/`to` undefined means every node on that end. */
export interface LinkSettingsChange {
  readonly from?: number;
  readonly to?: number;
  readonly latencyMs?: number;
  readonly loss?: number;
}

/** The link settings in force at some point (LinkSettingsTable.image). */
export type LinkSettingsImage = readonly LinkSettingsChange[];

const PERFECT_LINK: LinkSettings = { latencyMs: 0, loss: 0 };

/**
 * The settings of every link, as the ordered list of changes made to them: a later change overrides
 * earlier ones for the links and fields it names and leaves the rest alone.
 */
export class LinkSettingsTable {
  private changes: LinkSettingsChange[] = [];

  set(change: LinkSettingsChange): void {
    invariant(change.latencyMs === undefined || change.latencyMs >= 0, 'link latency must not be negative');
    invariant(change.loss === undefined || (change.loss >= 0 && change.loss <= 1), 'link loss must be within 0..1');
    // Drop what the new change hides, so repeated calls (a test looping over links) keep the list short.
    this.changes = this.changes
      .map((earlier) => (covers(change, earlier) ? withoutFieldsOf(earlier, change) : earlier))
      .filter(namesAField);
    if (namesAField(change)) this.changes.push(change);
  }

  /** The changes in force, to be put back by restore(). */
  image(): LinkSettingsImage {
    return [...this.changes];
  }

  restore(image: LinkSettingsImage): void {
    this.changes = [...image];
  }

  settingsFor(from: number, to: number): LinkSettings {
    let { latencyMs, loss } = PERFECT_LINK;
    for (const change of this.changes) {
      if (!appliesTo(change, from, to)) continue;
      latencyMs = change.latencyMs ?? latencyMs;
      loss = change.loss ?? loss;
    }
    return { latencyMs, loss };
  }

  clear(): void {
    this.changes = [];
  }

  /** The changes in force, oldest first (each one a part of what an earlier one set, once overridden). */
  list(): readonly LinkSettingsChange[] {
    return this.changes;
  }
}

function appliesTo(change: LinkSettingsChange, from: number, to: number): boolean {
  return (change.from === undefined || change.from === from) && (change.to === undefined || change.to === to);
}

/** Whether every link `inner` names is also named by `outer`. */
function covers(outer: LinkSettingsChange, inner: LinkSettingsChange): boolean {
  return (outer.from === undefined || outer.from === inner.from) && (outer.to === undefined || outer.to === inner.to);
}

function withoutFieldsOf(earlier: LinkSettingsChange, later: LinkSettingsChange): LinkSettingsChange {
  return {
    from: earlier.from,
    to: earlier.to,
    latencyMs: later.latencyMs === undefined ? earlier.latencyMs : undefined,
    loss: later.loss === undefined ? earlier.loss : undefined,
  };
}

function namesAField(change: LinkSettingsChange): boolean {
  return change.latencyMs !== undefined || change.loss !== undefined;
}
