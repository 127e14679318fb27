import { contactedReplica, type RequestContext } from '../../common/index.js';
import { ReadFailureError, ReadTimeoutError, type FailureReason } from '../../errors/index.js';
import type { ReadCommand, UnfilteredPartition } from '../../data/index.js';
import { parseInet } from '../../types/index.js';
import { ReplicaFailure, serveRead } from '../node/replica-operations.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import { onStage, replicaName, tracedRequest } from '../tracing/traced-request.js';
import type { CoordinatorNode } from './coordinator-node.js';
import { Latch } from './latch.js';
import type { ReadPlan } from './read-plan.js';

/** One replica's answer to a read: every answer here carries data (a digest is computed from it). */
export interface ReplicaAnswer {
  readonly replica: RingEndpoint;
  partitions: UnfilteredPartition[];
}

/**
 * Sends a read to replicas and gathers their answers (Cassandra's ReadCallback): done once blockFor
 * replicas answered and one of them was asked for data, or failed once so many replicas failed that
 * blockFor can no longer be met; a ReadTimeout or ReadFailure otherwise, with what was received.
 */
export class ReadCallback {
  readonly answers: ReplicaAnswer[] = [];
  private readonly failures: FailureReason[] = [];
  private readonly dataReplicas = new Set<RingEndpoint>();
  private dataPresent = false;
  private readonly done: Latch;

  constructor(
    private readonly node: CoordinatorNode, private readonly command: ReadCommand, private readonly plan: ReadPlan,
    private readonly request: RequestContext, private readonly deadlineMs: number,
  ) {
    this.done = new Latch(1, node.cluster);
  }

  /**
   * Asks the plan's contacts, the first `dataCount` of them for data and the others for digests
   * (AbstractReadExecutor.executeAsync): messages first, then the coordinator's own replica in place.
   */
  sendInitial(dataCount: number): void {
    let self: RingEndpoint | undefined;
    this.plan.contacts.forEach((replica, i) => {
      if (i < dataCount) this.dataReplicas.add(replica);
      if (replica.id === this.node.identity.id) self = replica;
      else this.send(replica, i < dataCount ? 'data' : 'digest');
    });
    if (self !== undefined) this.readLocally(self);
  }

  /** SpeculatingReadExecutor's retry: one more replica, asked for data unless data already came. */
  speculate(replica: RingEndpoint): void {
    this.plan.contacts.push(replica);
    contactedReplica(this.request, replica.id);
    if (!this.dataPresent) this.dataReplicas.add(replica);
    this.request.trace?.trace(`speculating read retry on ${this.name(replica)}`);
    if (replica.id === this.node.identity.id) this.readLocally(replica);
    else this.send(replica, null);
  }

  /** Whether enough answers came by `deadlineMs` (a clock reading), without failing the read if not. */
  awaitUntil(deadlineMs: number): Promise<boolean> {
    return this.done.awaitUntil(deadlineMs);
  }

  /** The answers once enough came; ReadTimeout or ReadFailure (with received and blockFor) otherwise. */
  async awaitResults(): Promise<ReplicaAnswer[]> {
    const signalled = await this.done.awaitUntil(this.deadlineMs);
    const { cl, blockFor } = this.plan;
    const received = this.answers.length;
    const failed = this.failures.length > 0 && (blockFor > received || !this.dataPresent);
    // Answers arriving later are not merged: the read resolves with those it has now.
    if (signalled && !failed) return [...this.answers];
    const gotData = received > 0 ? (this.dataPresent ? ' (including data)' : ' (only digests)') : '';
    this.request.trace?.trace(`${failed ? 'Failed' : 'Timed out'}; received ${received} of ${blockFor} responses${gotData}`);
    if (failed) throw new ReadFailureError(cl, received, blockFor, this.failures, this.dataPresent);
    throw new ReadTimeoutError(cl, received, blockFor, this.dataPresent);
  }

  private send(replica: RingEndpoint, kind: 'data' | 'digest' | null): void {
    const trace = this.request.trace;
    if (trace !== null && kind !== null) {
      if (this.command.kind === 'range') trace.trace(`Enqueuing request to ${this.name(replica)}`);
      else trace.trace(`reading ${kind} from ${this.node.cluster.endpointName(replica)}`);
    }
    const timeoutMs = Math.max(0, this.deadlineMs - this.node.clock.nowMs());
    tracedRequest<UnfilteredPartition[]>(this.node, replica.id, 'READ', this.command, timeoutMs, trace).then(
      (partitions) => this.onResponse(replica, partitions),
      (e: unknown) => {
        // A request that got no answer in time is no answer; a replica's failure is a failure response.
        if (e instanceof ReplicaFailure) this.onFailure(replica, e);
      },
    );
  }

  private readLocally(replica: RingEndpoint): void {
    let partitions: UnfilteredPartition[];
    try {
      partitions = serveRead(this.node, this.command, onStage(this.request.trace, 'ReadStage'), this.request);
    } catch (e) {
      if (e instanceof ReplicaFailure) return this.onFailure(replica, e);
      throw e;
    }
    this.onResponse(replica, partitions);
  }

  private onResponse(replica: RingEndpoint, partitions: UnfilteredPartition[]): void {
    this.answers.push({ replica, partitions });
    if (this.dataReplicas.has(replica)) this.dataPresent = true;
    if (this.dataPresent && this.answers.length >= this.plan.blockFor) this.done.open();
  }

  private onFailure(replica: RingEndpoint, failure: ReplicaFailure): void {
    this.failures.push(failureOf(this.node, replica, failure));
    if (this.plan.blockFor + this.failures.length > this.plan.contacts.length) this.done.open();
  }

  private name(replica: RingEndpoint): string {
    const command = this.command;
    const token = command.kind === 'single' ? command.token : command.bounds.end?.token ?? command.bounds.start?.token ?? 0n;
    return replicaName(this.node, replica, token);
  }
}

export function failureOf(node: CoordinatorNode, replica: RingEndpoint, failure: ReplicaFailure): FailureReason {
  return { address: parseInet(replica.address) ?? Buffer.alloc(4), code: failure.reason, endpoint: node.cluster.endpointName(replica) };
}
