import type { RequestContext } from '../../common/index.js';
import type { ConsistencyLevel, WriteType } from '../../errors/index.js';
import { purgePartition, type Mutation, type ReadCommand, type ReadPartition, type UnfilteredPartition } from '../../data/index.js';
import { applyMutation, serveRead } from '../node/replica-operations.js';
import { onStage } from '../tracing/traced-request.js';
import { isSerial } from '../paxos/paxos-plan.js';
import { cas as casPaxos, readWithPaxos, type CasRequest } from '../paxos/paxos-requests.js';
import { mutateAtomically } from './batchlog-write.js';
import { validateForRead, validateForWrite } from './consistency.js';
import { recordCoordinatorRead, recordCoordinatorWrite } from './coordinator-metrics.js';
import type { CoordinatorNode } from './coordinator-node.js';
import { mutateCounter } from './counter-write.js';
import { readRange } from './range-path.js';
import { readPartition } from './read-path.js';
import { writeMutation } from './write-path.js';

/**
 * The coordinator of one node (Cassandra's StorageProxy): places each write and read on the replicas of
 * its keyspace, applies the consistency level over the simulated network, reconciles what replicas
 * answer. Node-local keyspaces (system, system_schema) and virtual tables never leave the node. SERIAL
 * and LOCAL_SERIAL reads of one partition go through Paxos. Every operation takes the client request's
 * context: its tracing session (the steps are traced as Cassandra traces them) and its warnings.
 */
export class StorageProxy {
  constructor(private readonly node: CoordinatorNode) {}

  async mutate(mutations: readonly Mutation[], cl: ConsistencyLevel, writeType: WriteType, request: RequestContext): Promise<void> {
    validateForWrite(cl);
    const trace = request.trace;
    trace?.trace('Determining replicas for mutation');
    const startMs = this.node.clock.nowMs();
    try {
      await Promise.all(mutations.map((m) => {
        if (this.node.cluster.isNodeLocal(m.keyspace)) return applyMutation(this.node, m, onStage(trace, 'MutationStage'));
        return writeMutation(this.node, this.node.cluster.placement(m.keyspace, m.token, this.node), m, cl, writeType, trace, request);
      }));
    } finally {
      recordCoordinatorWrite(this.node, mutations, cl, startMs);
    }
  }

  async read(command: ReadCommand, cl: ConsistencyLevel, request: RequestContext): Promise<ReadPartition[]> {
    const virtual = this.node.virtualTables.read(command);
    if (virtual !== null) return live(virtual, command.nowInSec);
    const keyspace = command.table.keyspace;
    const local = this.node.cluster.isNodeLocal(keyspace);
    if (!local) validateForRead(cl);
    const startMs = this.node.clock.nowMs();
    const operation = command.kind === 'range' ? 'range' : isSerial(cl) ? 'cas_read' : 'read';
    try {
      if (local) return live(serveRead(this.node, command, onStage(request.trace, 'ReadStage'), request), command.nowInSec);
      if (command.kind === 'range') return await readRange(this.node, command, cl, request);
      if (isSerial(cl)) return live(await readWithPaxos(this.node, command, cl, request), command.nowInSec);
      const placement = this.node.cluster.placement(keyspace, command.token, this.node);
      const partitions = await readPartition(this.node, command, placement, cl, request);
      return live(partitions, command.nowInSec);
    } finally {
      recordCoordinatorRead(this.node, command, cl, operation, startMs);
    }
  }

  /** A lightweight transaction: Paxos rounds among the partition's replicas (CASWrite, by its serial level). */
  cas<R>(cas: CasRequest<R>, serial: ConsistencyLevel, commit: ConsistencyLevel, request: RequestContext): Promise<R> {
    const startMs = this.node.clock.nowMs();
    // Invalid levels are refused at once, before any round (and not timed), as they always were.
    return casPaxos(this.node, cas, serial, commit, request).finally(() => {
      this.node.clientRequests.record('cas_write', serial, startMs, this.node.clock.nowMs());
    });
  }

  /** A logged batch over several partitions, through the batchlog. */
  async mutateAtomically(mutations: readonly Mutation[], cl: ConsistencyLevel, request: RequestContext): Promise<void> {
    const startMs = this.node.clock.nowMs();
    try {
      await mutateAtomically(this.node, mutations, cl, request.trace, request);
    } finally {
      recordCoordinatorWrite(this.node, mutations, cl, startMs);
    }
  }

  /** Counter updates (their counter cells hold deltas), each through a leader replica. */
  async mutateCounter(mutations: readonly Mutation[], cl: ConsistencyLevel, request: RequestContext): Promise<void> {
    const trace = request.trace;
    trace?.trace('Determining replicas for mutation');
    const startMs = this.node.clock.nowMs();
    try {
      await Promise.all(mutations.map((m) => mutateCounter(this.node, m, cl, request)));
    } finally {
      recordCoordinatorWrite(this.node, mutations, cl, startMs);
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
