/**
 * Well-formed requests of every kind a client sends (STARTUP, OPTIONS, QUERY, PREPARE, EXECUTE, BATCH,
 * REGISTER), on the fuzz table (k int PRIMARY KEY, t text, l list<int>, m map<text, int>), as field
 * lists to mutate.
 */
import { Opcode } from '../raw-cql-connection.js';
import { scalar, short, shortBytes, statement, string, type Dice, type Field, type SizedField } from './fields.js';

/** CQL values bound to the fuzz table's columns (k int, t text, l list<int>, m map<text, int>). */
function intValue(n: number): SizedField {
  const data = Buffer.alloc(4);
  data.writeInt32BE(n, 0);
  return { kind: 'value', data, text: false };
}
const textValue = (text: string): SizedField => ({ kind: 'value', data: Buffer.from(text, 'utf8'), text: true });
const collection = (count: number, elements: Field[]): SizedField =>
  ({ kind: 'value', data: Buffer.alloc(0), text: false, inner: [scalar('int', count, 'count'), ...elements] });

const WORDS = ['a', 'fuzz', 'été', '日本語', '🦊 fox', ''];
/** Text large enough for an envelope that spans v5 segments (128 KiB payload each). */
const LONG_TEXT = 'é'.repeat(70_000);

function rowValues(dice: Dice): SizedField[] {
  const key = dice.int(1000);
  const list = Array.from({ length: dice.int(4) }, () => intValue(dice.int(100)));
  const entries = Array.from({ length: dice.int(3) }, (_, i) => [textValue(`${dice.pick(WORDS)}${i}`), intValue(dice.int(100))]).flat();
  const text = dice.chance(0.03) ? LONG_TEXT : dice.pick(WORDS);
  return [intValue(key), textValue(text), collection(list.length, list), collection(entries.length / 2, entries)];
}

interface ParameterOptions {
  readonly values?: readonly Field[];
  readonly names?: readonly string[];
  readonly skipMetadata?: boolean;
  readonly pageSize?: number;
  readonly pagingState?: Buffer;
  readonly serialConsistency?: number;
  readonly timestamp?: bigint;
  readonly keyspace?: string;
  readonly nowInSeconds?: number;
}

const ONE = 0x0001;
const LOCAL_SERIAL = 0x0009;

/** <query_parameters> (spec section 4.1.4), flags in a [byte] before v5 and an [int] from v5. */
function queryParameters(version: number, o: ParameterOptions): Field[] {
  let flags = 0;
  const parts: Field[] = [];
  if (o.values !== undefined) {
    flags |= 0x01;
    parts.push(short(o.values.length, 'count'));
    o.values.forEach((value, i) => {
      const name = o.names?.[i];
      if (name !== undefined) parts.push(string(name));
      parts.push(value);
    });
  }
  if (o.names !== undefined) flags |= 0x40;
  if (o.skipMetadata === true) flags |= 0x02;
  // The optional parts, in the order of their flags.
  const optional: [number, Field | undefined][] = [
    [0x04, o.pageSize === undefined ? undefined : scalar('int', o.pageSize)],
    [0x08, o.pagingState === undefined ? undefined : { kind: 'bytes', data: o.pagingState, text: false }],
    [0x10, o.serialConsistency === undefined ? undefined : short(o.serialConsistency, 'consistency')],
    [0x20, o.timestamp === undefined ? undefined : scalar('long', o.timestamp)],
    [0x80, o.keyspace === undefined ? undefined : string(o.keyspace)],
    [0x100, o.nowInSeconds === undefined ? undefined : scalar('int', o.nowInSeconds)],
  ];
  for (const [flag, field] of optional) {
    if (field === undefined) continue;
    flags |= flag;
    parts.push(field);
  }
  return [short(ONE, 'consistency'), scalar(version >= 5 ? 'uint' : 'byte', flags, 'flags'), ...parts];
}

/** What the server created for the fuzz run: its keyspace, statements it prepared, a paging state. */
export interface FuzzContext {
  readonly keyspace: string;
  readonly insertId: Buffer;
  readonly insertMetadataId: Buffer;
  readonly selectId: Buffer;
  readonly selectMetadataId: Buffer;
  /** A paging state the server produced for `pagedSelect(keyspace)` with 2 rows per page. */
  readonly pagingState: Buffer;
}

export const insertStatement = (ks: string): string => `INSERT INTO ${ks}.fuzz (k, t, l, m) VALUES (?, ?, ?, ?)`;
export const selectStatement = (ks: string): string => `SELECT k, t, l, m FROM ${ks}.fuzz WHERE k = ?`;
export const pagedSelect = (ks: string): string => `SELECT k, t FROM ${ks}.fuzz`;

export interface RequestTemplate {
  readonly name: string;
  readonly opcode: number;
  readonly fields: readonly Field[];
  /** The error code the valid request gets (an unknown prepared id); undefined when it succeeds. */
  readonly expectedError?: number;
}

const UNPREPARED = 0x2500;
const EVENT_TYPES = ['SCHEMA_CHANGE', 'STATUS_CHANGE', 'TOPOLOGY_CHANGE'];

function executeHead(version: number, id: Buffer, metadataId: Buffer): Field[] {
  return version >= 5 ? [shortBytes(id), shortBytes(metadataId)] : [shortBytes(id)];
}

function batch(version: number, ctx: FuzzContext, dice: Dice): RequestTemplate {
  const inKeyspace = version >= 5 && dice.chance(0.5);
  const table = inKeyspace ? 'fuzz' : `${ctx.keyspace}.fuzz`;
  const byQuery = [scalar('byte', 0, 'kind'), statement(`INSERT INTO ${table} (k, t, l, m) VALUES (?, ?, ?, ?)`), short(4, 'count'), ...rowValues(dice)];
  const byId = [scalar('byte', 1, 'kind'), shortBytes(ctx.insertId), short(4, 'count'), ...rowValues(dice)];
  const options = queryParameters(version, {
    ...(dice.chance(0.5) ? { timestamp: BigInt(dice.int(2 ** 30)) } : {}),
    ...(inKeyspace ? { keyspace: ctx.keyspace, nowInSeconds: 1_700_000_000 } : {}),
  });
  const fields = [scalar('byte', dice.int(2), 'kind'), short(2, 'count'), ...byQuery, ...byId, ...options];
  return { name: 'BATCH', opcode: Opcode.BATCH, fields };
}

function query(version: number, ctx: FuzzContext, dice: Dice): RequestTemplate {
  const ks = ctx.keyspace;
  switch (dice.int(5)) {
    case 0:
      return { name: 'QUERY literal', opcode: Opcode.QUERY, fields: [statement(`SELECT k, t, l, m FROM ${ks}.fuzz WHERE k = ${dice.int(1000)}`), ...queryParameters(version, {})] };
    case 1:
      return {
        name: 'QUERY paged',
        opcode: Opcode.QUERY,
        fields: [statement(pagedSelect(ks)), ...queryParameters(version, { skipMetadata: dice.chance(0.5), pageSize: 2, pagingState: ctx.pagingState, serialConsistency: LOCAL_SERIAL })],
      };
    case 2:
      return {
        name: 'QUERY named values',
        opcode: Opcode.QUERY,
        fields: [
          statement(`INSERT INTO ${ks}.fuzz (k, t, l, m) VALUES (:k, :t, :l, :m)`),
          ...queryParameters(version, { values: rowValues(dice), names: ['k', 't', 'l', 'm'], timestamp: BigInt(dice.int(2 ** 30)) }),
        ],
      };
    case 3:
      return {
        name: 'QUERY conditional',
        opcode: Opcode.QUERY,
        fields: [
          statement(`UPDATE ${ks}.fuzz SET t = ? WHERE k = ? IF t = ?`),
          ...queryParameters(version, {
            values: [{ ...textValue(dice.pick(WORDS)), boundIfApplied: true }, intValue(dice.int(10)), textValue('row 1')], serialConsistency: LOCAL_SERIAL,
          }),
        ],
      };
    default: {
      const inKeyspace = version >= 5;
      const fields = [
        statement(inKeyspace ? 'INSERT INTO fuzz (k, t, l, m) VALUES (?, ?, ?, ?)' : insertStatement(ks)),
        ...queryParameters(version, { values: rowValues(dice), ...(inKeyspace ? { keyspace: ks, nowInSeconds: 1_700_000_000 } : {}) }),
      ];
      return { name: 'QUERY values', opcode: Opcode.QUERY, fields };
    }
  }
}

function execute(version: number, ctx: FuzzContext, dice: Dice): RequestTemplate {
  switch (dice.int(3)) {
    case 0:
      return {
        name: 'EXECUTE insert',
        opcode: Opcode.EXECUTE,
        fields: [...executeHead(version, ctx.insertId, ctx.insertMetadataId), ...queryParameters(version, { values: rowValues(dice), timestamp: BigInt(dice.int(2 ** 30)) })],
      };
    case 1:
      return {
        name: 'EXECUTE select',
        opcode: Opcode.EXECUTE,
        fields: [...executeHead(version, ctx.selectId, ctx.selectMetadataId), ...queryParameters(version, { values: [intValue(dice.int(1000))], skipMetadata: true, pageSize: 10 })],
      };
    default:
      return {
        name: 'EXECUTE unknown id',
        opcode: Opcode.EXECUTE,
        fields: [...executeHead(version, dice.bytes(16), dice.bytes(16)), ...queryParameters(version, { values: [intValue(1)] })],
        expectedError: UNPREPARED,
      };
  }
}

const PROTOCOL_ERROR = 0x000a;

/**
 * A well-formed request of a random kind, for a connection that completed STARTUP in `version`. A
 * STARTUP among them is refused: the connection is already initialized.
 */
export function validRequest(version: number, ctx: FuzzContext, dice: Dice): RequestTemplate {
  switch (dice.int(8)) {
    case 0:
      return { name: 'OPTIONS', opcode: Opcode.OPTIONS, fields: [] };
    case 1: {
      const types = EVENT_TYPES.filter(() => dice.chance(0.6));
      return { name: 'REGISTER', opcode: Opcode.REGISTER, fields: [short(types.length, 'count'), ...types.map(string)] };
    }
    case 2: {
      const withKeyspace = version >= 5 && dice.chance(0.5);
      const text = withKeyspace ? 'SELECT k, t FROM fuzz WHERE k = ?' : selectStatement(ctx.keyspace);
      const flags = version >= 5 ? [scalar('uint', withKeyspace ? 1 : 0, 'flags'), ...(withKeyspace ? [string(ctx.keyspace)] : [])] : [];
      return { name: 'PREPARE', opcode: Opcode.PREPARE, fields: [statement(text, 'prepared'), ...flags] };
    }
    case 3:
      return batch(version, ctx, dice);
    case 4:
      return execute(version, ctx, dice);
    case 5:
      return { ...startupRequest(dice, dice.pick(['lz4', 'snappy', undefined])), name: 'second STARTUP', expectedError: PROTOCOL_ERROR };
    default:
      return query(version, ctx, dice);
  }
}

/** A valid STARTUP: CQL_VERSION, sometimes a driver name, and the compression asked for, if any. */
export function startupRequest(dice: Dice, compression?: string): RequestTemplate {
  const options: [string, string][] = [['CQL_VERSION', '3.0.0']];
  if (dice.chance(0.5)) options.push(['DRIVER_NAME', 'fuzz'], ['DRIVER_VERSION', '1.0']);
  if (compression !== undefined) options.push(['COMPRESSION', compression]);
  return { name: 'STARTUP', opcode: Opcode.STARTUP, fields: [short(options.length, 'count'), ...options.flatMap(([k, v]) => [string(k), string(v)])] };
}
