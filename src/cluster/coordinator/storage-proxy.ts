import type { ConsistencyLevel, WriteType } from '../../errors/index.js';
import { purgePartition, type Mutation, type ReadCommand, type ReadPartition, type UnfilteredPartition } from '../../data/index.js';
import type { Node } from '../node/node.js';
import { validateForRead, validateForWrite } from './consistency.js';
import { readRange } from './range-path.js';
import { readFromReplicas, replicasToContact } from './read-path.js';
import { writeMutation } from './write-path.js';

/**
 * The coordinator of one node (Cassandra's StorageProxy): places each write and read on the replicas of
 * its keyspace, applies the consistency level over the simulated network, reconciles what replicas
 * answer. Node-local keyspaces (system, system_schema) and virtual tables never leave the node.
 */
export class StorageProxy {
  constructor(private readonly node: Node) {}

  async mutate(mutations: readonly Mutation[], cl: ConsistencyLevel, writeType: WriteType): Promise<void> {
    validateForWrite(cl);
    await Promise.all(mutations.map((m) => {
      if (this.node.cluster.isNodeLocal(m.keyspace)) {
        this.node.storage.apply(m);
        return undefined;
      }
      return writeMutation(this.node, this.node.cluster.placement(m.keyspace, m.token, this.node), m, cl, writeType);
    }));
  }

  async read(command: ReadCommand, cl: ConsistencyLevel): Promise<ReadPartition[]> {
    const keyspace = command.table.keyspace;
    const local = this.node.virtualTables.read(command) ?? (this.node.cluster.isNodeLocal(keyspace) ? this.node.storage.read(command) : null);
    if (local !== null) return live(local, command.nowInSec);
    validateForRead(cl);
    if (command.kind === 'range') return readRange(this.node, command, cl);
    const placement = this.node.cluster.placement(keyspace, command.token, this.node);
    const partitions = await readFromReplicas(this.node, command, replicasToContact(this.node, placement, cl), cl);
    return live(partitions, command.nowInSec);
  }
}

function live(partitions: readonly UnfilteredPartition[], nowInSec: number): ReadPartition[] {
  const out: ReadPartition[] = [];
  for (const p of partitions) {
    const l = purgePartition(p, nowInSec);
    if (l !== null) out.push(l);
  }
  return out;
}
