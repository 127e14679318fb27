import { describe, expect, it } from 'vitest';
import { ByteWriter, InvariantError } from '../../common/index.js';
import { native } from '../../types/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { EMPTY_RESULT_METADATA, type ColumnSpec, type Result } from './response-message.js';
import { writeResultBody } from './result-body.js';

const text = (s: string): string => Buffer.from(s).toString('hex');
const str = (s: string): string => Buffer.byteLength(s).toString(16).padStart(4, '0') + text(s);
const int = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');

function body(result: Result, version: ProtocolVersion): string {
  const writer = new ByteWriter();
  writeResultBody(writer, result, version);
  return writer.toBuffer().toString('hex');
}

const K: ColumnSpec = { keyspace: 'ks', table: 't', name: 'k', type: native('int') };
const V: ColumnSpec = { keyspace: 'ks', table: 't', name: 'v', type: native('text') };
const OTHER: ColumnSpec = { keyspace: 'ks', table: 'u', name: 'w', type: native('boolean') };
const ROWS = [[Buffer.from('00000001', 'hex'), Buffer.from('a')], [Buffer.from('00000002', 'hex'), null]];
const ROWS_CONTENT = int(2) + int(4) + '00000001' + int(1) + text('a') + int(4) + '00000002' + 'ffffffff';

describe('RESULT bodies', () => {
  it('Void, Set_keyspace', () => {
    expect(body({ kind: 'void' }, 4)).toBe('00000001');
    expect(body({ kind: 'set-keyspace', keyspace: 'ks' }, 4)).toBe('00000003' + str('ks'));
  });

  it('Rows: one global table spec when every column comes from the same table', () => {
    expect(body({ kind: 'rows', metadata: { columns: [K, V] }, rows: ROWS }, 4)).toBe(
      '00000002' + int(0x0001) + int(2) + str('ks') + str('t') + str('k') + '0009' + str('v') + '000d' + ROWS_CONTENT,
    );
  });

  it('Rows: the same columns encode the same on every response and per protocol version', () => {
    const columns = [K, { keyspace: 'ks', table: 't', name: 'd', type: native('date') }];
    const expected = (dateType: string): string =>
      '00000002' + int(0x0001) + int(2) + str('ks') + str('t') + str('k') + '0009' + str('d') + dateType + int(0);
    const v3Date = '0000' + str('org.apache.cassandra.db.marshal.SimpleDateType');
    for (let i = 0; i < 2; i++) {
      expect(body({ kind: 'rows', metadata: { columns }, rows: [] }, 4)).toBe(expected('0011'));
      expect(body({ kind: 'rows', metadata: { columns }, rows: [] }, 3)).toBe(expected(v3Date));
    }
  });

  it('Rows: per-column table specs and a paging state', () => {
    expect(body({ kind: 'rows', metadata: { columns: [K, OTHER], pagingState: Buffer.from('abcd', 'hex') }, rows: [] }, 4)).toBe(
      '00000002' + int(0x0002) + int(2) + int(2) + 'abcd' +
        str('ks') + str('t') + str('k') + '0009' + str('ks') + str('u') + str('w') + '0004' + int(0),
    );
  });

  it('Rows: No_metadata sends only the flags, count and paging state', () => {
    const metadata = { columns: [K, V], skipMetadata: true, pagingState: Buffer.from('01', 'hex') };
    expect(body({ kind: 'rows', metadata, rows: ROWS }, 4)).toBe('00000002' + int(0x0006) + int(2) + int(1) + '01' + ROWS_CONTENT);
  });

  it('Rows: Metadata_changed with the new id on v5 only', () => {
    const metadata = { columns: [K], newMetadataId: Buffer.from('beef', 'hex') };
    const rows = [[Buffer.from('00000001', 'hex')]];
    const content = int(1) + int(4) + '00000001';
    expect(body({ kind: 'rows', metadata, rows }, 5)).toBe('00000002' + int(0x0009) + int(1) + '0002beef' + str('ks') + str('t') + str('k') + '0009' + content);
    expect(body({ kind: 'rows', metadata, rows }, 4)).toBe('00000002' + int(0x0001) + int(1) + str('ks') + str('t') + str('k') + '0009' + content);
  });

  it('Rows: refuses rows whose cell count differs from the column count', () => {
    expect(() => body({ kind: 'rows', metadata: { columns: [K, V] }, rows: [[null]] }, 4)).toThrow(InvariantError);
    expect(() => body({ kind: 'rows', metadata: { columns: [K], skipMetadata: true, newMetadataId: Buffer.alloc(1) }, rows: [] }, 5)).toThrow(
      InvariantError,
    );
  });

  const prepared: Result = {
    kind: 'prepared',
    statementId: Buffer.from('cafe', 'hex'),
    resultMetadataId: Buffer.from('beef', 'hex'),
    metadata: { variables: [K, V], partitionKeyIndexes: [0] },
    resultMetadata: EMPTY_RESULT_METADATA,
  };
  const variables = str('ks') + str('t') + str('k') + '0009' + str('v') + '000d';
  const noRows = int(0x0004) + int(0);

  it('Prepared v4: id, bind metadata with partition key indexes, result metadata', () => {
    expect(body(prepared, 4)).toBe('00000004' + '0002cafe' + int(1) + int(2) + int(1) + '0000' + variables + noRows);
  });

  it('Prepared v5 adds the result metadata id; v3 has no partition key indexes', () => {
    expect(body(prepared, 5)).toBe('00000004' + '0002cafe' + '0002beef' + int(1) + int(2) + int(1) + '0000' + variables + noRows);
    expect(body(prepared, 3)).toBe('00000004' + '0002cafe' + int(1) + int(2) + variables + noRows);
  });

  it('Prepared: no partition key indexes when the markers span tables or some are missing', () => {
    const spanning: Result = { ...prepared, metadata: { variables: [K, OTHER], partitionKeyIndexes: [0] } };
    expect(body(spanning, 4)).toBe(
      '00000004' + '0002cafe' + int(0) + int(2) + int(0) + str('ks') + str('t') + str('k') + '0009' + str('ks') + str('u') + str('w') + '0004' + noRows,
    );
    const unrouted: Result = { ...prepared, metadata: { variables: [V], partitionKeyIndexes: null } };
    expect(body(unrouted, 4)).toBe('00000004' + '0002cafe' + int(1) + int(1) + int(0) + str('ks') + str('t') + str('v') + '000d' + noRows);
  });

  it('Prepared: result metadata of a SELECT describes its columns', () => {
    const select: Result = { ...prepared, metadata: { variables: [], partitionKeyIndexes: null }, resultMetadata: { columns: [V] } };
    expect(body(select, 4)).toBe('00000004' + '0002cafe' + int(0) + int(0) + int(0) + int(1) + int(1) + str('ks') + str('t') + str('v') + '000d');
  });

  it('Schema_change: the three parts of the SCHEMA_CHANGE event', () => {
    const table = { change: 'CREATED', target: 'TABLE', keyspace: 'ks', name: 't' } as const;
    expect(body({ kind: 'schema-change', change: table }, 4)).toBe('00000005' + str('CREATED') + str('TABLE') + str('ks') + str('t'));
    const keyspace = { change: 'DROPPED', target: 'KEYSPACE', keyspace: 'ks' } as const;
    expect(body({ kind: 'schema-change', change: keyspace }, 4)).toBe('00000005' + str('DROPPED') + str('KEYSPACE') + str('ks'));
  });

  it('Schema_change: functions carry their argument types from v4, and read as a keyspace update on v3', () => {
    const fn = { change: 'CREATED', target: 'FUNCTION', keyspace: 'ks', name: 'f', argTypes: ['int', 'text'] } as const;
    expect(body({ kind: 'schema-change', change: fn }, 4)).toBe(
      '00000005' + str('CREATED') + str('FUNCTION') + str('ks') + str('f') + '0002' + str('int') + str('text'),
    );
    expect(body({ kind: 'schema-change', change: fn }, 3)).toBe('00000005' + str('UPDATED') + str('KEYSPACE') + str('ks') + '0000');
  });
});
