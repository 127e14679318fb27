import {
  clusteringComparatorFor, countedRows, mergePartitions, selectsFullPartition, purgePartition, type Clustering, type ReadCommand, type UnfilteredPartition,
} from '../../data/index.js';
import type { TableMetadata } from '../../schema/index.js';
import type { RingEndpoint } from '../ring/token-ring.js';
import type { ReplicaAnswer } from './read-callback.js';

/**
 * What a read may return at most (DataLimits): live rows, live rows of one partition, partitions; and
 * whether a partition with only static content counts as a row (range reads selecting whole partitions).
 */
export interface DataLimits {
  readonly count: number;
  readonly perPartitionLimit: number;
  readonly partitionCount: number;
  readonly countsStaticOnly: boolean;
}

export function limitsOf(command: ReadCommand): DataLimits {
  return command.kind === 'single'
    ? { count: command.rowLimit, perPartitionLimit: Infinity, partitionCount: Infinity, countsStaticOnly: false }
    : {
      count: command.rowLimit, perPartitionLimit: command.perPartitionLimit, partitionCount: command.partitionLimit,
      countsStaticOnly: selectsFullPartition(command),
    };
}

/** How a merge asks one replica for what lies past its answer (the commands of Cassandra's short-read protections). */
export interface ShortReadFetcher {
  /** Up to `rowLimit` more live rows of `partition` after `after` (in query order). */
  moreRows(replica: RingEndpoint, partition: UnfilteredPartition, after: Clustering, rowLimit: number): Promise<UnfilteredPartition | null>;
  /** Partitions after `after`, within the read's bounds, up to these limits. */
  morePartitions(replica: RingEndpoint, after: UnfilteredPartition, rowLimit: number, partitionLimit: number): Promise<UnfilteredPartition[]>;
}

/**
 * What a replica may hold past its answer: a replica stops at the read's limits, so the rows it left out
 * may be the ones the merge needs once other replicas' tombstones shadow what it did return.
 */
interface Frontier {
  /** It stopped at a limit: there may be partitions after its last one. */
  morePartitions: boolean;
  /** Partitions it may hold more rows of (by key), after the last row it returned. */
  readonly cuts: Map<string, Clustering>;
}

interface LiveCount {
  readonly liveRows: number;
  readonly hasLiveStaticRow: boolean;
}

/**
 * Merges replica answers as Cassandra's DataResolver does with short-read protection
 * (ShortReadPartitionsProtection and ShortReadRowsProtection): the merged result is trusted only up to
 * where every replica's answer reaches, and while it holds fewer rows or partitions than the limits
 * allow, the replicas that stopped at their limit are asked for more, after the last row or partition
 * they returned, until the limits are met or every replica is exhausted. `answers` are extended with
 * what is fetched (read repair compares them). The result is the merge up to the limits, tombstones kept.
 */
export async function mergeWithShortReadProtection(
  command: ReadCommand, answers: readonly ReplicaAnswer[], fetcher: ShortReadFetcher,
): Promise<UnfilteredPartition[]> {
  const limits = limitsOf(command);
  if (limits.count === Infinity && limits.partitionCount === Infinity && limits.perPartitionLimit === Infinity) {
    return mergeAnswers(answers);
  }
  const merge = new ProtectedMerge(answers, limits, command);
  for (;;) {
    const step = merge.step();
    if (step.kind === 'done') return step.partitions;
    if (step.kind === 'rows') {
      const asked = Math.min(limits.count, limits.perPartitionLimit);
      await Promise.all(step.replicas.map(async (i) => {
        merge.addRows(i, step.partition, await fetcher.moreRows(answers[i]!.replica, step.partition, step.after, asked), asked);
      }));
    } else {
      await Promise.all(step.replicas.map(async (i) => {
        const more = await fetcher.morePartitions(answers[i]!.replica, step.after, step.rowLimit, step.partitionLimit);
        merge.addPartitions(i, more, { ...limits, count: step.rowLimit, partitionCount: step.partitionLimit });
      }));
    }
  }
}

type Step =
  | { readonly kind: 'done'; readonly partitions: UnfilteredPartition[] }
  | { readonly kind: 'rows'; readonly replicas: number[]; readonly partition: UnfilteredPartition; readonly after: Clustering }
  | { readonly kind: 'partitions'; readonly replicas: number[]; readonly after: UnfilteredPartition; readonly rowLimit: number; readonly partitionLimit: number };

/** The answers being merged, what each replica may hold past its answer, and one pass over their merge. */
class ProtectedMerge {
  private readonly frontiers: Frontier[];
  private readonly nowInSec: number;
  /** A range read may have more partitions past an answer; a single-partition read has only more rows. */
  private readonly range: boolean;
  private readonly order: RowOrder;

  constructor(private readonly answers: readonly ReplicaAnswer[], private readonly limits: DataLimits, command: ReadCommand) {
    this.order = clusteringOrder(command.table, command.filter.reversed);
    this.nowInSec = command.nowInSec;
    this.range = command.kind === 'range';
    this.frontiers = answers.map((a) => this.frontierOf(a.partitions, limits));
  }

  /**
   * Merges the answers and counts the merge up to where it is trusted: done when the limits are met or
   * nothing lies past the answers; else which replicas to ask for more of a partition, or for more partitions.
   */
  step(): Step {
    const edge = this.partitionEdge();
    const out: UnfilteredPartition[] = [];
    let rows = 0;
    let partitions = 0;
    for (const p of mergeAnswers(this.answers)) {
      if (edge !== null && comparePositions(p, edge.after) > 0) break;
      const cut = this.minCut(p);
      const trusted = cut === null ? p : partitionThrough(p, cut.after, this.order);
      const room = Math.min(this.limits.perPartitionLimit, this.limits.count - rows);
      const limited = this.limitRows(trusted, room);
      if (cut !== null && limited.liveRows < room) return { kind: 'rows', replicas: cut.replicas, partition: p, after: cut.after };
      out.push(limited.partition);
      rows += countedRows(this.limits, this.limits.countsStaticOnly, limited.liveRows, limited.hasLiveStaticRow);
      if (limited.liveRows > 0 || limited.hasLiveStaticRow) partitions++;
      if (rows >= this.limits.count || partitions >= this.limits.partitionCount) return { kind: 'done', partitions: out };
    }
    if (edge === null) return { kind: 'done', partitions: out };
    return {
      kind: 'partitions', replicas: edge.replicas, after: edge.after,
      rowLimit: this.limits.count - rows, partitionLimit: this.limits.partitionCount - partitions,
    };
  }

  /** Rows a replica returned for a partition it may hold more of: fewer than asked means it has no more. */
  addRows(index: number, partition: UnfilteredPartition, more: UnfilteredPartition | null, asked: number): void {
    const answer = this.answers[index]!;
    const cuts = this.frontiers[index]!.cuts;
    const id = keyId(partition);
    if (more === null) {
      cuts.delete(id);
      return;
    }
    // A replica is asked for more of a partition it returned: the cut came from its answer.
    const at = answer.partitions.findIndex((p) => keyId(p) === id);
    answer.partitions[at] = mergePartitions([answer.partitions[at]!, more]);
    const last = more.rows[more.rows.length - 1];
    if (last === undefined || this.liveCount(more).liveRows < asked) cuts.delete(id);
    else cuts.set(id, last.clustering);
  }

  /** Partitions a replica returned after its last one, counted against the limits they were asked with. */
  addPartitions(index: number, more: UnfilteredPartition[], limits: DataLimits): void {
    const frontier = this.frontiers[index]!;
    this.answers[index]!.partitions.push(...more);
    const next = this.frontierOf(more, limits);
    frontier.morePartitions = next.morePartitions;
    for (const [id, after] of next.cuts) frontier.cuts.set(id, after);
  }

  private frontierOf(partitions: readonly UnfilteredPartition[], limits: DataLimits): Frontier {
    const cuts = new Map<string, Clustering>();
    let rows = 0;
    let counted = 0;
    let lastLive = 0;
    for (const p of partitions) {
      const live = this.liveCount(p);
      rows += countedRows(limits, limits.countsStaticOnly, live.liveRows, live.hasLiveStaticRow);
      if (live.liveRows > 0 || live.hasLiveStaticRow) counted++;
      if (live.liveRows >= limits.perPartitionLimit) addCut(cuts, p);
      lastLive = live.liveRows;
    }
    const last = partitions[partitions.length - 1];
    // Stopped by the row limit, a replica may have stopped inside its last partition.
    if (last !== undefined && rows >= limits.count && lastLive > 0) addCut(cuts, last);
    const stopped = rows >= limits.count || counted >= limits.partitionCount;
    return { morePartitions: this.range && stopped && last !== undefined, cuts };
  }

  /** The first partition some replica may have more partitions after, and those replicas. */
  private partitionEdge(): { after: UnfilteredPartition; replicas: number[] } | null {
    let edge: { after: UnfilteredPartition; replicas: number[] } | null = null;
    this.frontiers.forEach((f, i) => {
      const last = this.answers[i]!.partitions[this.answers[i]!.partitions.length - 1];
      if (!f.morePartitions || last === undefined) return;
      const c = edge === null ? -1 : comparePositions(last, edge.after);
      if (c < 0) edge = { after: last, replicas: [i] };
      else if (c === 0) edge!.replicas.push(i);
    });
    return edge;
  }

  /** The earliest row after which some replica may hold more of the partition, and those replicas. */
  private minCut(p: UnfilteredPartition): { after: Clustering; replicas: number[] } | null {
    const id = keyId(p);
    let cut: { after: Clustering; replicas: number[] } | null = null;
    this.frontiers.forEach((f, i) => {
      const after = f.cuts.get(id);
      if (after === undefined) return;
      const c = cut === null ? -1 : this.order(after, cut.after);
      if (c < 0) cut = { after, replicas: [i] };
      else if (c === 0) cut!.replicas.push(i);
    });
    return cut;
  }

  /** The partition cut after its `room`-th live row, and its live rows up to there. */
  private limitRows(p: UnfilteredPartition, room: number): { partition: UnfilteredPartition } & LiveCount {
    const live = purgePartition(p, this.nowInSec);
    const hasLiveStaticRow = (live?.staticCells.size ?? 0) > 0;
    const liveRows = live?.rows.length ?? 0;
    if (live === null || liveRows <= room) return { partition: p, liveRows, hasLiveStaticRow };
    return { partition: partitionThrough(p, live.rows[room - 1]!.clustering, this.order), liveRows: room, hasLiveStaticRow };
  }

  private liveCount(p: UnfilteredPartition): LiveCount {
    const live = purgePartition(p, this.nowInSec);
    return { liveRows: live?.rows.length ?? 0, hasLiveStaticRow: (live?.staticCells.size ?? 0) > 0 };
  }
}

type RowOrder = (a: Clustering, b: Clustering) => number;

/** The order rows come in: clustering order, or its reverse for a read backwards. */
function clusteringOrder(table: TableMetadata, reversed: boolean): RowOrder {
  const compare = clusteringComparatorFor(table).compare;
  return reversed ? (a, b) => compare(b, a) : compare;
}

/** The order of a partition's rows as read. */
export function queryOrder(p: UnfilteredPartition): RowOrder {
  return clusteringOrder(p.table, p.reversed);
}

/** The partition without its rows after `last` (in `order`, the order its rows come in). */
export function partitionThrough(p: UnfilteredPartition, last: Clustering, order: RowOrder): UnfilteredPartition {
  const end = p.rows.findIndex((r) => order(r.clustering, last) > 0);
  return end < 0 ? p : { ...p, rows: p.rows.slice(0, end) };
}

/** A partition a replica may hold more rows of: one with clustering columns and a last row to read after. */
function addCut(cuts: Map<string, Clustering>, p: UnfilteredPartition): void {
  const last = p.rows[p.rows.length - 1];
  if (last !== undefined && last.clustering.length > 0) cuts.set(keyId(p), last.clustering);
}

function keyId(p: UnfilteredPartition): string {
  return p.key.toString('latin1');
}

/** Ring order: by token, then by key. */
function comparePositions(a: UnfilteredPartition, b: UnfilteredPartition): number {
  return a.token < b.token ? -1 : a.token > b.token ? 1 : Buffer.compare(a.key, b.key);
}

/** Merges replica answers partition by partition, in ring order. */
export function mergeAnswers(answers: readonly ReplicaAnswer[]): UnfilteredPartition[] {
  const byKey = new Map<string, UnfilteredPartition[]>();
  for (const a of answers) {
    for (const p of a.partitions) {
      const id = keyId(p);
      const list = byKey.get(id);
      if (list === undefined) byKey.set(id, [p]);
      else list.push(p);
    }
  }
  return [...byKey.values()].map((versions) => mergePartitions(versions)).sort(comparePositions);
}
