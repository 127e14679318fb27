import type { ConsistencyLevel, WriteType } from '../../errors/index.js';
import { purgePartition, type Mutation, type ReadCommand, type ReadPartition } from '../../data/index.js';
import type { Node } from '../node/node.js';

/**
 * The coordinator of a one-node cluster: every replica is the node itself, so any consistency level is
 * met by the local write or read. The multi-node coordinator replaces it with replica placement,
 * consistency levels and read repair.
 */
export class LocalCoordinator {
  constructor(private readonly node: Node) {}

  async read(command: ReadCommand, _consistency: ConsistencyLevel): Promise<ReadPartition[]> {
    const virtual = this.node.virtualTables.read(command);
    const partitions = virtual ?? this.node.storage.read(command);
    const out: ReadPartition[] = [];
    for (const p of partitions) {
      const live = purgePartition(p, command.nowInSec);
      if (live !== null) out.push(live);
    }
    return out;
  }

  async mutate(mutations: readonly Mutation[], _consistency: ConsistencyLevel, _writeType: WriteType): Promise<void> {
    for (const m of mutations) this.node.storage.apply(m);
  }
}
