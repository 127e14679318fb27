import type { Clock } from '../../common/index.js';
import type { CqlError } from '../../errors/index.js';
import type { ActivityFilter, ActivityRecord } from './activity-record.js';
import { ActivitySlot, SlotBlock, type RecordedConnection, type ValueBudget } from './activity-slot.js';
import { ActivityRenderer, slotQueries } from './render-activity.js';

/**
 * Large bound values are kept as the requests' own buffers; past this many bytes held by the log at once,
 * a record keeps its statement but not its values, so that a run of large writes does not pile up memory.
 */
const MAX_HELD_VALUE_BYTES = 16 * 1024 * 1024;

/** Slots made at once as the ring first fills: enough to sit together, few enough to cost nothing at startup. */
const SLOTS_MADE_TOGETHER = 256;

export type ActivityListener = (record: ActivityRecord) => void;

/**
 * Every request the nodes of a cluster receive, in arrival order, in a ring of `limit` slots (0: nothing
 * is recorded). Slots are filled in place as requests arrive and complete, and rendered into records only
 * when read, so recording costs a few field writes per request and memory stays flat however long a run.
 */
export class ActivityLog {
  private readonly slots: ActivitySlot[] = [];
  private readonly budget: ValueBudget = { heldBytes: 0, maxBytes: MAX_HELD_VALUE_BYTES };
  /** Where the next request goes; slots are made as the first lap needs them. */
  private next = 0;
  private count = 0;
  private lastSeq = 0;
  private readonly listeners = new Set<{ readonly listener: ActivityListener; readonly filter: ActivityFilter }>();

  constructor(private readonly clock: Clock, readonly limit: number) {}

  get enabled(): boolean {
    return this.limit > 0;
  }

  /** The sequence number of the latest request received (0 before the first): `activity({ since })` after it. */
  get sequence(): number {
    return this.lastSeq;
  }

  /** Takes a slot for a request arriving now; null when the log is off. Its `seq` completes it later. */
  begin(nodeId: number, connection: RecordedConnection, streamId: number, version: number, opcode: string): ActivitySlot | null {
    if (this.limit === 0) return null;
    if (this.next === this.slots.length) this.addSlots();
    const slot = this.slots[this.next]!;
    this.next = this.next + 1 === this.limit ? 0 : this.next + 1;
    if (this.count < this.limit) this.count++;
    slot.reset(++this.lastSeq, this.clock.nowMs(), nodeId, connection, streamId, version, opcode);
    return slot;
  }

  /**
   * The next slots of the ring's first lap, made together: side by side in memory, a request's slot follows
   * the previous one's there, which keeps the cost of meeting a cold slot low (made one by one between
   * requests, they would lie scattered among the requests' own objects); their times and first value
   * bytes share a block.
   */
  private addSlots(): void {
    const block = new SlotBlock(Math.min(this.limit - this.slots.length, SLOTS_MADE_TOGETHER));
    for (let i = 0; i < block.size; i++) this.slots.push(new ActivitySlot(this.budget, block, i));
  }

  /**
   * Records what became of request `seq` in `slot`: `outcome` is the response's type (RESULT, ERROR,
   * READY, ...) or NO_ANSWER / CONNECTION_CLOSED. Nothing happens if the slot went to a later request.
   */
  complete(
    slot: ActivitySlot, seq: number, outcome: string, resultKind = '', rowCount = -1, hasMorePages = false, error: CqlError | null = null,
  ): void {
    if (!slot.complete(seq, this.clock.nowMs(), outcome, resultKind, rowCount, hasMorePages, error)) return;
    if (this.listeners.size === 0) return;
    let record: ActivityRecord | undefined;
    for (const { listener, filter } of this.listeners) {
      if (passes(slot, filter)) listener((record ??= new ActivityRenderer().render(slot)));
    }
  }

  /** The records kept, oldest first, that pass the filter. */
  records(filter: ActivityFilter = {}): ActivityRecord[] {
    const renderer = new ActivityRenderer();
    const out: ActivityRecord[] = [];
    const first = this.count < this.limit ? 0 : this.next;
    for (let i = 0; i < this.count; i++) {
      const slot = this.slots[(first + i) % this.limit]!;
      if (passes(slot, filter)) out.push(renderer.render(slot));
    }
    return out;
  }

  /** Forgets every record; sequence numbers go on from where they were. */
  clear(): void {
    for (const slot of this.slots) slot.reset(0, 0, 0, NO_CONNECTION, 0, 0, '');
    this.next = 0;
    this.count = 0;
  }

  /**
   * Calls `listener` with each request that passes `filter` once it is answered (or held, or its connection
   * closed), in the order they complete; returns the unsubscribe.
   */
  subscribe(listener: ActivityListener, filter: ActivityFilter = {}): () => void {
    const entry = { listener, filter };
    this.listeners.add(entry);
    return () => this.listeners.delete(entry);
  }

  /** Subscribers not yet unsubscribed (live streams of the admin API, tests). */
  get subscriberCount(): number {
    return this.listeners.size;
  }
}

const NO_CONNECTION: RecordedConnection = Object.freeze({ id: 0, address: '', port: 0 });

function passes(slot: ActivitySlot, filter: ActivityFilter): boolean {
  if (filter.node !== undefined && slot.nodeId !== filter.node) return false;
  const since = filter.since;
  if (since !== undefined && (typeof since === 'number' ? slot.seq <= since : slot.timeMs < since.getTime())) return false;
  const opcode = filter.opcode;
  if (opcode !== undefined && (typeof opcode === 'string' ? slot.opcode !== opcode : !opcode.includes(slot.opcode))) return false;
  const match = filter.match;
  if (match === undefined) return true;
  return slotQueries(slot).some((q) => q !== null && (typeof match === 'string' ? q.includes(match) : matchesRegExp(match, q)));
}

/** A global or sticky RegExp keeps its position between tests: each test starts from the beginning. */
function matchesRegExp(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  return pattern.test(text);
}
