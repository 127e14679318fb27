import { describe, expect, it } from 'vitest';
import { ByteWriter, InvariantError } from '../../common/index.js';
import { ProtocolError, ServerError } from '../../errors/index.js';
import { createCompressor } from '../compression.js';
import { EnvelopeDecoder } from '../envelope-decoder.js';
import { decodeResponse } from '../testing/response-decoder.js';
import { encodeLegacyStartupFrame } from '../testing/request-encoder.js';
import { encodeResponse, writeResponse } from './encode-response.js';
import { EVENT_STREAM_ID, type ResponseMessage } from './response-message.js';
import { encodeUnsupportedVersionError } from './unsupported-version.js';

const text = (s: string): string => Buffer.from(s).toString('hex');
const str = (s: string): string => Buffer.byteLength(s).toString(16).padStart(4, '0') + text(s);
const int = (n: number): string => (n >>> 0).toString(16).padStart(8, '0');
const hexOf = (message: ResponseMessage, streamId = 0, version: 3 | 4 | 5 = 4): string =>
  encodeResponse(message, { version, streamId }).toString('hex');

/** A response envelope: header (response bit set) then body. */
const frame = (version: number, flags: number, streamId: number, opcode: number, body: string): string =>
  (0x80 | version).toString(16) + flags.toString(16).padStart(2, '0') + (streamId & 0xffff).toString(16).padStart(4, '0') +
  opcode.toString(16).padStart(2, '0') + int(body.length / 2) + body;

describe('encodeResponse: messages', () => {
  it('READY, AUTHENTICATE, AUTH_CHALLENGE, AUTH_SUCCESS', () => {
    expect(hexOf({ type: 'READY' }, 3)).toBe(frame(4, 0, 3, 0x02, ''));
    const authenticator = 'org.apache.cassandra.auth.PasswordAuthenticator';
    expect(hexOf({ type: 'AUTHENTICATE', authenticator })).toBe(frame(4, 0, 0, 0x03, str(authenticator)));
    expect(hexOf({ type: 'AUTH_CHALLENGE', token: Buffer.from('01', 'hex') })).toBe(frame(4, 0, 0, 0x0e, int(1) + '01'));
    expect(hexOf({ type: 'AUTH_SUCCESS', token: null }, 7, 5)).toBe(frame(5, 0, 7, 0x10, 'ffffffff'));
  });

  it('SUPPORTED: a string multimap in insertion order', () => {
    const options = new Map([['CQL_VERSION', ['3.4.7']], ['COMPRESSION', ['lz4', 'snappy']]]);
    expect(hexOf({ type: 'SUPPORTED', options })).toBe(
      frame(4, 0, 0, 0x06, '0002' + str('CQL_VERSION') + '0001' + str('3.4.7') + str('COMPRESSION') + '0002' + str('lz4') + str('snappy')),
    );
  });

  it('ERROR and RESULT envelopes', () => {
    expect(hexOf({ type: 'ERROR', error: new ServerError('x') }, 1)).toBe(frame(4, 0, 1, 0x00, int(0) + str('x')));
    expect(hexOf({ type: 'RESULT', result: { kind: 'void' } }, 300)).toBe(frame(4, 0, 300, 0x08, int(1)));
  });

  it('EVENT: TOPOLOGY_CHANGE and STATUS_CHANGE with an [inet], on stream -1', () => {
    const address = { address: Buffer.from([127, 0, 0, 2]), port: 9042 };
    expect(hexOf({ type: 'EVENT', event: { type: 'TOPOLOGY_CHANGE', change: 'NEW_NODE', address } }, EVENT_STREAM_ID)).toBe(
      frame(4, 0, -1, 0x0c, str('TOPOLOGY_CHANGE') + str('NEW_NODE') + '047f000002' + int(9042)),
    );
    expect(hexOf({ type: 'EVENT', event: { type: 'STATUS_CHANGE', change: 'DOWN', address } }, EVENT_STREAM_ID)).toBe(
      frame(4, 0, -1, 0x0c, str('STATUS_CHANGE') + str('DOWN') + '047f000002' + int(9042)),
    );
  });

  it('EVENT: SCHEMA_CHANGE for every target', () => {
    const cases: [ResponseMessage, string][] = [
      [{ type: 'EVENT', event: { type: 'SCHEMA_CHANGE', change: { change: 'CREATED', target: 'KEYSPACE', keyspace: 'ks' } } },
        str('CREATED') + str('KEYSPACE') + str('ks')],
      [{ type: 'EVENT', event: { type: 'SCHEMA_CHANGE', change: { change: 'UPDATED', target: 'TYPE', keyspace: 'ks', name: 'addr' } } },
        str('UPDATED') + str('TYPE') + str('ks') + str('addr')],
      [{ type: 'EVENT', event: { type: 'SCHEMA_CHANGE', change: { change: 'DROPPED', target: 'AGGREGATE', keyspace: 'ks', name: 'avg', argTypes: ['int'] } } },
        str('DROPPED') + str('AGGREGATE') + str('ks') + str('avg') + '0001' + str('int')],
    ];
    for (const [message, rest] of cases) expect(hexOf(message, -1)).toBe(frame(4, 0, -1, 0x0c, str('SCHEMA_CHANGE') + rest));
  });
});

describe('encodeResponse: envelope', () => {
  const uuid = Buffer.alloc(16, 0xab);

  it('puts tracing id, warnings and custom payload ahead of the body, with their flags', () => {
    const out = encodeResponse(
      { type: 'RESULT', result: { kind: 'void' } },
      { version: 4, streamId: 2, tracingId: uuid, warnings: ['careful'], customPayload: new Map([['k', Buffer.from('ff', 'hex')]]) },
    );
    expect(out.toString('hex')).toBe(
      frame(4, 0x0e, 2, 0x08, uuid.toString('hex') + '0001' + str('careful') + '0001' + str('k') + int(1) + 'ff' + int(1)),
    );
  });

  it('drops warnings on v3 and refuses a custom payload there', () => {
    expect(encodeResponse({ type: 'READY' }, { version: 3, streamId: 0, warnings: ['w'] }).toString('hex')).toBe(frame(3, 0, 0, 0x02, ''));
    expect(() => encodeResponse({ type: 'READY' }, { version: 3, streamId: 0, customPayload: new Map() })).toThrow(InvariantError);
  });

  it('compresses v3/v4 bodies (prefix included) and sets flag 0x01', () => {
    const lz4 = createCompressor('lz4');
    const message: ResponseMessage = { type: 'ERROR', error: new ServerError('x'.repeat(200)) };
    const out = encodeResponse(message, { version: 4, streamId: 5, compressor: lz4, warnings: ['w'] });
    expect(out[1]).toBe(0x09);
    expect(out.readInt32BE(5)).toBe(out.length - 9);
    expect(out.length).toBeLessThan(100);
    const plain = encodeResponse(message, { version: 4, streamId: 5, warnings: ['w'] });
    expect(lz4.decompress(out.subarray(9))).toEqual(plain.subarray(9));
    expect(decodeResponse(out, lz4).message).toEqual({ type: 'ERROR', code: 0, message: 'x'.repeat(200), details: Buffer.alloc(0) });
  });

  it('leaves v5 envelopes uncompressed: segments compress instead', () => {
    const out = encodeResponse({ type: 'READY' }, { version: 5, streamId: 0, compressor: createCompressor('lz4') });
    expect(out.toString('hex')).toBe(frame(5, 0, 0, 0x02, ''));
  });

  it('marks v6 (beta) responses with USE_BETA (0x10) beside their other flags, as Cassandra does', () => {
    expect(encodeResponse({ type: 'READY' }, { version: 6, streamId: 3 }).toString('hex')).toBe(frame(6, 0x10, 3, 0x02, ''));
    const warned = encodeResponse({ type: 'RESULT', result: { kind: 'void' } }, { version: 6, streamId: 1, warnings: ['w'] });
    expect(warned.toString('hex')).toBe(frame(6, 0x18, 1, 0x08, '0001' + str('w') + int(1)));
    expect(encodeResponse({ type: 'READY' }, { version: 5, streamId: 3 })[1]).toBe(0);
  });
});

describe('writeResponse', () => {
  it('appends envelopes side by side, each as encodeResponse makes it', () => {
    const writer = new ByteWriter();
    const ready: ResponseMessage = { type: 'READY' };
    const result: ResponseMessage = { type: 'RESULT', result: { kind: 'void' } };
    writeResponse(writer, ready, { version: 4, streamId: 1 });
    writeResponse(writer, result, { version: 4, streamId: 2, warnings: ['w'] });
    expect(writer.toBuffer().toString('hex')).toBe(
      encodeResponse(ready, { version: 4, streamId: 1 }).toString('hex') +
        encodeResponse(result, { version: 4, streamId: 2, warnings: ['w'] }).toString('hex'),
    );
  });

  it('appends nothing when the message cannot be encoded', () => {
    const writer = new ByteWriter();
    writeResponse(writer, { type: 'READY' }, { version: 4, streamId: 1 });
    const before = writer.toBuffer().toString('hex');
    expect(() => writeResponse(writer, { type: 'AUTHENTICATE', authenticator: 'x'.repeat(70_000) }, { version: 4, streamId: 2 }))
      .toThrow(InvariantError);
    expect(writer.toBuffer().toString('hex')).toBe(before);
  });
});

describe('encodeUnsupportedVersionError', () => {
  const message = 'Invalid or unsupported protocol version (2); supported versions are (3/v3, 4/v4, 5/v5, 6/v6-beta)';

  it('answers a v2 client in the v2 layout, on its stream', () => {
    const [event] = new EnvelopeDecoder().push(encodeLegacyStartupFrame(2, 7));
    if (event?.kind !== 'unsupported-version') throw new Error('expected a version error');
    const out = encodeUnsupportedVersionError(event);
    const body = int(0x0a) + str(message);
    expect(out.toString('hex')).toBe('82' + '00' + '07' + '00' + int(body.length / 2) + body);
    expect(decodeResponse(out)).toMatchObject({ version: 2, streamId: 7, message: { type: 'ERROR', code: 0x0a, message } });
  });

  it('answers other versions in v4 by default, or the version asked for', () => {
    const received = { kind: 'unsupported-version', version: 0x42, streamId: 3, error: new ProtocolError('nope') } as const;
    expect(encodeUnsupportedVersionError(received).toString('hex')).toBe(frame(4, 0, 3, 0x00, int(0x0a) + str('nope')));
    expect(encodeUnsupportedVersionError(received, 5).toString('hex')).toBe(frame(5, 0, 3, 0x00, int(0x0a) + str('nope')));
  });
});
