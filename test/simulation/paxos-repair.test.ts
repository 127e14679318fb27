/**
 * A lightweight transaction whose coordinator failed between propose and commit, completed by the next
 * Paxos round on the partition (three nodes, RF 3, virtual clock, Node.js driver). Cassandra proposes the
 * unfinished update again under the new ballot, re-stamped with that ballot's time (Commit.newProposal in
 * beginAndRepairPaxos), so a plain write made in between does not shadow it. Every test name carries
 * the seed (CASSANOVA_SEED) that reproduces it.
 */
import { afterEach, describe, expect, it } from 'vitest';
import {
  advanceUntil, closeAll, consistencies, harness, threeNodes, rejection, SEED, whileAdvancing, type Harness,
} from './driver-harness.js';

afterEach(closeAll);

// Client timestamps from the cluster's clock, which ballots come from too.
const casTable = (): Promise<Harness> => threeNodes(['CREATE TABLE ks.c (k int PRIMARY KEY, v text)'], { clusterTimestamps: true });

describe(`completing an unfinished Paxos proposal (seed ${SEED})`, () => {
  it('re-stamps it with the new ballot, so that it wins over a plain write made after it was proposed', async () => {
    const h = await casTable();
    // Node 1's proposal is accepted by every replica, but its commit reaches none of the others.
    const commitsLost = h.cluster.network.addFilter({ verb: 'PAXOS_COMMIT', from: 1, action: 'drop' });
    const timedOut = await rejection(whileAdvancing(h, h.client.execute("INSERT INTO ks.c (k, v) VALUES (0, 'lwt') IF NOT EXISTS", [], {
      consistency: consistencies.quorum, host: h.host(1),
    }), 100));
    expect(timedOut).toMatchObject({ code: 0x1100, consistencies: consistencies.quorum, received: 1, blockFor: 2 });
    commitsLost();
    await h.cluster.node(1).kill();
    await advanceUntil(h, () => !h.cluster.node(2).isAlive(1) && !h.cluster.node(3).isAlive(1), 1_000, 60);

    await h.client.execute("UPDATE ks.c SET v = 'plain' WHERE k = 0", [], { consistency: consistencies.quorum, host: h.host(2) });
    expect((await h.client.execute('SELECT v FROM ks.c WHERE k = 0', [], { consistency: consistencies.quorum, host: h.host(3) })).first()['v'])
      .toBe('plain');
    h.cluster.advanceTime(10);

    // The serial read finds the accepted proposal on nodes 2 and 3 and completes it first.
    const serial = await h.client.execute('SELECT v FROM ks.c WHERE k = 0', [], { consistency: consistencies.serial, host: h.host(3) });
    expect(serial.first()['v']).toBe('lwt');
    for (const host of [2, 3]) {
      const one = await h.client.execute('SELECT v FROM ks.c WHERE k = 0', [], { consistency: consistencies.one, host: h.host(host) });
      expect(one.first()['v']).toBe('lwt');
    }
    const next = await h.client.execute("UPDATE ks.c SET v = 'next' WHERE k = 0 IF v = 'lwt'", [], { consistency: consistencies.quorum, host: h.host(2) });
    expect(next.wasApplied()).toBe(true);
  });
});
