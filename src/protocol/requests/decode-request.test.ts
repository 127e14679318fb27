import { describe, expect, it } from 'vitest';
import { UNSET } from '../../common/index.js';
import { ConsistencyLevel, ProtocolError } from '../../errors/index.js';
import { createCompressor } from '../compression.js';
import { EnvelopeDecoder } from '../envelope-decoder.js';
import type { Envelope } from '../envelope.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { decodeRequest } from './decode-request.js';
import type { RequestMessage } from './request-message.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');
const text = (s: string): string => Buffer.from(s).toString('hex');

/** A request envelope from its header fields and a hex body, going through the real envelope decoder. */
function envelope(version: ProtocolVersion, opcode: number, body: string, flags = 0, streamId = 0): Envelope {
  const bytes = hex(body);
  const header = Buffer.alloc(9);
  header.writeUInt8(version, 0);
  header.writeUInt8(flags, 1);
  header.writeInt16BE(streamId, 2);
  header.writeUInt8(opcode, 4);
  header.writeUInt32BE(bytes.length, 5);
  const [event] = new EnvelopeDecoder().push(Buffer.concat([header, bytes]));
  if (event?.kind !== 'envelope') throw new Error('no envelope');
  return event.envelope;
}

const message = (version: ProtocolVersion, opcode: number, body: string): RequestMessage =>
  decodeRequest(envelope(version, opcode, body)).message;

const SELECT_1 = '00000008' + text('SELECT 1');

describe('decodeRequest: messages', () => {
  it('STARTUP: a string map', () => {
    const body = '0002' + '000b' + text('CQL_VERSION') + '0005' + text('3.0.0') + '000b' + text('COMPRESSION') + '0003' + text('lz4');
    expect(message(4, 0x01, body)).toEqual({
      type: 'STARTUP',
      options: new Map([['CQL_VERSION', '3.0.0'], ['COMPRESSION', 'lz4']]),
    });
  });

  it('OPTIONS: empty', () => {
    expect(message(3, 0x05, '')).toEqual({ type: 'OPTIONS' });
  });

  it('QUERY v4: byte flags, values with null and unset, every optional part', () => {
    const body = SELECT_1 + '0006' + '3f' + '0003' + '000000012a' + 'ffffffff' + 'fffffffe' + '00001388' + '00000002abcd' + '0009' + '0000000000000064';
    expect(message(4, 0x07, body)).toEqual({
      type: 'QUERY',
      query: 'SELECT 1',
      parameters: {
        consistency: ConsistencyLevel.LOCAL_QUORUM,
        values: [hex('2a'), null, UNSET],
        valueNames: null,
        skipMetadata: true,
        pageSize: 5000,
        pagingState: hex('abcd'),
        serialConsistency: ConsistencyLevel.LOCAL_SERIAL,
        timestamp: 100n,
        keyspace: null,
        nowInSeconds: null,
      },
    });
  });

  it('QUERY v5: int flags, named values, keyspace and now_in_seconds', () => {
    const body = SELECT_1 + '0001' + '000001c1' + '0001' + '0001' + text('k') + '00000000' + '0002' + text('ks') + '00000e10';
    expect(message(5, 0x07, body)).toEqual({
      type: 'QUERY',
      query: 'SELECT 1',
      parameters: {
        consistency: ConsistencyLevel.ONE,
        values: [Buffer.alloc(0)],
        valueNames: ['k'],
        skipMetadata: false,
        pageSize: null,
        pagingState: null,
        serialConsistency: ConsistencyLevel.SERIAL,
        timestamp: null,
        keyspace: 'ks',
        nowInSeconds: 3600,
      },
    });
  });

  it('QUERY v3: a -2 length is null, not unset', () => {
    const query = message(3, 0x07, SELECT_1 + '0001' + '01' + '0001' + 'fffffffe');
    expect(query.type === 'QUERY' && query.parameters.values).toEqual([null]);
  });

  it('PREPARE: v4 is the query alone; v5 adds flags and an optional keyspace', () => {
    expect(message(4, 0x09, SELECT_1)).toEqual({ type: 'PREPARE', query: 'SELECT 1', keyspace: null });
    expect(message(5, 0x09, SELECT_1 + '00000001' + '0002' + text('ks'))).toEqual({ type: 'PREPARE', query: 'SELECT 1', keyspace: 'ks' });
    expect(message(5, 0x09, SELECT_1 + '00000000')).toEqual({ type: 'PREPARE', query: 'SELECT 1', keyspace: null });
  });

  it('EXECUTE: v5 carries the result metadata id', () => {
    const v4 = message(4, 0x0a, '0002cafe' + '0001' + '00');
    expect(v4).toMatchObject({ type: 'EXECUTE', statementId: hex('cafe'), resultMetadataId: null });
    const v5 = message(5, 0x0a, '0002cafe' + '0002beef' + '0001' + '00000002');
    expect(v5).toMatchObject({ type: 'EXECUTE', statementId: hex('cafe'), resultMetadataId: hex('beef') });
    expect(v5.type === 'EXECUTE' && v5.parameters.skipMetadata).toBe(true);
  });

  it('BATCH v4: query and prepared children, serial consistency and timestamp', () => {
    const body = '01' + '0002' + '00' + SELECT_1 + '0000' + '01' + '0002cafe' + '0001' + '0000000107' + '0004' + '30' + '0008' + '00000000000003e8';
    expect(message(4, 0x0d, body)).toEqual({
      type: 'BATCH',
      batchType: 'UNLOGGED',
      children: [
        { kind: 'query', query: 'SELECT 1', values: [] },
        { kind: 'prepared', statementId: hex('cafe'), values: [hex('07')] },
      ],
      consistency: ConsistencyLevel.QUORUM,
      serialConsistency: ConsistencyLevel.SERIAL,
      timestamp: 1000n,
      keyspace: null,
      nowInSeconds: null,
    });
  });

  it('BATCH v5: int flags with keyspace and now_in_seconds', () => {
    expect(message(5, 0x0d, '02' + '0000' + '0001' + '00000180' + '0002' + text('ks') + '0000003c')).toEqual({
      type: 'BATCH',
      batchType: 'COUNTER',
      children: [],
      consistency: ConsistencyLevel.ONE,
      serialConsistency: ConsistencyLevel.SERIAL,
      timestamp: null,
      keyspace: 'ks',
      nowInSeconds: 60,
    });
  });

  it('REGISTER: a string list of event types', () => {
    const body = '0003' + '000f' + text('TOPOLOGY_CHANGE') + '000d' + text('STATUS_CHANGE') + '000d' + text('schema_change');
    expect(message(4, 0x0b, body)).toEqual({ type: 'REGISTER', eventTypes: ['TOPOLOGY_CHANGE', 'STATUS_CHANGE', 'SCHEMA_CHANGE'] });
  });

  it('AUTH_RESPONSE: a [bytes] token', () => {
    expect(message(4, 0x0f, '0000000a' + '00' + text('user') + '00' + text('pass'))).toEqual({
      type: 'AUTH_RESPONSE',
      token: hex('00' + text('user') + '00' + text('pass')),
    });
    expect(message(4, 0x0f, 'ffffffff')).toEqual({ type: 'AUTH_RESPONSE', token: null });
  });
});

describe('decodeRequest: envelope flags', () => {
  it('reports the stream, version and tracing flag', () => {
    const request = decodeRequest(envelope(4, 0x05, '', 0x02, 1234));
    expect(request).toEqual({ version: 4, streamId: 1234, tracingRequested: true, customPayload: null, message: { type: 'OPTIONS' } });
  });

  it('reads a custom payload ahead of the body on v4+, refuses it on v3', () => {
    const body = '0001' + '0001' + text('k') + '00000001ff' + SELECT_1;
    expect(decodeRequest(envelope(4, 0x09, body, 0x04)).customPayload).toEqual(new Map([['k', hex('ff')]]));
    expect(() => decodeRequest(envelope(3, 0x09, body, 0x04))).toThrow(
      new ProtocolError('Received frame with CUSTOM_PAYLOAD flag for native protocol version < 4'),
    );
  });

  it('decompresses v3/v4 bodies with the negotiated compressor', () => {
    const lz4 = createCompressor('lz4');
    const compressed = lz4.compress(hex(SELECT_1)).toString('hex');
    expect(decodeRequest(envelope(4, 0x09, compressed, 0x01), lz4).message).toEqual({ type: 'PREPARE', query: 'SELECT 1', keyspace: null });
    // Without a negotiated compressor the flag is ignored, as by Cassandra: the body is read as it is.
    expect(decodeRequest(envelope(4, 0x09, SELECT_1, 0x01)).message).toEqual({ type: 'PREPARE', query: 'SELECT 1', keyspace: null });
  });

  it('ignores the compression flag on v5', () => {
    expect(decodeRequest(envelope(5, 0x05, '', 0x01)).message).toEqual({ type: 'OPTIONS' });
  });
});

describe('decodeRequest: errors', () => {
  const fails = (version: ProtocolVersion, opcode: number, body: string, why: string): void => {
    const attempt = (): unknown => decodeRequest(envelope(version, opcode, body));
    expect(attempt).toThrow(ProtocolError);
    expect(attempt).toThrow(why);
  };

  it('refuses unknown opcodes, CREDENTIALS and response opcodes', () => {
    fails(4, 0x11, '', 'Unknown opcode 17');
    fails(4, 0x04, '', 'Unsupported message');
    fails(4, 0x02, '', 'Wrong protocol direction (expected RESPONSE, got REQUEST) for opcode 2 (READY)');
    const asResponse = { ...envelope(4, 0x05, ''), isResponse: true };
    expect(() => decodeRequest(asResponse)).toThrow('Wrong protocol direction (expected REQUEST, got RESPONSE) for opcode 5 (OPTIONS)');
  });

  it('refuses truncated bodies with ProtocolError', () => {
    fails(4, 0x07, SELECT_1 + '00', 'Not enough bytes to read a short');
    fails(4, 0x07, SELECT_1 + '0001' + '01' + '0001' + '00000005aa', 'Not enough bytes to read a value');
    fails(5, 0x07, SELECT_1 + '0001' + '00', 'Not enough bytes to read an int');
    fails(4, 0x07, '000000ff' + text('SELECT'), 'Not enough bytes to read an UTF8 serialized string preceded by its 4 bytes length');
    fails(4, 0x01, '0001' + '0001', 'Not enough bytes to read an UTF8 serialized string preceded by its 2 bytes length');
  });

  it('refuses invalid values in bodies', () => {
    fails(4, 0x07, SELECT_1 + '000b' + '00', 'Unknown code 11 for a consistency level');
    fails(4, 0x07, SELECT_1 + '0001' + '20' + '8000000000000000', 'Out of bound timestamp, must be in [-9223372036854775807, 9223372036854775807] (got -9223372036854775808)');
    fails(4, 0x07, SELECT_1 + '0001' + '01' + '0001' + 'fffffffd', 'Invalid ByteBuf length -3');
    fails(4, 0x0d, '03' + '0000' + '0001' + '00', 'Invalid BATCH message type 3');
    fails(4, 0x0d, '00' + '0001' + '02', 'Invalid query kind in BATCH messages. Must be 0 or 1 but got 2');
    fails(4, 0x0b, '0001' + '0003' + text('FOO'), "Invalid value 'FOO' for Type");
  });
});

describe('decodeRequest: strings that are not UTF-8', () => {
  // Inputs from the protocol fuzz test: these used to be decoded with U+FFFD in place of the bad bytes
  // and reach the parser ("no viable alternative at character '�'") or the option checks.
  const refused = (version: ProtocolVersion, opcode: number, body: string, bad: string): void => {
    const attempt = (): unknown => decodeRequest(envelope(version, opcode, body));
    expect(attempt).toThrow(ProtocolError);
    expect(attempt).toThrow(`Cannot decode string as UTF8: '${bad}'`);
  };

  it('refuses them in [long string] statements, as Cassandra\'s CBUtil does', () => {
    refused(4, 0x07, '00000009' + text('SELECT') + 'c328' + text('1') + '000100', text('SELECT') + 'c328' + text('1'));
    refused(5, 0x09, '00000003' + 'eda080' + '00000000', 'eda080');
    refused(4, 0x0d, '00' + '0001' + '00' + '00000002' + 'c080' + '0000' + '000100', 'c080');
  });

  it('refuses them in [string]s: STARTUP options, event types, value names, keyspaces', () => {
    refused(4, 0x01, '0001' + '000b' + text('CQL_VERSION') + '0006' + text('3.0.') + 'e282', text('3.0.') + 'e282');
    refused(4, 0x0b, '0001' + '000e' + text('SCHEMA_') + 'ff' + text('CHANGE'), text('SCHEMA_') + 'ff' + text('CHANGE'));
    refused(4, 0x07, SELECT_1 + '0001' + '41' + '0001' + '0001' + '80' + '00000000', '80');
    refused(5, 0x07, SELECT_1 + '0001' + '00000080' + '0004' + 'f4908080', 'f4908080');
  });

  it('refuses them in custom payload keys', () => {
    const attempt = (): unknown => decodeRequest(envelope(4, 0x05, '0001' + '0001' + 'ff' + '00000000', 0x04));
    expect(attempt).toThrow("Cannot decode string as UTF8: 'ff'");
  });

  it('still reads multi-byte UTF-8', () => {
    const query = 'SELECT \u00e9t\u00e9, \u65e5\u672c, \u{1f98a}';
    const body = Buffer.from(query, 'utf8');
    expect(message(4, 0x09, body.length.toString(16).padStart(8, '0') + body.toString('hex'))).toEqual({ type: 'PREPARE', query, keyspace: null });
  });
});
