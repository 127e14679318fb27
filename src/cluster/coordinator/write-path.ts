import { ConsistencyLevel, WriteTimeoutError, type WriteType } from '../../errors/index.js';
import type { Mutation } from '../../data/index.js';
import type { Node } from '../node/node.js';
import { AckCounter, assureSufficientLiveReplicas, blockFor } from './consistency.js';
import type { Placement } from './placement.js';

/**
 * Writes one mutation as its coordinator (Cassandra's StorageProxy.mutate): sent to every live replica,
 * answered once the consistency level is met; replicas that are down or do not answer get a hint.
 */
export function writeMutation(node: Node, placement: Placement, m: Mutation, cl: ConsistencyLevel, writeType: WriteType): Promise<void> {
  const { replicas, factors } = placement;
  const localDc = node.identity.dataCenter;
  const alive = replicas.filter((r) => node.isAlive(r.id));
  assureSufficientLiveReplicas(cl, alive, factors, localDc);
  const required = blockFor(cl, factors, localDc);
  const acks = new AckCounter(cl, required, factors, localDc);
  const timeoutMs = node.cluster.config.writeRequestTimeoutMs;
  for (const r of replicas) if (!alive.includes(r)) node.hints.add(r.id, m);
  return new Promise<void>((resolve, reject) => {
    let done = false;
    const finish = (error?: Error): void => {
      if (done) return;
      done = true;
      timer.cancel();
      if (error === undefined) resolve();
      else reject(error);
    };
    const timer = node.cluster.scheduler.schedule(timeoutMs, () => {
      finish(new WriteTimeoutError(cl, acks.received, required, writeType));
    });
    // ANY is met by a hint alone, when no replica is alive.
    if (cl === ConsistencyLevel.ANY && alive.length === 0) finish();
    for (const r of alive) {
      // The coordinator's own replica applies in place: no message, no timer.
      if (r.id === node.identity.id) {
        node.applyLocally(m);
        acks.ack(r);
        if (acks.satisfied) finish();
        continue;
      }
      node.cluster.network.request(node.identity.id, r.id, 'MUTATION', m, timeoutMs).then(
        () => {
          acks.ack(r);
          if (acks.satisfied) finish();
        },
        () => node.hints.add(r.id, m),
      );
    }
  });
}
