import { describe, expect, it } from 'vitest';
import {
  InvariantError, SeededRandom, SystemClock, SystemScheduler, VirtualClock, VirtualScheduler,
} from '../../common/index.js';
import { SimulatedNetwork } from '../network/index.js';
import { Gossiper } from './gossiper.js';

/** "<ms since start> <observer> sees <endpoint> UP|DOWN" */
type StatusEvent = string;

interface Options {
  readonly seed?: number;
  readonly nodeIds?: readonly number[];
  readonly intervalMs?: number;
  readonly phiConvictThreshold?: number;
  readonly latencyMs?: number;
}

/** Nodes gossiping over a simulated network on a virtual clock, every status change logged. */
function gossipCluster(options: Options = {}) {
  const clock = new VirtualClock();
  const scheduler = new VirtualScheduler(clock);
  const network = new SimulatedNetwork({ clock, scheduler, random: new SeededRandom(options.seed ?? 1) });
  network.set({ latencyMs: options.latencyMs ?? 1 });
  const nodeIds = [...(options.nodeIds ?? [1, 2, 3])];
  const startMs = clock.nowMs();
  const events: StatusEvent[] = [];
  const gossipers = new Map<number, Gossiper>();
  const add = (id: number): Gossiper => {
    if (!nodeIds.includes(id)) nodeIds.push(id);
    const gossiper = new Gossiper({
      nodeId: id,
      peers: () => nodeIds,
      network,
      clock,
      scheduler,
      intervalMs: options.intervalMs,
      phiConvictThreshold: options.phiConvictThreshold,
    });
    gossiper.onStatusChange((endpoint, alive) =>
      events.push(`${clock.nowMs() - startMs} ${id} sees ${endpoint} ${alive ? 'UP' : 'DOWN'}`),
    );
    network.register(id, (verb, from, payload) => {
      if (verb === 'GOSSIP') gossiper.receive(from, payload);
    });
    gossipers.set(id, gossiper);
    gossiper.start();
    return gossiper;
  };
  for (const id of nodeIds) add(id);
  const at = (elapsedMs: number): void => scheduler.advance(startMs + elapsedMs - clock.nowMs());
  const node = (id: number): Gossiper => gossipers.get(id)!;
  return { network, events, at, node, add };
}

describe('Gossiper', () => {
  it('keeps a healthy cluster up without events', () => {
    const { events, at, node } = gossipCluster();
    at(120_000);
    expect(events).toEqual([]);
    expect([node(1).isAlive(2), node(2).isAlive(3), node(3).isAlive(1), node(1).isAlive(1)]).toEqual([true, true, true, true]);
    expect(node(1).isAlive(99)).toBe(false);
  });

  it('marks a partitioned node down on both sides after 19 s, and up again within a round of healing', () => {
    const { network, events, at, node } = gossipCluster();
    at(30_000);
    network.partition([3]);
    at(60_000);
    // Last heartbeats across the cut arrived at 29 001 ms; with a mean interval of 1033 ms the silence
    // allowed is 8·ln(10)·1033 ≈ 19.0 s, and the round at 49 000 ms is the first to exceed it.
    expect(events).toEqual([
      '49000 1 sees 3 DOWN',
      '49000 2 sees 3 DOWN',
      '49000 3 sees 1 DOWN',
      '49000 3 sees 2 DOWN',
    ]);
    expect(node(1).isAlive(2)).toBe(true);
    network.heal();
    at(70_000);
    // Round at 61 000: heartbeat arrives at +1 ms, the echo at +2 ms, its reply at +3 ms.
    expect(events.slice(4)).toEqual([
      '61003 3 sees 1 UP',
      '61003 1 sees 3 UP',
      '61003 3 sees 2 UP',
      '61003 2 sees 3 UP',
    ]);
  });

  it('detects faster with a shorter interval: 1.9 s at 100 ms rounds', () => {
    const { network, events, at } = gossipCluster({ intervalMs: 100 });
    at(3_000);
    network.partition([1], [2, 3]);
    at(6_000);
    expect(events).toEqual(['4900 1 sees 2 DOWN', '4900 1 sees 3 DOWN', '4900 2 sees 1 DOWN', '4900 3 sees 1 DOWN']);
  });

  it('reproduces a lossy run exactly for a seed', () => {
    const run = (seed: number) => {
      const { network, events, at } = gossipCluster({ seed, intervalMs: 100, phiConvictThreshold: 3 });
      network.set({ loss: 0.3 });
      at(20_000);
      network.partition([2]);
      at(25_000);
      network.heal();
      at(40_000);
      return { events, stats: network.stats().get('GOSSIP') };
    };
    const first = run(5);
    expect(first.events.length).toBeGreaterThan(4);
    expect(run(5)).toEqual(first);
    expect(run(6)).not.toEqual(first);
  });

  it('marks a convicted node up only once it answers an echo', () => {
    const { network, events, at, node } = gossipCluster();
    at(10_000);
    const removeInbound = network.addFilter({ verb: 'GOSSIP', from: 1, to: 3, action: 'drop' });
    at(40_000);
    expect(events).toEqual(['31000 3 sees 1 DOWN']);
    expect(node(1).isAlive(3)).toBe(true);
    // Heartbeats from 1 reach 3 again, but 3's echoes to 1 are lost: 1 stays down in 3's eyes (and 1,
    // no longer hearing 3's heartbeats either, convicts 3).
    const removeOutbound = network.addFilter({ verb: 'GOSSIP', from: 3, to: 1, action: 'drop' });
    removeInbound();
    at(70_000);
    expect(events).toEqual(['31000 3 sees 1 DOWN', '59000 1 sees 3 DOWN']);
    removeOutbound();
    at(72_000);
    // 1's heartbeat of the 70 000 ms round was in flight: 3's echo leaves at 70 001 ms and now gets through.
    expect(events.slice(2)).toEqual(['70003 3 sees 1 UP', '71003 1 sees 3 UP']);
  });

  it('sees a restarted node come back with a new generation', () => {
    const { network, events, at, node } = gossipCluster();
    at(10_000);
    network.setNodeState(2, 'down');
    node(2).stop();
    at(40_000);
    network.setNodeState(2, 'up');
    node(2).start();
    at(45_000);
    // The heartbeat sent at 10 000 ms was already on the wire; node 2's first round after restarting is at
    // 41 000 ms, and as it was down the others wait for its echo reply (+3 ms) to mark it up.
    expect(events).toEqual(['31000 1 sees 2 DOWN', '31000 3 sees 2 DOWN', '41003 1 sees 2 UP', '41003 3 sees 2 UP']);
  });

  it('convicts nobody itself after being frozen, while the others convict it', () => {
    const { network, events, at } = gossipCluster();
    at(10_000);
    network.setNodeState(3, 'paused');
    at(40_000);
    network.setNodeState(3, 'up');
    at(60_000);
    // Node 3 ran no round while frozen; the first one after resuming sees a 30 s gap, a local pause,
    // and judges nobody for 5 s, by which time the held and fresh heartbeats have arrived.
    expect(events.filter((e) => e.includes(' 3 sees'))).toEqual([]);
    expect(events).toEqual(['31000 1 sees 3 DOWN', '31000 2 sees 3 DOWN', '41003 1 sees 3 UP', '41003 2 sees 3 UP']);
  });

  it('resumes a frozen node with the state it had: same generation, and its peers not taken for dead', () => {
    const { network, events, at, node } = gossipCluster();
    at(10_000);
    const generation = node(3).generation;
    // As a node frozen by pause(): no rounds, while the heartbeats sent to it wait in the network.
    node(3).stop();
    network.setNodeState(3, 'paused');
    at(70_000);
    network.setNodeState(3, 'up');
    node(3).resume();
    // Some sixty held heartbeats of each peer arrive at one instant: one sign of life, not sixty
    // intervals of zero, which would make a later silence of a few seconds look like a failure.
    at(75_000);
    network.partition([1], [2, 3]);
    at(81_000);
    network.heal();
    at(120_000);
    expect(events.filter((e) => e.includes(' 3 sees'))).toEqual([]);
    expect(events).toEqual(['31000 1 sees 3 DOWN', '31000 2 sees 3 DOWN', '71003 1 sees 3 UP', '71003 2 sees 3 UP']);
    expect(node(3).generation).toBe(generation);
    expect([node(3).isAlive(1), node(3).isAlive(2)]).toEqual([true, true]);
  });

  it('takes a new generation on every start after a stop', () => {
    const { at, node } = gossipCluster();
    at(5_000);
    const generation = node(2).generation;
    node(2).stop();
    at(8_000);
    node(2).start();
    expect(node(2).generation).toBe(generation + 8);
    node(2).stop();
    node(2).start();
    expect(node(2).generation).toBe(generation + 9);
  });

  it('takes a peer that appears later as down until it is heard from', () => {
    const { events, at, node, add } = gossipCluster({ nodeIds: [1, 2] });
    at(5_000);
    add(3);
    expect(node(1).isAlive(3)).toBe(false);
    at(7_000);
    // Node 3's first round is at 6 000 ms; its echo reply arrives 3 ms later.
    expect(events).toEqual(['6003 1 sees 3 UP', '6003 2 sees 3 UP']);
    expect(node(3).isAlive(1)).toBe(true);
  });

  it('stops notifying a listener once it unsubscribes, and ignores gossip while stopped', () => {
    const { network, at, node } = gossipCluster();
    const seen: number[] = [];
    const unsubscribe = node(1).onStatusChange((endpoint) => seen.push(endpoint));
    unsubscribe();
    network.partition([1]);
    at(40_000);
    expect(seen).toEqual([]);
    node(1).stop();
    node(1).receive(2, { kind: 'echo-reply' });
    expect(node(1).isAlive(2)).toBe(false);
  });

  it('restarts gossip taking every peer as alive again', () => {
    const { network, events, at, node } = gossipCluster();
    at(10_000);
    network.partition([1]);
    at(40_000);
    node(1).stop();
    network.heal();
    node(1).start();
    expect(events.filter((e) => e.startsWith('40000 1'))).toEqual(['40000 1 sees 2 UP', '40000 1 sees 3 UP']);
  });

  it('starts taking a peer that is down then as down, and sees it up once it starts', () => {
    const { network, events, at, node } = gossipCluster();
    at(10_000);
    network.setNodeState(2, 'down');
    node(2).stop();
    node(1).stop();
    node(1).start();
    expect(node(1).isAlive(2)).toBe(false);
    expect(node(1).isAlive(3)).toBe(true);
    expect(events).toEqual(['10000 1 sees 2 DOWN']);
    at(20_000);
    network.setNodeState(2, 'up');
    node(2).start();
    at(25_000);
    expect(node(1).isAlive(2)).toBe(true);
    expect(events.filter((e) => e.includes('1 sees 2'))).toEqual(['10000 1 sees 2 DOWN', '21003 1 sees 2 UP']);
  });

  it('refuses a GOSSIP payload of unknown shape', () => {
    const { node } = gossipCluster();
    expect(() => node(1).receive(2, { kind: 'heartbeat', generation: 'x' })).toThrow(InvariantError);
  });
});

describe('Gossiper in real time', () => {
  it('detects a partition and its healing on the system clock and scheduler', async () => {
    const clock = new SystemClock();
    const scheduler = new SystemScheduler();
    const network = new SimulatedNetwork({ clock, scheduler, random: new SeededRandom(1) });
    const ids = [1, 2, 3];
    const gossipers = ids.map(
      (id) => new Gossiper({ nodeId: id, peers: () => ids, network, clock, scheduler, intervalMs: 20 }),
    );
    gossipers.forEach((gossiper, i) => network.register(ids[i]!, (_verb, from, payload) => gossiper.receive(from, payload)));
    gossipers.forEach((gossiper) => gossiper.start());
    const [first] = gossipers;
    const waitFor = async (condition: () => boolean): Promise<void> => {
      for (let i = 0; i < 500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
      expect(condition()).toBe(true);
    };
    await new Promise((resolve) => setTimeout(resolve, 200));
    network.partition([3]);
    await waitFor(() => !first!.isAlive(3));
    network.heal();
    await waitFor(() => first!.isAlive(3));
    gossipers.forEach((gossiper) => gossiper.stop());
    network.close();
  });
});
