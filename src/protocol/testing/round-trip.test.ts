import { describe, expect, it } from 'vitest';
import { SeededRandom, UNSET, type BoundValue } from '../../common/index.js';
import { ConsistencyLevel } from '../../errors/index.js';
import { native, opaqueCustomType, type CqlType } from '../../types/index.js';
import { createCompressor } from '../compression.js';
import { EnvelopeDecoder } from '../envelope-decoder.js';
import type { ProtocolVersion } from '../protocol-version.js';
import { decodeRequest } from '../requests/decode-request.js';
import type { QueryParameters, Request, RequestMessage } from '../requests/request-message.js';
import { encodeResponse } from '../responses/encode-response.js';
import { encodeRequestFrame, queryParameters, type RequestFrameOptions } from './request-encoder.js';
import { decodeResponse } from './response-decoder.js';

function roundTrip(message: RequestMessage, options: RequestFrameOptions = {}): Request {
  const [event, ...rest] = new EnvelopeDecoder().push(encodeRequestFrame(message, options));
  expect(rest).toEqual([]);
  if (event?.kind !== 'envelope') throw new Error('expected an envelope');
  return decodeRequest(event.envelope, options.compressor ?? null);
}

function randomParameters(random: SeededRandom, version: ProtocolVersion): QueryParameters {
  const chance = (): boolean => random.next() < 0.5;
  const valueCount = Math.floor(random.next() * 4);
  const values: BoundValue[] = Array.from({ length: valueCount }, () => {
    const pick = random.next();
    if (pick < 0.2) return null;
    if (pick < 0.3 && version >= 4) return UNSET;
    return random.bytes(Math.floor(random.next() * 20));
  });
  return queryParameters({
    consistency: Math.floor(random.next() * 11) as ConsistencyLevel,
    values,
    valueNames: valueCount > 0 && chance() ? values.map((_, i) => `v${i}`) : null,
    skipMetadata: chance(),
    pageSize: chance() ? Math.floor(random.next() * 10000) : null,
    pagingState: chance() ? random.bytes(8) : null,
    serialConsistency: chance() ? ConsistencyLevel.LOCAL_SERIAL : ConsistencyLevel.SERIAL,
    timestamp: chance() ? random.nextInt64() / 2n : null,
    keyspace: version >= 5 && chance() ? 'ks' : null,
    nowInSeconds: version >= 5 && chance() ? Math.floor(random.next() * 1e9) : null,
  });
}

describe('request frames round-trip through decodeRequest', () => {
  it('QUERY and EXECUTE with random parameters, every version', () => {
    const random = new SeededRandom(42);
    for (let i = 0; i < 300; i++) {
      const version = (3 + (i % 3)) as ProtocolVersion;
      const parameters = randomParameters(random, version);
      const query: RequestMessage = { type: 'QUERY', query: `SELECT ${i}`, parameters };
      expect(roundTrip(query, { version, streamId: i }).message).toEqual(query);
      const execute: RequestMessage = {
        type: 'EXECUTE',
        statementId: random.bytes(16),
        resultMetadataId: version >= 5 ? random.bytes(16) : null,
        parameters,
      };
      expect(roundTrip(execute, { version }).message).toEqual(execute);
    }
  });

  it('every other message kind, with envelope options', () => {
    const messages: RequestMessage[] = [
      { type: 'STARTUP', options: new Map([['CQL_VERSION', '3.0.0']]) },
      { type: 'OPTIONS' },
      { type: 'PREPARE', query: 'SELECT * FROM t', keyspace: 'ks' },
      { type: 'REGISTER', eventTypes: ['SCHEMA_CHANGE'] },
      { type: 'AUTH_RESPONSE', token: Buffer.from('\0u\0p') },
      {
        type: 'BATCH',
        batchType: 'LOGGED',
        children: [{ kind: 'query', query: 'INSERT', values: [Buffer.from('01', 'hex'), UNSET] }, { kind: 'prepared', statementId: Buffer.from('ab', 'hex'), values: [] }],
        consistency: ConsistencyLevel.TWO,
        serialConsistency: ConsistencyLevel.LOCAL_SERIAL,
        timestamp: 123n,
        keyspace: 'ks',
        nowInSeconds: 9,
      },
    ];
    const customPayload = new Map([['x', Buffer.from('1')]]);
    for (const message of messages) {
      const request = roundTrip(message, { version: 5, streamId: 77, tracing: true, customPayload });
      expect(request).toEqual({ version: 5, streamId: 77, tracingRequested: true, customPayload, message });
    }
  });

  it('compressed v4 frames, lz4 and snappy', () => {
    const message: RequestMessage = { type: 'QUERY', query: 'SELECT * FROM t'.repeat(20), parameters: queryParameters() };
    for (const name of ['lz4', 'snappy'] as const) {
      expect(roundTrip(message, { compressor: createCompressor(name) }).message).toEqual(message);
    }
  });
});

describe('responses round-trip through decodeResponse', () => {
  it('rows with metadata of every type kind', () => {
    const types: CqlType[] = [
      native('int'),
      { kind: 'list', element: native('text'), frozen: false },
      { kind: 'map', key: native('uuid'), value: { kind: 'set', element: native('date'), frozen: false }, frozen: false },
      { kind: 'udt', keyspace: 'ks', name: 'u', fields: [{ name: 'f', type: native('duration') }], frozen: false },
      { kind: 'tuple', elements: [native('tinyint'), native('blob')] },
      opaqueCustomType('com.example.T'),
    ];
    const columns = types.map((type, i) => ({ keyspace: 'ks', table: 't', name: `c${i}`, type }));
    const rows = [types.map((_, i) => (i % 2 === 0 ? null : Buffer.from([i])))];
    const out = encodeResponse({ type: 'RESULT', result: { kind: 'rows', metadata: { columns }, rows } }, { version: 5, streamId: 9 });
    expect(decodeResponse(out).message).toEqual({
      type: 'RESULT',
      result: { kind: 'rows', metadata: { flags: 1, columnCount: 6, pagingState: null, newMetadataId: null, columns }, rows },
    });
  });
});
