import { describe, expect, it } from 'vitest';
import { requestContext, SeededRandom } from '../../../common/index.js';
import { ConsistencyLevel, InvalidRequestError } from '../../../errors/index.js';
import type {
  AssembledCell, Cell, PartitionUpdate, ReadCommand, ReadPartition, SinglePartitionReadCommand,
} from '../../../data/index.js';
import { buildList, timeUuidFromMicros } from '../../../types/index.js';
import { parseStatement } from '../../parser/index.js';
import { withKeyspace } from '../ddl/test-helpers.js';
import { prepareStatement } from '../prepared-statement.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import type { StatementEnvironment } from '../statement-environment.js';
import type { PreparedModification } from './modification-statement.js';

const schema = withKeyspace('CREATE TABLE ks.t (pk int, ck int, l list<int>, s list<int> static, v int, PRIMARY KEY (pk, ck))');
const { ONE, QUORUM, LOCAL_QUORUM, ALL, ANY, SERIAL, LOCAL_SERIAL } = ConsistencyLevel;

function modification(cql: string): PreparedModification {
  const plan = prepareStatement(parseStatement(cql), schema, 'ks').plan;
  if (plan.kind !== 'modification') throw new Error(`not a modification: ${cql}`);
  return plan;
}

const int = (n: number): Buffer => {
  const b = Buffer.alloc(4);
  b.writeInt32BE(n);
  return b;
};

/** List element paths (timeuuids) in list order; `position` tells an element's place, from 1. */
const paths = Array.from({ length: 4 }, (_v, i) => timeUuidFromMicros(BigInt(i + 1), new SeededRandom(i)));
const position = (path: Buffer): number => paths.findIndex((p) => p.equals(path)) + 1;

/** A live list as a read returns it. */
function list(...values: number[]): AssembledCell {
  const live = { timestamp: 1n, ttlSeconds: 0, localDeletionTime: 2 ** 31 - 1 };
  return { ...live, value: buildList(values.map(int)), elements: values.map((v, i) => ({ path: paths[i]!, cell: { ...live, value: int(v) } })) };
}

/** Answers reads from `stored` (by partition key int) and records what was read at which level. */
function environment(stored: ReadonlyMap<number, Omit<ReadPartition, 'key' | 'token'>>) {
  const reads: { command: SinglePartitionReadCommand; consistency: ConsistencyLevel }[] = [];
  const env: StatementEnvironment = {
    partitioner: { decorateKey: (components) => ({ key: components[0]!, token: BigInt(components[0]!.readInt32BE(0)) }), splitKey: (key) => [key] },
    read(command: ReadCommand, consistency) {
      if (command.kind !== 'single') throw new Error('a list read names its partition');
      reads.push({ command, consistency });
      const partition = stored.get(command.key.readInt32BE(0));
      return Promise.resolve(partition === undefined ? [] : [{ ...partition, key: command.key, token: command.token }]);
    },
    mutate: () => Promise.reject(new Error('statements build updates, they do not write')),
  };
  return { env, reads };
}

const ctx: ExecutionContext = {
  request: requestContext(null), nowMicros: 1_000n, nowInSec: 1, newTimeUuid: () => Buffer.alloc(16),
  newRandomUuid: () => Buffer.alloc(16), tokenOf: () => 0n,
};

const options = (consistency: ConsistencyLevel): QueryOptions => ({
  consistency, serialConsistency: SERIAL, values: [], pageSize: -1, pagingState: null, timestamp: null, nowInSeconds: null,
  keyspace: 'ks', protocolVersion: 4,
});

async function updates(cql: string, consistency: ConsistencyLevel, env: StatementEnvironment, prefetched?: ReadPartition[]): Promise<PartitionUpdate[]> {
  const builders = await modification(cql).updates(options(consistency), ctx, env, undefined, prefetched);
  return builders.map((b) => b.build());
}

/** The list values an update writes to a row (or the static row) of its partition, and its element tombstones. */
function listCells(update: PartitionUpdate, column: string, row: PartitionUpdate['rows'][number] | null = update.rows[0] ?? null) {
  const cells = row?.complex?.get(column)?.cells ?? [];
  return {
    written: cells.filter((c) => c.cell.value !== null).map((c) => [position(c.path), c.cell.value!.readInt32BE(0)]),
    deleted: cells.filter((c) => c.cell.value === null).map((c) => position(c.path)),
  };
}

const rowsWithList = (...rows: [number, Cell][]) => ({
  staticCells: new Map<string, Cell>(),
  rows: rows.map(([ck, l]) => ({ clustering: [int(ck)], cells: new Map([['l', l]]) })),
});

describe('readRequiredLists', () => {
  it('reads the written rows of every partition once, at the consistency level of the statement', async () => {
    for (const level of [ONE, QUORUM, LOCAL_QUORUM, ALL]) {
      const { env, reads } = environment(new Map([[1, rowsWithList([3, list(7, 8)], [4, list(9)])], [2, rowsWithList([3, list(5)])]]));
      const written = await updates('UPDATE t SET l[0] = 70, v = 1 WHERE pk IN (1, 2) AND ck IN (3, 4)', level, env)
        .catch((e: unknown) => e);
      // ck 4 of pk 2 has no list: Cassandra refuses the whole statement.
      expect(written).toEqual(new InvalidRequestError('Attempted to set an element on a list which is null'));
      expect(reads.map((r) => [r.command.key.readInt32BE(0), r.consistency])).toEqual([[1, level], [2, level]]);
      expect(reads[0]!.command.filter).toEqual({ kind: 'names', clusterings: [[int(3)], [int(4)]], reversed: false });
    }
  });

  it('sets by index, discards by value and deletes by index from what was read', async () => {
    const stored = new Map([[1, rowsWithList([3, list(7, 8, 7)])]]);
    const { env } = environment(stored);
    const [set] = await updates('UPDATE t SET l[2] = 70 WHERE pk = 1 AND ck = 3', QUORUM, env);
    expect(listCells(set!, 'l')).toEqual({ written: [[3, 70]], deleted: [] });
    const [discard] = await updates('UPDATE t SET l = l - [7] WHERE pk = 1 AND ck = 3', QUORUM, env);
    expect(listCells(discard!, 'l')).toEqual({ written: [], deleted: [1, 3] });
    const [deletion] = await updates('DELETE l[1] FROM t WHERE pk = 1 AND ck = 3', QUORUM, env);
    expect(listCells(deletion!, 'l')).toEqual({ written: [], deleted: [2] });
    await expect(updates('DELETE l[3] FROM t WHERE pk = 1 AND ck = 3', QUORUM, env)).rejects.toThrow('List index 3 out of bound, list has size 3');
  });

  it('reads the static row alone for a static list, and nothing when no operation needs it', async () => {
    const { env, reads } = environment(new Map([[1, { staticCells: new Map([['s', list(4, 5)]]), rows: [] }]]));
    const [update] = await updates('UPDATE t SET s[1] = 50 WHERE pk = 1', QUORUM, env);
    expect(listCells(update!, 's', update!.staticRow)).toEqual({ written: [[2, 50]], deleted: [] });
    expect(reads[0]!.command.filter).toEqual({ kind: 'slices', slices: [], reversed: false });
    await updates('UPDATE t SET l = l + [1], s = [2], v = 3 WHERE pk = 1 AND ck = 1', ANY, env);
    await updates('DELETE l, s FROM t WHERE pk = 1 AND ck = 1', ANY, env);
    expect(reads).toHaveLength(1);
  });

  it('takes the rows a conditional execution read in its Paxos round instead of reading', async () => {
    const { env, reads } = environment(new Map());
    const current: ReadPartition = { key: int(1), token: 1n, ...rowsWithList([3, list(7, 8)]) };
    const [update] = await updates('UPDATE t SET l[1] = 80 WHERE pk = 1 AND ck = 3', ANY, env, [current]);
    expect(listCells(update!, 'l')).toEqual({ written: [[2, 80]], deleted: [] });
    await expect(updates('UPDATE t SET l[1] = 80 WHERE pk = 1 AND ck = 3', ANY, env, [])).rejects.toThrow('list which is null');
    expect(reads).toHaveLength(0);
  });

  it('refuses ANY, which cannot read, and serial levels, which cannot write', async () => {
    const { env, reads } = environment(new Map());
    for (const cql of ['UPDATE t SET l[0] = 1 WHERE pk = 1 AND ck = 1', 'UPDATE t SET l = l - [1] WHERE pk = 1 AND ck = 1', 'DELETE l[0] FROM t WHERE pk = 1 AND ck = 1']) {
      await expect(updates(cql, ANY, env)).rejects.toThrow(new InvalidRequestError('Write operation require a read but consistency ANY is not supported on reads'));
      for (const level of [SERIAL, LOCAL_SERIAL]) {
        await expect(updates(cql, level, env)).rejects.toThrow(new InvalidRequestError('You must use conditional updates for serializable writes'));
      }
    }
    expect(reads).toHaveLength(0);
  });
});
