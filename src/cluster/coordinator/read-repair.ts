import type { TraceState } from '../../common/index.js';
import { ReadTimeoutError } from '../../errors/index.js';
import { partitionsDigest, type Mutation, type UnfilteredPartition } from '../../data/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { replicaName, tracedRequest } from '../tracing/traced-request.js';
import type { CoordinatorNode } from './coordinator-node.js';
import { Latch } from './latch.js';
import type { ReplicaAnswer } from './read-callback.js';
import type { RepairPlan } from './read-plan.js';
import { partitionThrough, queryOrder } from './short-read-protection.js';

/**
 * Blocking read repair (Cassandra's BlockingReadRepair): each merged partition goes to the replicas whose
 * answer differed from it, and the read waits for their acknowledgements. A partition repair waits for
 * the level's write quorum less the contacted replicas that needed nothing (BlockingPartitionRepair);
 * when acknowledgements are slow (additional_write_policy), the repair is also written to the live
 * replicas the read did not contact, whose acknowledgements count in place of the missing ones. A repair
 * still short at the read's deadline is a ReadTimeout with that repair's counts (awaitWrites). Tables
 * with read_repair = 'NONE' are not repaired (ReadOnlyReadRepair).
 */
export async function repairPartitions(
  node: CoordinatorNode, merged: readonly UnfilteredPartition[], answers: readonly ReplicaAnswer[], plan: RepairPlan,
  deadlineMs: number, trace: TraceState | null,
): Promise<void> {
  const table = merged[0]?.table;
  if (table === undefined || table.options.readRepair === 'NONE') return;
  const repairs: PartitionRepair[] = [];
  for (const p of merged) {
    const targets = staleReplicas(p, answers);
    if (targets.length === 0) continue;
    const repair = new PartitionRepair(node, p, targets, plan, trace);
    repair.sendInitialRepairs();
    repairs.push(repair);
  }
  if (repairs.length === 0) return;
  const additionalWriteLatencyMs = node.tableMetrics.of(table).speculation.additionalWriteLatencyMs;
  for (const repair of repairs) await repair.maybeSendAdditionalWrites(additionalWriteLatencyMs);
  for (const repair of repairs) {
    if (await repair.awaitUntil(deadlineMs)) continue;
    const blockFor = repair.blockFor;
    trace?.trace(`Timed out while read-repairing after receiving all ${blockFor} data and digest responses`);
    throw new ReadTimeoutError(plan.cl, Math.min(blockFor - repair.waitingOn, blockFor - 1), blockFor, true);
  }
}

/**
 * The replicas whose answer differs from the merged partition, compared over the rows the merge kept
 * (a merge cut at the read's limits leaves out what replicas returned past it).
 */
function staleReplicas(merged: UnfilteredPartition, answers: readonly ReplicaAnswer[]): RingEndpoint[] {
  const id = merged.key.toString('latin1');
  const expected = partitionsDigest([merged]);
  const last = merged.rows[merged.rows.length - 1];
  const order = queryOrder(merged);
  const stale: RingEndpoint[] = [];
  for (const answer of answers) {
    const own = answer.partitions.find((p) => p.key.toString('latin1') === id);
    const kept = own === undefined || last === undefined ? own : partitionThrough(own, last.clustering, order);
    if (kept === undefined || partitionsDigest([kept]) !== expected) stale.push(answer.replica);
  }
  return stale;
}

/** One partition's repair (BlockingPartitionRepair): its mutation, the replicas it went to and its acknowledgements. */
class PartitionRepair {
  readonly blockFor: number;
  private readonly latch: Latch;
  private readonly mutation: Mutation;
  private readonly unacked: Set<RingEndpoint>;
  private sentAtMs = 0;

  constructor(
    private readonly node: CoordinatorNode, private readonly partition: UnfilteredPartition, private readonly targets: readonly RingEndpoint[],
    private readonly plan: RepairPlan, private readonly trace: TraceState | null,
  ) {
    // Contacted replicas that needed nothing do not block (BlockingPartitionRepair's adjusted blockFor).
    const needless = plan.contacts.filter((r) => !targets.includes(r)).length;
    this.blockFor = Math.max(0, plan.writeQuorum - needless);
    this.latch = new Latch(this.blockFor, node.cluster);
    this.unacked = new Set(targets);
    const p = partition;
    const rows = p.reversed ? [...p.rows].reverse() : p.rows;
    const update = { table: p.table, key: p.key, token: p.token, partitionDeletion: p.partitionDeletion, rangeTombstones: p.rangeTombstones, staticRow: p.staticRow, rows };
    this.mutation = { keyspace: p.table.keyspace, key: p.key, token: p.token, updates: [update] };
  }

  get waitingOn(): number {
    return this.latch.remaining;
  }

  sendInitialRepairs(): void {
    this.sentAtMs = this.node.clock.nowMs();
    for (const target of this.targets) {
      this.node.stats.readRepairs++;
      this.trace?.trace(`Sending read-repair-mutation to ${replicaName(this.node, target, this.partition.token)}`);
      this.send(target);
    }
  }

  /**
   * BlockingPartitionRepair.maybeSendAdditionalWrites: if the acknowledgements have not all come within
   * `latencyMs` of sending, the repair goes to the live replicas the read did not contact.
   */
  async maybeSendAdditionalWrites(latencyMs: number): Promise<void> {
    if (!Number.isFinite(latencyMs) || await this.latch.awaitUntil(this.sentAtMs + latencyMs)) return;
    // The same merged partition went to every target: with any of them unacknowledged it is still wanted.
    if (this.plan.uncontacted.length === 0 || this.unacked.size === 0) return;
    for (const replica of this.plan.uncontacted) {
      this.trace?.trace(`Sending speculative read-repair-mutation to ${replicaName(this.node, replica, this.partition.token)}`);
      this.send(replica);
    }
  }

  awaitUntil(deadlineMs: number): Promise<boolean> {
    return this.latch.awaitUntil(deadlineMs);
  }

  /** READ_REPAIR rather than MUTATION: a repair that gets no answer leaves no hint. */
  private send(replica: RingEndpoint): void {
    const timeoutMs = this.node.cluster.config.writeRequestTimeoutMs;
    tracedRequest(this.node, replica.id, 'READ_REPAIR', this.mutation, timeoutMs, this.trace).then(
      () => {
        this.unacked.delete(replica);
        this.latch.countDown();
      },
      () => undefined,
    );
  }
}
