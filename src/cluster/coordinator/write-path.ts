import { contactedReplicas, INTERNAL_REQUEST, type RequestContext, type TraceState } from '../../common/index.js';
import { ConsistencyLevel, type WriteType } from '../../errors/index.js';
import type { Mutation } from '../../data/index.js';
import { applyMutation } from '../node/replica-operations.js';
import { onStage, tracedRequest } from '../tracing/traced-request.js';
import { AckCounter, assureSufficientLiveReplicas, blockFor } from './consistency.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { CoordinatorNode } from './coordinator-node.js';
import type { Placement } from './placement.js';

/**
 * Writes one mutation as its coordinator (Cassandra's StorageProxy.mutate): sent to every live replica,
 * answered once the consistency level is met; replicas that are down or do not answer get a hint. As in
 * StorageProxy.sendToHintedReplicas, the coordinator's own replica applies first, then the others are sent.
 * The live replicas are those the client request (`contacts`) contacted.
 */
export function writeMutation(
  node: CoordinatorNode, placement: Placement, m: Mutation, cl: ConsistencyLevel, writeType: WriteType, trace: TraceState | null = null,
  contacts: RequestContext = INTERNAL_REQUEST,
): Promise<void> {
  const { replicas, factors } = placement;
  const localDc = node.identity.dataCenter;
  const alive = replicas.filter((r) => node.isAlive(r.id));
  contactedReplicas(contacts, alive);
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
      finish(acks.timeout(writeType));
    });
    // ANY is met by a hint alone, when no replica is alive.
    if (cl === ConsistencyLevel.ANY && alive.length === 0) finish();
    // The coordinator's own replica applies in place: no message, no timer.
    let self: RingEndpoint | undefined;
    for (const r of alive) if (r.id === node.identity.id) self = r;
    if (self !== undefined) {
      const local = self;
      const ackSelf = (): void => {
        acks.ack(local);
        if (acks.satisfied) finish();
      };
      // In commit log batch mode the own replica acknowledges once its fsync ran; its failure fails the write.
      const synced = applyMutation(node, m, onStage(trace, 'MutationStage'));
      if (synced === undefined) ackSelf();
      else synced.then(ackSelf, (e: unknown) => finish(e as Error));
    }
    for (const r of alive) {
      if (r === self) continue;
      tracedRequest(node, r.id, 'MUTATION', m, timeoutMs, trace).then(
        () => {
          acks.ack(r);
          if (acks.satisfied) finish();
        },
        () => node.hints.add(r.id, m),
      );
    }
  });
}
