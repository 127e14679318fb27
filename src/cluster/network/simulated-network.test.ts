import { describe, expect, it } from 'vitest';
import {
  InvariantError, SeededRandom, SystemClock, SystemScheduler, VirtualClock, VirtualScheduler,
} from '../../common/index.js';
import { MAX_QUEUED_MESSAGES_PER_LINK, RequestTimeoutError, SimulatedNetwork } from './simulated-network.js';
import type { Verb } from './verb.js';

interface Delivery {
  readonly atMs: number;
  readonly from: number;
  readonly to: number;
  readonly verb: Verb;
  readonly payload: unknown;
}

/** A three-node network on a virtual clock; every handler logs what it gets and answers `ack <payload>`. */
function setup(seed = 42) {
  const clock = new VirtualClock();
  const scheduler = new VirtualScheduler(clock);
  const network = new SimulatedNetwork({ clock, scheduler, random: new SeededRandom(seed) });
  const startMs = clock.nowMs();
  const elapsedMs = (): number => clock.nowMs() - startMs;
  const deliveries: Delivery[] = [];
  for (const id of [1, 2, 3]) {
    network.register(id, (verb, from, payload) => {
      deliveries.push({ atMs: elapsedMs(), from, to: id, verb, payload });
      return `ack ${String(payload)}`;
    });
  }
  /** Advances 1 ms at a time, letting promise callbacks run in between so their times are exact. */
  const advance = async (ms: number): Promise<void> => {
    for (let i = 0; i < ms; i++) {
      scheduler.advance(1);
      await flushMicrotasks();
    }
  };
  return { clock, scheduler, network, deliveries, elapsedMs, advance };
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 5; i++) await Promise.resolve();
}

/** Records when and how a promise settled. */
function track<T>(promise: Promise<T>, elapsedMs: () => number) {
  const state: { atMs?: number; value?: T; error?: unknown } = {};
  promise.then(
    (value) => Object.assign(state, { atMs: elapsedMs(), value }),
    (error: unknown) => Object.assign(state, { atMs: elapsedMs(), error }),
  );
  return state;
}

describe('SimulatedNetwork delivery', () => {
  it('delivers after each link latency, in latency order', () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ from: 1, to: 2, latencyMs: 10 });
    network.set({ from: 1, to: 3, latencyMs: 5 });
    network.send(1, 2, 'MUTATION', 'a');
    network.send(1, 3, 'MUTATION', 'b');
    scheduler.advance(4);
    expect(deliveries).toEqual([]);
    scheduler.advance(20);
    expect(deliveries.map((d) => [d.atMs, d.to, d.payload])).toEqual([[5, 3, 'b'], [10, 2, 'a']]);
  });

  it('is asynchronous even with no latency, in send order', () => {
    const { network, scheduler, deliveries } = setup();
    network.send(1, 2, 'READ', 'x');
    network.send(1, 3, 'READ', 'y');
    network.send(3, 2, 'READ', 'z');
    expect(deliveries).toEqual([]);
    scheduler.advance(0);
    expect(deliveries.map((d) => d.payload)).toEqual(['x', 'y', 'z']);
  });

  it('keeps order on a link when its latency is lowered while messages are in flight', () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ latencyMs: 100 });
    network.send(1, 2, 'MUTATION', 'first');
    network.set({ latencyMs: 1 });
    network.send(1, 2, 'MUTATION', 'second');
    network.send(1, 3, 'MUTATION', 'other link');
    scheduler.advance(200);
    expect(deliveries.map((d) => [d.atMs, d.payload])).toEqual([[1, 'other link'], [100, 'first'], [100, 'second']]);
  });

  it('calls a node itself synchronously, without latency, losing it only when the node is down', async () => {
    const { network, deliveries } = setup();
    network.set({ latencyMs: 50, loss: 1 });
    network.partition([1], [2]);
    network.send(1, 1, 'MUTATION', 'local');
    expect(deliveries).toEqual([expect.objectContaining({ atMs: 0, from: 1, to: 1, payload: 'local' })]);
    await expect(network.request(1, 1, 'READ', 'q', 10)).resolves.toBe('ack q');
    network.setNodeState(1, 'down');
    network.send(1, 1, 'MUTATION', 'lost');
    expect(deliveries).toHaveLength(2);
  });

  it('lets a one-way message\'s handler fail asynchronously without an unhandled rejection: nobody waits for its answer', async () => {
    const { network, scheduler } = setup();
    let failed = 0;
    network.unregister(2);
    network.register(2, () => Promise.reject(new Error(`sync failed ${++failed}`)));
    network.send(1, 2, 'PAXOS_COMMIT', 'commit');
    scheduler.advance(10);
    await flushMicrotasks();
    // Vitest fails the run on an unhandled rejection; the handler did run.
    expect(failed).toBe(1);
  });

  it('answers a request over both links, with the handler result', async () => {
    const { network, elapsedMs, advance } = setup();
    network.set({ from: 1, to: 2, latencyMs: 3 });
    network.set({ from: 2, to: 1, latencyMs: 7 });
    const answer = track(network.request<string>(1, 2, 'READ', 'k', 1000), elapsedMs);
    await advance(20);
    expect(answer).toEqual({ atMs: 10, value: 'ack k' });
  });

  it('awaits an asynchronous handler and carries its result back', async () => {
    const { network, elapsedMs, advance, scheduler } = setup();
    network.unregister(2);
    network.register(2, () => new Promise((resolve) => scheduler.schedule(5, () => resolve('late but fine'))));
    network.set({ latencyMs: 2 });
    const answer = track(network.request(1, 2, 'READ', null, 100), elapsedMs);
    await advance(20);
    expect(answer).toEqual({ atMs: 9, value: 'late but fine' });
  });

  it('rejects with the error a handler throws, after the return latency', async () => {
    const { network, elapsedMs, advance } = setup();
    const failure = new Error('disk on fire');
    network.unregister(3);
    network.register(3, () => {
      throw failure;
    });
    network.set({ latencyMs: 4 });
    const answer = track(network.request(1, 3, 'MUTATION', 'm', 100), elapsedMs);
    await advance(20);
    expect(answer).toEqual({ atMs: 8, error: failure });
  });

  it('lets a one-way handler error escape without stalling the link', () => {
    const { network, scheduler, deliveries } = setup();
    network.unregister(2);
    network.register(2, (_verb, _from, payload) => {
      if (payload === 'bad') throw new Error('handler bug');
      deliveries.push({ atMs: 0, from: 1, to: 2, verb: 'GOSSIP', payload });
    });
    network.send(1, 2, 'GOSSIP', 'bad');
    network.send(1, 2, 'GOSSIP', 'good');
    expect(() => scheduler.advance(0)).toThrow('handler bug');
    scheduler.advance(0);
    expect(deliveries.map((d) => d.payload)).toEqual(['good']);
  });

  it('refuses registering a node twice', () => {
    const { network } = setup();
    expect(() => network.register(1, () => undefined)).toThrow(InvariantError);
  });
});

describe('SimulatedNetwork faults', () => {
  it('loses about the configured share of messages, identically for a seed', () => {
    const run = (seed: number): number[] => {
      const { network, scheduler, deliveries } = setup(seed);
      network.set({ from: 1, to: 2, loss: 0.1 });
      for (let i = 0; i < 10_000; i++) network.send(1, 2, 'MUTATION', i);
      scheduler.advance(1);
      return deliveries.map((d) => d.payload as number);
    };
    const first = run(7);
    expect(first.length).toBeGreaterThan(8_900);
    expect(first.length).toBeLessThan(9_100);
    expect(run(7)).toEqual(first);
    expect(run(8)).not.toEqual(first);
  });

  it('counts sent, delivered and dropped messages per verb, responses included', async () => {
    const { network, advance } = setup(3);
    network.set({ from: 1, to: 2, loss: 0.5 });
    for (let i = 0; i < 100; i++) network.send(1, 2, 'HINT', i);
    const answered = network.request(1, 3, 'READ', 'r', 10);
    await advance(1);
    await answered;
    const stats = network.stats();
    const hints = stats.get('HINT')!;
    expect(hints.sent).toBe(100);
    expect(hints.delivered + hints.dropped).toBe(100);
    expect(hints.dropped).toBeGreaterThan(30);
    expect(stats.get('READ')).toEqual({ sent: 2, delivered: 2, dropped: 0 });
    expect(stats.get('PAXOS_COMMIT')).toEqual({ sent: 0, delivered: 0, dropped: 0 });
  });

  it('cuts partitions both ways and heals them', () => {
    const { network, scheduler, deliveries } = setup();
    network.partition([1, 2], [3]);
    expect([network.canReach(1, 2), network.canReach(1, 3), network.canReach(3, 2)]).toEqual([true, false, false]);
    network.send(1, 3, 'MUTATION', 'cut');
    network.send(3, 1, 'MUTATION', 'cut back');
    network.send(1, 2, 'MUTATION', 'same side');
    scheduler.advance(1);
    expect(deliveries.map((d) => d.payload)).toEqual(['same side']);
    network.heal();
    expect(network.canReach(1, 3)).toBe(true);
    network.send(1, 3, 'MUTATION', 'healed');
    scheduler.advance(1);
    expect(deliveries.map((d) => d.payload)).toEqual(['same side', 'healed']);
  });

  it('puts the nodes listed in no group together on one more side', () => {
    const { network } = setup();
    network.partition([3]);
    expect([network.canReach(1, 2), network.canReach(1, 3), network.canReach(2, 3)]).toEqual([true, false, false]);
    expect(() => network.partition([1, 2], [2])).toThrow(InvariantError);
  });

  it('loses a message in flight when a partition starts before it arrives', () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ latencyMs: 10 });
    network.send(1, 2, 'MUTATION', 'in flight');
    scheduler.advance(5);
    network.partition([1], [2, 3]);
    scheduler.advance(10);
    expect(deliveries).toEqual([]);
    expect(network.stats().get('MUTATION')).toEqual({ sent: 1, delivered: 0, dropped: 1 });
  });

  it('times out a request across a partition at exactly its timeout', async () => {
    const { network, elapsedMs, advance } = setup();
    network.partition([1], [2]);
    const answer = track(network.request(1, 2, 'READ', 'k', 50), elapsedMs);
    await advance(49);
    expect(answer).toEqual({});
    await advance(1);
    expect(answer.atMs).toBe(50);
    expect(answer.error).toBeInstanceOf(RequestTimeoutError);
    expect((answer.error as Error).message).toBe('READ request from node 1 to node 2 got no answer within 50 ms');
  });

  it('times out a request when the handler is slower than the timeout', async () => {
    const { network, elapsedMs, advance, scheduler } = setup();
    network.unregister(2);
    network.register(2, () => new Promise((resolve) => scheduler.schedule(100, () => resolve('too late'))));
    const answer = track(network.request(1, 2, 'READ', null, 30), elapsedMs);
    await advance(150);
    expect(answer.atMs).toBe(30);
    expect(answer.error).toBeInstanceOf(RequestTimeoutError);
    expect(network.stats().get('READ')).toEqual({ sent: 2, delivered: 2, dropped: 0 });
  });

  it('loses everything to and from a down node', async () => {
    const { network, elapsedMs, advance, deliveries } = setup();
    network.setNodeState(2, 'down');
    expect(network.nodeState(2)).toBe('down');
    expect(network.canReach(1, 2)).toBe(false);
    const answer = track(network.request(1, 2, 'MUTATION', 'w', 20), elapsedMs);
    network.send(2, 3, 'GOSSIP', 'from the dead');
    await advance(30);
    expect(answer.error).toBeInstanceOf(RequestTimeoutError);
    expect(deliveries).toEqual([]);
    network.setNodeState(2, 'up');
    await advance(30);
    expect(deliveries).toEqual([]);
  });

  it('holds messages for a paused node and delivers them on resume, after the caller timed out', async () => {
    const { network, elapsedMs, advance, deliveries } = setup();
    network.set({ latencyMs: 2 });
    network.setNodeState(2, 'paused');
    expect(network.canReach(1, 2)).toBe(false);
    const answer = track(network.request(1, 2, 'READ', 'q', 100), elapsedMs);
    network.send(3, 2, 'GOSSIP', 'queued');
    network.send(2, 3, 'GOSSIP', 'a frozen node sends nothing');
    await advance(150);
    expect(answer.error).toBeInstanceOf(RequestTimeoutError);
    expect(answer.atMs).toBe(100);
    expect(deliveries).toEqual([]);
    network.setNodeState(2, 'up');
    await advance(10);
    // Handled in arrival order once resumed; the answer to the READ comes back 2 ms later, to nobody.
    expect(deliveries.map((d) => [d.atMs, d.from, d.payload])).toEqual([[150, 1, 'q'], [150, 3, 'queued']]);
    expect(network.stats().get('READ')).toEqual({ sent: 2, delivered: 2, dropped: 0 });
    expect(network.stats().get('GOSSIP')).toEqual({ sent: 2, delivered: 1, dropped: 1 });
  });

  it('loses what a paused node holds when it goes down', () => {
    const { network, scheduler, deliveries } = setup();
    network.setNodeState(2, 'paused');
    network.send(1, 2, 'MUTATION', 'held');
    scheduler.advance(1);
    network.setNodeState(2, 'down');
    network.setNodeState(2, 'up');
    scheduler.advance(1);
    expect(deliveries).toEqual([]);
    expect(network.stats().get('MUTATION')).toEqual({ sent: 1, delivered: 0, dropped: 1 });
  });

  it('bounds the messages queued on a link', () => {
    const { network, scheduler, deliveries } = setup();
    network.setNodeState(2, 'paused');
    for (let i = 0; i < MAX_QUEUED_MESSAGES_PER_LINK + 5; i++) network.send(1, 2, 'MUTATION', i);
    network.send(3, 2, 'MUTATION', 'another link');
    scheduler.advance(1);
    expect(network.stats().get('MUTATION')!.dropped).toBe(5);
    network.setNodeState(2, 'up');
    scheduler.advance(1);
    expect(deliveries).toHaveLength(MAX_QUEUED_MESSAGES_PER_LINK + 1);
    network.send(1, 2, 'MUTATION', 'room again');
    scheduler.advance(1);
    expect(deliveries.at(-1)?.payload).toBe('room again');
  });
});

describe('SimulatedNetwork filters and settings', () => {
  it('drops messages of a verb to a node until the filter is removed', () => {
    const { network, scheduler, deliveries } = setup();
    const remove = network.addFilter({ verb: 'MUTATION', to: 2, action: 'drop' });
    network.send(1, 2, 'MUTATION', 'dropped');
    network.send(1, 2, 'READ', 'other verb');
    network.send(1, 3, 'MUTATION', 'other node');
    scheduler.advance(1);
    expect(deliveries.map((d) => d.payload)).toEqual(['other verb', 'other node']);
    remove();
    remove();
    network.send(1, 2, 'MUTATION', 'through');
    scheduler.advance(1);
    expect(deliveries.at(-1)?.payload).toBe('through');
  });

  it('drops the answer only, when the filter names the way back', async () => {
    const { network, elapsedMs, advance, deliveries } = setup();
    network.addFilter({ verb: 'MUTATION', from: 2, to: 1, action: 'drop' });
    const answer = track(network.request(1, 2, 'MUTATION', 'applied, ack lost', 20), elapsedMs);
    await advance(30);
    expect(deliveries.map((d) => d.payload)).toEqual(['applied, ack lost']);
    expect(answer.error).toBeInstanceOf(RequestTimeoutError);
  });

  it('delays matching messages on top of the latency, adding up delays', () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ latencyMs: 1 });
    network.addFilter({ verb: 'READ', from: 1, action: { delayMs: 10 } });
    network.addFilter({ to: 3, action: { delayMs: 5 } });
    network.send(1, 3, 'READ', 'both');
    network.send(1, 2, 'READ', 'one');
    network.send(1, 2, 'MUTATION', 'none');
    scheduler.advance(30);
    expect(deliveries.map((d) => [d.atMs, d.payload])).toEqual([[1, 'none'], [11, 'one'], [16, 'both']]);
  });

  it('lets later settings override earlier ones only for the links and fields they name', () => {
    const { network } = setup();
    network.set({ latencyMs: 5, loss: 0.1 });
    network.set({ from: 1, loss: 0.5 });
    network.set({ from: 1, to: 2, latencyMs: 20 });
    network.set({ to: 2, latencyMs: 7 });
    expect(network.linkSettings(1, 2)).toEqual({ latencyMs: 7, loss: 0.5 });
    expect(network.linkSettings(1, 3)).toEqual({ latencyMs: 5, loss: 0.5 });
    expect(network.linkSettings(3, 1)).toEqual({ latencyMs: 5, loss: 0.1 });
    expect(() => network.set({ loss: 2 })).toThrow(InvariantError);
  });

  it('resets to a perfect network, delivering what paused nodes held', () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ latencyMs: 50, loss: 1 });
    network.partition([1], [2]);
    network.addFilter({ action: 'drop' });
    network.setNodeState(3, 'down');
    network.reset();
    expect(network.linkSettings(1, 2)).toEqual({ latencyMs: 0, loss: 0 });
    expect([network.canReach(1, 2), network.canReach(1, 3)]).toEqual([true, true]);
    network.setNodeState(2, 'paused');
    network.send(1, 2, 'MUTATION', 'held');
    network.send(1, 3, 'MUTATION', 'free');
    scheduler.advance(1);
    network.reset();
    scheduler.advance(1);
    expect(deliveries.map((d) => d.payload)).toEqual(['free', 'held']);
  });

  it('puts back the partition, link settings and filters of an earlier faults(), filters still removable', () => {
    const { network, scheduler, deliveries } = setup();
    network.partition([1], [2, 3]);
    network.set({ from: 2, to: 3, latencyMs: 7 });
    const removeFilter = network.addFilter({ verb: 'READ', action: 'drop' });
    const faults = network.faults();
    network.heal();
    network.set({ latencyMs: 1, loss: 0.5 });
    removeFilter();
    network.addFilter({ action: 'drop' });
    network.restoreFaults(faults);
    expect(network.canReach(1, 2)).toBe(false);
    expect([network.linkSettings(2, 3), network.linkSettings(3, 2)]).toEqual([{ latencyMs: 7, loss: 0 }, { latencyMs: 0, loss: 0 }]);
    network.send(2, 3, 'READ', 'filtered');
    network.send(3, 2, 'MUTATION', 'passes');
    scheduler.advance(10);
    removeFilter();
    network.send(2, 3, 'READ', 'after removal');
    scheduler.advance(10);
    expect(deliveries.map((d) => d.payload)).toEqual(['passes', 'after removal']);
  });
});

describe('SimulatedNetwork.discardInFlight', () => {
  it('loses what is on the links, delayed by filters or held for a paused node; later messages go through at once', () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ from: 1, to: 2, latencyMs: 100 });
    network.send(1, 2, 'MUTATION', 'slow');
    network.addFilter({ verb: 'HINT', action: { delayMs: 50 } });
    network.send(1, 3, 'HINT', 'delayed');
    network.setNodeState(3, 'paused');
    network.send(2, 3, 'MUTATION', 'held');
    scheduler.advance(1);
    network.discardInFlight();
    network.reset();
    network.send(1, 2, 'MUTATION', 'new');
    scheduler.advance(200);
    expect(deliveries.map((d) => d.payload)).toEqual(['new']);
    expect(network.stats().get('MUTATION')).toEqual({ sent: 3, delivered: 1, dropped: 2 });
  });

  it('loses the answer to a request sent before it: the request times out', async () => {
    const { network, elapsedMs, advance } = setup();
    network.set({ from: 2, to: 1, latencyMs: 5 });
    const answer = track(network.request(1, 2, 'READ', 'q', 50), elapsedMs);
    await advance(1);
    network.discardInFlight();
    await advance(100);
    expect(answer.error).toBeInstanceOf(RequestTimeoutError);
    expect(answer.atMs).toBe(50);
  });
});

describe('SimulatedNetwork.close', () => {
  it('rejects pending requests, cancels deliveries and refuses new requests', async () => {
    const { network, scheduler, deliveries } = setup();
    network.set({ latencyMs: 10 });
    const pending = network.request(1, 2, 'READ', 'q', 1000);
    network.send(1, 3, 'MUTATION', 'never');
    network.close();
    await expect(pending).rejects.toBeInstanceOf(RequestTimeoutError);
    scheduler.advance(2000);
    expect(deliveries).toEqual([]);
    await expect(network.request(1, 2, 'READ', 'q', 10)).rejects.toBeInstanceOf(RequestTimeoutError);
    network.send(1, 2, 'MUTATION', 'ignored');
    scheduler.advance(10);
    expect(deliveries).toEqual([]);
  });
});

describe('SimulatedNetwork in real time', () => {
  it('runs on the system clock and scheduler', async () => {
    const network = new SimulatedNetwork({ clock: new SystemClock(), scheduler: new SystemScheduler(), random: new SeededRandom(1) });
    network.register(1, () => 'unused');
    network.register(2, (_verb, _from, payload) => `pong ${String(payload)}`);
    network.set({ latencyMs: 5 });
    const startedMs = performance.now();
    await expect(network.request(1, 2, 'READ', 'ping', 1000)).resolves.toBe('pong ping');
    expect(performance.now() - startedMs).toBeGreaterThanOrEqual(8);
    network.setNodeState(2, 'down');
    await expect(network.request(1, 2, 'READ', 'ping', 20)).rejects.toBeInstanceOf(RequestTimeoutError);
    const abandoned = network.request(1, 2, 'READ', 'ping', 60_000);
    network.close();
    await expect(abandoned).rejects.toBeInstanceOf(RequestTimeoutError);
  });
});
