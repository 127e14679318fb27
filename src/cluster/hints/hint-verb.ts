import type { Mutation } from '../../data/index.js';
import type { Schema } from '../../schema/index.js';
import { applyMutation } from '../node/replica-operations.js';
import { replayableMutation } from '../node/truncation-records.js';
import { isLiveHint } from './hint-store.js';
import type { HintMessage } from './hints-dispatcher.js';
import type { HintsNode } from './hints-node.js';

/** The smallest gc_grace_seconds the tables of a mutation have now (all exist: see replayableMutation). */
function currentGcGraceSeconds(schema: Schema, m: Mutation): number {
  const tables = schema.keyspace(m.keyspace)?.tables;
  return Math.min(...m.updates.map((u) => tables?.get(u.table.name)?.options.gcGraceSeconds ?? 0));
}

/**
 * Installs the HINT verb (HintVerbHandler). A hint for another node was handed over by a decommissioned
 * node: it is kept for that target. A hint for this node is applied (Hint.applyFuture) without the parts
 * of tables dropped or truncated since it was made, and not at all once past its time to live; if this
 * node no longer replicates the partition (the ring changed), it becomes a hint for every current replica.
 * Always acknowledged: a hint that cannot apply is done with.
 */
export function installHintVerb(node: HintsNode): void {
  node.handle('HINT', (_from, payload, trace) => {
    const { target, hint } = payload as HintMessage;
    if (target !== node.identity.id) {
      if (node.cluster.nodes.some((n) => n.identity.id === target)) node.hints.keep(target, hint);
      return true;
    }
    const schema = node.schema();
    const m = replayableMutation(hint.mutation, hint.createdMs, schema, node.truncations);
    if (m === null || !isLiveHint(hint, currentGcGraceSeconds(schema, m), node.clock.nowMs())) return true;
    const { replicas } = node.cluster.placement(m.keyspace, m.token, node);
    if (!replicas.some((r) => r.id === node.identity.id)) {
      for (const r of replicas) node.hints.keep(r.id, { ...hint, mutation: m });
      return true;
    }
    const synced = applyMutation(node, m, trace);
    return synced === undefined ? true : synced.then(() => true);
  });
}
