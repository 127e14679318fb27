import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../common/index.js';
import {
  AlreadyExistsError,
  AuthenticationError,
  CasWriteUnknownError,
  CdcWriteFailureError,
  ConfigurationError,
  ConsistencyLevel,
  FunctionFailureError,
  InvalidRequestError,
  IsBootstrappingError,
  OverloadedError,
  ProtocolError,
  ReadFailureError,
  ReadTimeoutError,
  ServerError,
  SyntaxError as CqlSyntaxError,
  TruncateError,
  UnauthorizedError,
  UnavailableError,
  UnpreparedError,
  WriteFailureError,
  WriteTimeoutError,
  type AnyCqlError,
} from '../../errors/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { writeErrorBody } from './error-body.js';

const text = (s: string): string => Buffer.from(s).toString('hex');
const str = (s: string): string => Buffer.byteLength(s).toString(16).padStart(4, '0') + text(s);

function body(error: AnyCqlError, version: ProtocolVersion): string {
  const writer = new ByteWriter();
  writeErrorBody(writer, error, version);
  return writer.toBuffer().toString('hex');
}

const TIMED_OUT_1 = str('Operation timed out - received only 1 responses.');

describe('ERROR bodies', () => {
  it('codes without payload: [int code][string message]', () => {
    const cases: [AnyCqlError, string][] = [
      [new ServerError('boom'), '00000000'],
      [new ProtocolError('boom'), '0000000a'],
      [new AuthenticationError('boom'), '00000100'],
      [new OverloadedError('boom'), '00001001'],
      [new IsBootstrappingError('boom'), '00001002'],
      [new TruncateError('boom'), '00001003'],
      [new CdcWriteFailureError('boom'), '00001600'],
      [new CqlSyntaxError('boom'), '00002000'],
      [new UnauthorizedError('boom'), '00002100'],
      [new InvalidRequestError('boom'), '00002200'],
      [new ConfigurationError('boom'), '00002300'],
    ];
    for (const [error, code] of cases) expect(body(error, 4)).toBe(code + '0004' + text('boom'));
  });

  it('Unavailable: <cl><required><alive>', () => {
    expect(body(new UnavailableError(ConsistencyLevel.QUORUM, 3, 1), 4)).toBe(
      '00001000' + str('Cannot achieve consistency level QUORUM') + '0004' + '00000003' + '00000001',
    );
  });

  it('Write_timeout: <cl><received><blockfor><writeType>, contentions only for CAS on v5', () => {
    const simple = new WriteTimeoutError(ConsistencyLevel.ONE, 0, 1, 'SIMPLE');
    expect(body(simple, 5)).toBe('00001100' + str('Operation timed out - received only 0 responses.') + '0001' + '00000000' + '00000001' + str('SIMPLE'));
    const cas = new WriteTimeoutError(ConsistencyLevel.SERIAL, 1, 2, 'CAS', 3);
    const casPrefix = '00001100' + TIMED_OUT_1 + '0008' + '00000001' + '00000002' + str('CAS');
    expect(body(cas, 5)).toBe(casPrefix + '0003');
    expect(body(cas, 4)).toBe(casPrefix);
  });

  it('Read_timeout: <cl><received><blockfor><data_present>', () => {
    expect(body(new ReadTimeoutError(ConsistencyLevel.ALL, 1, 3, true), 4)).toBe(
      '00001200' + TIMED_OUT_1 + '0005' + '00000001' + '00000003' + '01',
    );
  });

  it('Read_failure: numfailures on v4, a reason map on v5, a read timeout on v3', () => {
    const failure = new ReadFailureError(ConsistencyLevel.QUORUM, 1, 2, [{ address: Buffer.from([127, 0, 0, 2]), code: 1, endpoint: '/127.0.0.2:7000' }], false);
    const message = str('Operation failed - received 1 responses and 1 failures: READ_TOO_MANY_TOMBSTONES from /127.0.0.2:7000');
    expect(body(failure, 4)).toBe('00001300' + message + '0004' + '00000001' + '00000002' + '00000001' + '00');
    expect(body(failure, 5)).toBe('00001300' + message + '0004' + '00000001' + '00000002' + '00000001' + '047f000002' + '0001' + '00');
    expect(body(failure, 3)).toBe('00001200' + TIMED_OUT_1 + '0004' + '00000001' + '00000002' + '00');
  });

  it('Write_failure: numfailures on v4, a reason map on v5, a write timeout on v3', () => {
    const ipv6 = Buffer.alloc(16);
    ipv6[15] = 1;
    const failure = new WriteFailureError(ConsistencyLevel.ONE, 1, 1, [{ address: ipv6, code: 5, endpoint: '/0:0:0:0:0:0:0:1:7000' }], 'BATCH');
    const message = str('Operation failed - received 1 responses and 1 failures: NODE_DOWN from /0:0:0:0:0:0:0:1:7000');
    expect(body(failure, 4)).toBe('00001500' + message + '0001' + '00000001' + '00000001' + '00000001' + str('BATCH'));
    expect(body(failure, 5)).toBe(
      '00001500' + message + '0001' + '00000001' + '00000001' + '00000001' + '10' + ipv6.toString('hex') + '0005' + str('BATCH'),
    );
    expect(body(failure, 3)).toBe('00001100' + TIMED_OUT_1 + '0001' + '00000001' + '00000001' + str('BATCH'));
  });

  it('Function_failure: <keyspace><function><arg_types>; Invalid before v4', () => {
    const failure = new FunctionFailureError('bad input', 'ks', 'fn', ['int', 'text']);
    expect(body(failure, 4)).toBe('00001400' + str('bad input') + str('ks') + str('fn') + '0002' + str('int') + str('text'));
    expect(body(failure, 3)).toBe('00002200' + str('ERROR FUNCTION_FAILURE: bad input'));
    expect(body(new CdcWriteFailureError('full'), 3)).toBe('00002200' + str('ERROR CDC_WRITE_FAILURE: full'));
  });

  it('CAS_write_unknown: <cl><received><blockfor> on v5, a CAS write timeout before', () => {
    const unknown = new CasWriteUnknownError(ConsistencyLevel.SERIAL, 1, 2);
    expect(body(unknown, 5)).toBe(
      '00001700' + str('CAS operation result is unknown - proposal accepted by 1 but not a quorum.') + '0008' + '00000001' + '00000002',
    );
    expect(body(unknown, 4)).toBe('00001100' + TIMED_OUT_1 + '0008' + '00000001' + '00000002' + str('CAS'));
  });

  it('Already_exists: <ks><table>, table empty for a keyspace', () => {
    expect(body(new AlreadyExistsError('ks', 't'), 4)).toBe('00002400' + str('Cannot add already existing table "t" to keyspace "ks"') + str('ks') + str('t'));
    expect(body(new AlreadyExistsError('ks', ''), 4)).toBe('00002400' + str('Cannot add existing keyspace "ks"') + str('ks') + '0000');
  });

  it('Unprepared: the unknown id as [short bytes]', () => {
    const error = new UnpreparedError(Buffer.from('cafe', 'hex'));
    expect(body(error, 4)).toBe('00002500' + str(error.message) + '0002cafe');
  });

  it('truncates messages longer than a [string] holds', () => {
    const out = body(new ServerError('é'.repeat(40000)), 4);
    expect(parseInt(out.slice(8, 12), 16)).toBeLessThanOrEqual(0xffff);
  });
});
