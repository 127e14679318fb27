import { clientWarn, type RequestContext, type TraceState } from '../../common/index.js';
import { RequestFailureReason } from '../../errors/index.js';
import { countScanned, readCommandCql, type Mutation, type ReadCommand, type UnfilteredPartition } from '../../data/index.js';
import { isLocalSystemKeyspace } from '../../schema/index.js';
import type { ReplicaNode } from './replica-node.js';

/**
 * What a replica does with a write or a read, whoever asked (its own coordinator, another node, a hint,
 * a repair), traced as Cassandra's Keyspace.apply and ReadCommand.executeLocally trace it. Storage is in
 * memory: there is no commitlog and there are no sstables, but the steps Cassandra names are reported
 * with what they amount to here (0 sstables).
 */

/** A read that scanned more tombstones than tombstone_failure_threshold (TombstoneOverwhelmingException). */
export class ReplicaFailure extends Error {
  override readonly name = 'ReplicaFailure';

  constructor(readonly reason: number, message: string) {
    super(message);
  }
}

/**
 * Applies a write as a replica. In commit log batch mode, returns the promise of the commit log fsync that
 * covers it: the replica's answer (its acknowledgement) waits for it; otherwise nothing.
 */
export function applyMutation(node: ReplicaNode, mutation: Mutation, trace: TraceState | null): Promise<void> | undefined {
  if (trace !== null) {
    if (node.schema().keyspace(mutation.keyspace)?.durableWrites !== false) trace.trace('Appending to commitlog');
    for (const update of mutation.updates) trace.trace(`Adding to ${update.table.name} memtable`);
  }
  return node.applyLocally(mutation);
}

/**
 * Reads from this node's storage, counting what the read scans against the tombstone thresholds (not in
 * the node-local system keyspaces). Past tombstone_warn_threshold a warning goes to the client when the
 * coordinator itself is the replica (`request`; other replicas only log it, as Cassandra 4.1 does with
 * read_thresholds_enabled off); past tombstone_failure_threshold the read fails with READ_TOO_MANY_TOMBSTONES.
 */
export function serveRead(node: ReplicaNode, command: ReadCommand, trace: TraceState | null, request: RequestContext | null): UnfilteredPartition[] {
  if (trace !== null) traceReadStart(trace, command);
  const partitions = node.readLocally(command);
  const respectThresholds = !isLocalSystemKeyspace(command.table.keyspace);
  if (!respectThresholds && trace === null) return partitions;
  const config = node.cluster.config;
  const failureThreshold = respectThresholds ? config.tombstoneFailureThreshold : Infinity;
  let counts = countScanned(partitions, command.nowInSec, failureThreshold, trace !== null);
  const warn = respectThresholds && counts.tombstones > config.tombstoneWarnThreshold;
  // Live rows matter only to the messages: counted again, with them, when a warning needs them.
  if (warn && trace === null) counts = countScanned(partitions, command.nowInSec, failureThreshold, true);
  if (counts.aborted) {
    trace?.trace(`Scanned over ${failureThreshold} tombstones for query ${readCommandCql(command)}; query aborted (see tombstone_failure_threshold)`);
  }
  if (warn && request !== null) {
    const query = readCommandCql(command).slice(0, 512);
    clientWarn(request, `Read ${counts.liveRows} live rows and ${counts.tombstones} tombstone cells for query ${query}; token ${counts.lastToken} (see tombstone_warn_threshold)`);
  }
  trace?.trace(`Read ${counts.liveRows} live rows and ${counts.tombstones} tombstone cells${warn ? ' (see tombstone_warn_threshold)' : ''}`);
  if (counts.aborted) {
    throw new ReplicaFailure(RequestFailureReason.READ_TOO_MANY_TOMBSTONES, `Scanned over ${failureThreshold} tombstones during query '${readCommandCql(command)}'; query aborted`);
  }
  return partitions;
}

/** SinglePartitionReadCommand.queryMemtableAndDisk's and PartitionRangeReadCommand.queryStorage's steps. */
function traceReadStart(trace: TraceState, command: ReadCommand): void {
  if (command.kind === 'range') {
    trace.trace(`Executing seq scan across 0 sstables for ${keyRange(command)}`);
    return;
  }
  trace.trace(`Executing single-partition query on ${command.table.name}`);
  trace.trace('Acquiring sstable references');
  if (command.filter.kind === 'names') {
    trace.trace('Merging memtable contents');
  } else {
    trace.trace('Skipped 0/0 non-slice-intersecting sstables, included 0 due to tombstones');
    trace.trace('Merged data from memtables and 0 sstables');
  }
}

/**
 * AbstractBounds.getString of a range read's key range: a token bound is min(t) before the token's keys
 * and max(t) after them (the ring's end wraps to the minimum token), a key bound the key in hex.
 */
function keyRange(command: ReadCommand & { kind: 'range' }): string {
  const { start, end, startInclusive, endInclusive } = command.bounds;
  const bound = (p: typeof start, beforeToken: boolean): string => {
    if (p === null) return `min(${-(2n ** 63n)})`;
    if (p.key !== null) return p.key.toString('hex');
    return `${beforeToken ? 'min' : 'max'}(${p.token})`;
  };
  return `${startInclusive ? '[' : '('}${bound(start, startInclusive)}, ${bound(end, !endInclusive)}${endInclusive ? ']' : ')'}`;
}
