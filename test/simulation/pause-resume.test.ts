/**
 * A node frozen and thawed (SIGSTOP, SIGCONT) is not a restarted one, seen through the Node.js driver on
 * a seeded virtual-clock cluster: it keeps its gossip state (generation, heartbeats learnt) and, having
 * noticed its own pause, convicts nobody for a while, so its clients hear of no peer going down; the
 * peers that convicted it see it come back UP. A restart takes a new gossip generation.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { closeAll, harness, settle, SEED, type Harness } from './driver-harness.js';

afterEach(closeAll);

async function elapse(h: Harness, ms: number, stepMs = 250): Promise<void> {
  for (let t = 0; t < ms; t += stepMs) {
    h.cluster.advanceTime(stepMs);
    await settle(2);
  }
  await settle();
}

async function gossipGeneration(h: Harness, id: number): Promise<number> {
  const rs = await h.client.execute('SELECT gossip_generation FROM system.local', [], { host: h.host(id) });
  return rs.first()['gossip_generation'] as number;
}

describe(`pause and resume (seed ${SEED})`, () => {
  for (const pauseMs of [8_000, 60_000]) {
    it(`tells no client of node 1 that a peer went down after a ${pauseMs / 1000} s pause`, async () => {
      const h = await harness({ nodes: 3 });
      const downs: string[] = [];
      h.client.on('log', (_level: string, _className: string, message: string) => {
        if (message.startsWith('Received status change to DOWN')) downs.push(message);
      });
      const peerEvents: string[] = [];
      for (const id of [1, 2, 3]) {
        h.internal.node(id).onPeerStatusChange((peer, alive) => peerEvents.push(`${id} sees ${peer.identity.id} ${alive ? 'UP' : 'DOWN'}`));
      }
      await elapse(h, 10_000);
      const generation = await gossipGeneration(h, 1);
      await h.cluster.node(1).pause();
      await elapse(h, pauseMs);
      await h.cluster.node(1).resume();
      await elapse(h, 30_000);
      expect(downs).toEqual([]);
      expect(peerEvents.filter((e) => e.startsWith('1 sees'))).toEqual([]);
      // The peers convicted it only after a long pause, and saw it come back.
      const convicted = pauseMs > 20_000;
      expect(peerEvents.filter((e) => !e.startsWith('1 sees')).sort()).toEqual(
        convicted ? ['2 sees 1 DOWN', '2 sees 1 UP', '3 sees 1 DOWN', '3 sees 1 UP'] : [],
      );
      expect(await gossipGeneration(h, 1)).toBe(generation);
      for (const id of [2, 3]) expect(h.cluster.node(1).isAlive(id)).toBe(true);
    });
  }

  it('a restart takes a new gossip generation', async () => {
    const h = await harness({ nodes: 3 });
    await elapse(h, 5_000);
    const before = await gossipGeneration(h, 1);
    await h.cluster.node(2).stop();
    await elapse(h, 5_000);
    await h.cluster.node(2).start();
    expect(h.internal.node(2).gossiper.generation).toBeGreaterThan(before);
    expect(h.internal.node(1).gossiper.generation).toBe(before);
  });
});
