import { invariant, isPromiseLike, type Cancellable, type Clock, type Scheduler, type SeededRandom } from '../../common/index.js';
import type { Envelope, Outcome, TraceParam } from './envelope.js';
import { LinkQueue } from './link-queue.js';
import { LinkSettingsTable, type LinkSettings, type LinkSettingsChange, type LinkSettingsImage } from './link-settings.js';
import { MessageFilters, type FiltersImage, type MessageFilter } from './message-filters.js';
import { NetworkPartition, type PartitionImage } from './network-partition.js';
import { MessageStats, type MessageCounts } from './message-stats.js';
import type { Verb } from './verb.js';

export type { LinkSettings } from './link-settings.js';
export type { MessageCounts } from './message-stats.js';

/** The partition, link settings and filters in force at some point (SimulatedNetwork.faults). */
export interface NetworkFaults {
  readonly partition: PartitionImage;
  readonly links: LinkSettingsImage;
  readonly filters: FiltersImage;
}

/** up: reachable; down: crashed, everything to or from it is lost; paused: frozen, receives but answers nothing. */
export type NodeState = 'up' | 'down' | 'paused';

/** What a node does with a message; for a request, the result (or thrown error) is the answer. */
export type MessageHandler = (verb: Verb, from: number, payload: unknown, trace: TraceParam) => unknown | Promise<unknown>;

/** Why a request got no answer: the caller (coordinator) only learns it did not arrive in time. */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
}

/** Messages in flight or waiting for a paused node, per directional link; beyond this they are dropped. */
export const MAX_QUEUED_MESSAGES_PER_LINK = 10_000;

/**
 * The only way nodes reach each other. Messages travel over directional links with latency and loss,
 * can be cut by partitions, node states and filters, and are timed and lost only through the injected
 * scheduler and seeded random: under a virtual clock a run reproduces exactly.
 *
 * Messages a node sends itself are local calls: the handler runs synchronously, with no latency, and
 * only a down node loses them. Every other message arrives through the scheduler, even with 0 latency.
 * Every message counts in stats() under its verb, responses included.
 *
 * A request whose handler returns a promise is answered when the promise settles: under a virtual
 * scheduler, let promise callbacks run (await) between advance() steps for answers to leave on time.
 * A one-way message has nobody to report a failure to, so its handler must not throw (an exception
 * escapes to whoever runs the delivery: the scheduler, or send() itself for a local call) nor reject.
 */
export class SimulatedNetwork {
  private readonly clock: Clock;
  private readonly scheduler: Scheduler;
  private readonly random: SeededRandom;
  private readonly handlers = new Map<number, MessageHandler>();
  private readonly states = new Map<number, NodeState>();
  /** Messages that reached a paused node, in arrival order, delivered when it resumes. */
  private readonly held = new Map<number, Envelope[]>();
  private readonly links = new Map<string, LinkQueue<Envelope>>();
  private readonly pending = new Map<number, (outcome: Outcome) => void>();
  private readonly timers = new Set<Cancellable>();
  private readonly counts = new MessageStats();
  private readonly settings = new LinkSettingsTable();
  private readonly filters = new MessageFilters();
  private readonly cut = new NetworkPartition();
  private nextRequestId = 0;
  private closed = false;
  /** Bumped by discardInFlight: messages of an earlier epoch are lost when they arrive. */
  private epoch = 0;

  constructor(deps: { clock: Clock; scheduler: Scheduler; random: SeededRandom }) {
    this.clock = deps.clock;
    this.scheduler = deps.scheduler;
    this.random = deps.random;
  }

  register(nodeId: number, handler: MessageHandler): void {
    invariant(!this.handlers.has(nodeId), `node ${nodeId} is already registered on the network`);
    this.handlers.set(nodeId, handler);
  }

  unregister(nodeId: number): void {
    this.handlers.delete(nodeId);
    this.releaseHeld(nodeId, false);
  }

  /**
   * Resolves with the handler's result. Rejects with RequestTimeoutError after timeoutMs when the request
   * or its response is lost, a side is down, paused or partitioned away, or the handler is too slow; with
   * the handler's own error (a replica failure) when it throws, once that answer has crossed back.
   * `trace` is the tracing session the message carries to the replica.
   */
  request<R>(from: number, to: number, verb: Verb, payload: unknown, timeoutMs: number, trace: TraceParam = null): Promise<R> {
    invariant(timeoutMs >= 0, 'a request timeout must not be negative');
    return new Promise<R>((resolve, reject) => {
      if (this.closed) {
        reject(new RequestTimeoutError(`${verb} request to node ${to} not sent: the network is closed`));
        return;
      }
      const id = this.nextRequestId++;
      const timeout = this.schedule(timeoutMs, () => {
        this.pending.delete(id);
        reject(new RequestTimeoutError(`${verb} request from node ${from} to node ${to} got no answer within ${timeoutMs} ms`));
      });
      this.pending.set(id, (outcome) => {
        this.pending.delete(id);
        this.cancel(timeout);
        if (outcome.ok) resolve(outcome.value as R);
        else reject(outcome.error);
      });
      this.dispatch({ verb, from, to, body: { kind: 'request', id, payload, trace }, epoch: this.epoch });
    });
  }

  /** One-way message: lost silently under faults. */
  send(from: number, to: number, verb: Verb, payload: unknown, trace: TraceParam = null): void {
    this.dispatch({ verb, from, to, body: { kind: 'one-way', payload, trace }, epoch: this.epoch });
  }

  /** Going down loses what waits for a paused node; resuming delivers it, in order. */
  setNodeState(nodeId: number, state: NodeState): void {
    const previous = this.nodeState(nodeId);
    if (state === 'up') this.states.delete(nodeId);
    else this.states.set(nodeId, state);
    if (previous === 'paused' && state !== 'paused') this.releaseHeld(nodeId, state === 'up');
  }

  nodeState(nodeId: number): NodeState {
    return this.states.get(nodeId) ?? 'up';
  }

  /** Replaces any partition by these groups; nodes listed in no group together form one more side. */
  partition(...groups: readonly (readonly number[])[]): void {
    this.cut.cut(groups);
  }

  /** Removes the partition, not link settings, filters or node states. */
  heal(): void {
    this.cut.heal();
  }

  /** Per directional link; later calls override earlier ones for the links and fields they name. */
  set(settings: LinkSettingsChange): void {
    this.settings.set(settings);
  }

  linkSettings(from: number, to: number): LinkSettings {
    return this.settings.settingsFor(from, to);
  }

  /** The link setting changes in force, oldest first (later ones win where they overlap). */
  linkChanges(): readonly LinkSettingsChange[] {
    return this.settings.list();
  }

  /** The groups of the partition in force, or null when the network is whole. */
  partitionGroups(): number[][] | null {
    return this.cut.groups();
  }

  /** Back to a perfect network: no partition, setting, filter; every node up (paused ones get their messages). */
  reset(): void {
    this.cut.heal();
    this.settings.clear();
    this.filters.clear();
    for (const nodeId of [...this.states.keys()]) this.setNodeState(nodeId, 'up');
  }

  /**
   * Loses every message between nodes that is in flight or held for a paused node, as if every connection
   * between them broke at once: a request waiting for an answer times out. What is sent from now on goes
   * through as usual, on links emptied of what they queued.
   */
  discardInFlight(): void {
    this.epoch++;
    for (const link of this.links.values()) for (const envelope of link.discard()) this.counts.count(envelope.verb, 'dropped');
    this.links.clear();
    for (const queue of this.held.values()) for (const envelope of queue) this.counts.count(envelope.verb, 'dropped');
    this.held.clear();
  }

  /** The faults in force, to be put back as they are by restoreFaults. */
  faults(): NetworkFaults {
    return { partition: this.cut.image(), links: this.settings.image(), filters: this.filters.image() };
  }

  /** Exactly the faults of an earlier faults(): filters removable by the functions addFilter returned then. */
  restoreFaults(faults: NetworkFaults): void {
    this.cut.restore(faults.partition);
    this.settings.restore(faults.links);
    this.filters.restore(faults.filters);
  }

  /** Drops or delays matching messages until the returned function is called. */
  addFilter(filter: MessageFilter): () => void {
    return this.filters.add(filter);
  }

  /** Whether this filter object, as given to addFilter, is installed now. */
  hasFilter(filter: MessageFilter): boolean {
    return this.filters.has(filter);
  }

  /** No partition between them and both up. */
  canReach(from: number, to: number): boolean {
    return this.nodeState(from) === 'up' && this.nodeState(to) === 'up' && !this.cut.separates(from, to);
  }

  stats(): ReadonlyMap<Verb, MessageCounts> {
    return this.counts.snapshot();
  }

  /** Cancels every timer, loses every message in flight and rejects pending requests with RequestTimeoutError. */
  close(): void {
    this.closed = true;
    for (const timer of this.timers) timer.cancel();
    this.timers.clear();
    this.held.clear();
    const error = new RequestTimeoutError('The simulated network was closed before an answer arrived');
    for (const settle of [...this.pending.values()]) settle({ ok: false, error });
  }

  private dispatch(envelope: Envelope): void {
    if (this.closed) return;
    if (envelope.from === envelope.to) this.callLocally(envelope);
    else this.transmit(envelope);
  }

  private callLocally(envelope: Envelope): void {
    this.counts.count(envelope.verb, 'sent');
    if (this.nodeState(envelope.to) === 'down' || !this.handlers.has(envelope.to)) {
      this.counts.count(envelope.verb, 'dropped');
      return;
    }
    this.counts.count(envelope.verb, 'delivered');
    this.handle(envelope);
  }

  private transmit(envelope: Envelope): void {
    if (this.closed) return;
    const { verb, from, to } = envelope;
    this.counts.count(verb, 'sent');
    const link = this.linkQueue(from, to);
    const { latencyMs, loss } = this.settings.settingsFor(from, to);
    const verdict = this.filters.verdict(verb, from, to);
    // A paused sender is frozen: it sends nothing, answers included. Chance is drawn last, and only for
    // a lossy link, so a perfect network leaves the random sequence untouched.
    if (
      this.nodeState(from) !== 'up' ||
      this.nodeState(to) === 'down' ||
      this.cut.separates(from, to) ||
      link.queuedCount >= MAX_QUEUED_MESSAGES_PER_LINK ||
      verdict === 'drop' ||
      (loss > 0 && this.random.next() < loss)
    ) {
      this.counts.count(verb, 'dropped');
      return;
    }
    link.queuedCount++;
    // A delay filter holds one message back outside the link's order; everything else keeps it.
    if (verdict > 0) this.schedule(latencyMs + verdict, () => this.arrive(envelope, link));
    else link.push(envelope, latencyMs);
  }

  private arrive(envelope: Envelope, link: LinkQueue<Envelope>): void {
    const { verb, from, to } = envelope;
    if (envelope.epoch !== this.epoch) {
      this.counts.count(verb, 'dropped');
      return;
    }
    const state = this.nodeState(to);
    if (state === 'paused' && this.handlers.has(to) && !this.cut.separates(from, to)) {
      const queue = this.held.get(to) ?? [];
      queue.push(envelope);
      this.held.set(to, queue);
      return;
    }
    link.queuedCount--;
    // Crashing or partitioning while a message is in flight loses it, like a broken connection would.
    if (state !== 'up' || !this.handlers.has(to) || this.cut.separates(from, to)) {
      this.counts.count(verb, 'dropped');
      return;
    }
    this.counts.count(verb, 'delivered');
    this.handle(envelope);
  }

  private handle(envelope: Envelope): void {
    const body = envelope.body;
    switch (body.kind) {
      case 'one-way': {
        const result = this.handlers.get(envelope.to)?.(envelope.verb, envelope.from, body.payload, body.trace);
        // Nobody waits for the answer to a one-way message: a handler that fails later must not reject unhandled.
        if (isPromiseLike(result)) result.then(undefined, () => {});
        return;
      }
      case 'request':
        this.serve(envelope, body.id, body.payload, body.trace);
        return;
      case 'response':
        // A late answer finds its request already timed out: nothing waits for it any more.
        this.pending.get(body.id)?.(body.outcome);
        return;
    }
  }

  private serve(request: Envelope, id: number, payload: unknown, trace: TraceParam): void {
    const handler = this.handlers.get(request.to);
    invariant(handler !== undefined, `node ${request.to} has no handler`);
    let result: unknown;
    try {
      result = handler(request.verb, request.from, payload, trace);
    } catch (error) {
      this.answer(request, id, { ok: false, error });
      return;
    }
    if (!isPromiseLike(result)) {
      this.answer(request, id, { ok: true, value: result });
      return;
    }
    result.then(
      (value) => this.answer(request, id, { ok: true, value }),
      (error: unknown) => this.answer(request, id, { ok: false, error }),
    );
  }

  private answer(request: Envelope, id: number, outcome: Outcome): void {
    if (request.from === request.to) {
      this.pending.get(id)?.(outcome);
      return;
    }
    this.transmit({ verb: request.verb, from: request.to, to: request.from, body: { kind: 'response', id, outcome }, epoch: request.epoch });
  }

  /** Resuming delivers what waited, each message again through arrive() in its original order. */
  private releaseHeld(nodeId: number, deliver: boolean): void {
    const queue = this.held.get(nodeId);
    if (queue === undefined) return;
    this.held.delete(nodeId);
    if (deliver) {
      this.schedule(0, () => {
        for (const envelope of queue) this.arrive(envelope, this.linkQueue(envelope.from, envelope.to));
      });
      return;
    }
    for (const envelope of queue) {
      this.linkQueue(envelope.from, envelope.to).queuedCount--;
      this.counts.count(envelope.verb, 'dropped');
    }
  }

  private linkQueue(from: number, to: number): LinkQueue<Envelope> {
    const key = `${from}>${to}`;
    let link = this.links.get(key);
    if (link === undefined) {
      const created: LinkQueue<Envelope> = new LinkQueue(
        this.clock,
        (delayMs, task) => this.schedule(delayMs, task),
        (envelope) => this.arrive(envelope, created),
      );
      this.links.set(key, created);
      link = created;
    }
    return link;
  }

  private schedule(delayMs: number, task: () => void): Cancellable {
    const timer = this.scheduler.schedule(delayMs, () => {
      this.timers.delete(timer);
      task();
    });
    this.timers.add(timer);
    return timer;
  }

  private cancel(timer: Cancellable): void {
    timer.cancel();
    this.timers.delete(timer);
  }
}
