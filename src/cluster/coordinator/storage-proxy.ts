import type { ConsistencyLevel, WriteType } from '../../errors/index.js';
import { purgePartition, type Mutation, type ReadCommand, type ReadPartition, type UnfilteredPartition } from '../../data/index.js';
import type { Node } from '../node/node.js';
import { isSerial } from '../paxos/paxos-plan.js';
import { cas, readWithPaxos, type CasRequest } from '../paxos/paxos-requests.js';
import { mutateAtomically } from './batchlog-write.js';
import { validateForRead, validateForWrite } from './consistency.js';
import { recordCoordinatorRead, recordCoordinatorWrite } from './coordinator-metrics.js';
import { mutateCounter } from './counter-write.js';
import { readRange } from './range-path.js';
import { readFromReplicas, replicasToContact } from './read-path.js';
import { writeMutation } from './write-path.js';

/**
 * The coordinator of one node (Cassandra's StorageProxy): places each write and read on the replicas of
 * its keyspace, applies the consistency level over the simulated network, reconciles what replicas
 * answer. Node-local keyspaces (system, system_schema) and virtual tables never leave the node. SERIAL
 * and LOCAL_SERIAL reads of one partition go through Paxos.
 */
export class StorageProxy {
  constructor(private readonly node: Node) {}

  async mutate(mutations: readonly Mutation[], cl: ConsistencyLevel, writeType: WriteType): Promise<void> {
    validateForWrite(cl);
    const startMs = this.node.clock.nowMs();
    try {
      await Promise.all(mutations.map((m) => {
        if (this.node.cluster.isNodeLocal(m.keyspace)) {
          this.node.applyLocally(m);
          return undefined;
        }
        return writeMutation(this.node, this.node.cluster.placement(m.keyspace, m.token, this.node), m, cl, writeType);
      }));
    } finally {
      recordCoordinatorWrite(this.node, mutations, startMs);
    }
  }

  async read(command: ReadCommand, cl: ConsistencyLevel): Promise<ReadPartition[]> {
    const virtual = this.node.virtualTables.read(command);
    if (virtual !== null) return live(virtual, command.nowInSec);
    const keyspace = command.table.keyspace;
    const local = this.node.cluster.isNodeLocal(keyspace);
    if (!local) validateForRead(cl);
    const startMs = this.node.clock.nowMs();
    try {
      if (local) return live(this.node.readLocally(command), command.nowInSec);
      if (command.kind === 'range') return await readRange(this.node, command, cl);
      if (isSerial(cl)) return live(await readWithPaxos(this.node, command, cl), command.nowInSec);
      const placement = this.node.cluster.placement(keyspace, command.token, this.node);
      const partitions = await readFromReplicas(this.node, command, replicasToContact(this.node, placement, cl), cl);
      return live(partitions, command.nowInSec);
    } finally {
      recordCoordinatorRead(this.node, command, startMs);
    }
  }

  /** A lightweight transaction: Paxos rounds among the partition's replicas. */
  cas<R>(request: CasRequest<R>, serial: ConsistencyLevel, commit: ConsistencyLevel): Promise<R> {
    return cas(this.node, request, serial, commit);
  }

  /** A logged batch over several partitions, through the batchlog. */
  async mutateAtomically(mutations: readonly Mutation[], cl: ConsistencyLevel): Promise<void> {
    const startMs = this.node.clock.nowMs();
    try {
      await mutateAtomically(this.node, mutations, cl);
    } finally {
      recordCoordinatorWrite(this.node, mutations, startMs);
    }
  }

  /** Counter updates (their counter cells hold deltas), each through a leader replica. */
  async mutateCounter(mutations: readonly Mutation[], cl: ConsistencyLevel): Promise<void> {
    const startMs = this.node.clock.nowMs();
    try {
      await Promise.all(mutations.map((m) => mutateCounter(this.node, m, cl)));
    } finally {
      recordCoordinatorWrite(this.node, mutations, startMs);
    }
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
