import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../common/index.js';
import { InvalidRequestError, ProtocolError } from '../errors/index.js';
import { encodeEnvelope, writeEnvelopeHeader } from './envelope.js';
import { EnvelopeDecoder, type EnvelopeDecoderEvent } from './envelope-decoder.js';

const hex = (s: string): Buffer => Buffer.from(s.replace(/\s+/g, ''), 'hex');

// QUERY v4, flags 0x02 (tracing), stream 0x0102, opcode 0x07, body length 3.
const QUERY_FRAME = hex('04 02 0102 07 00000003 aabbcc');

function envelopes(events: EnvelopeDecoderEvent[]): string[] {
  return events.map((e) => {
    if (e.kind !== 'envelope') throw new Error(`unexpected ${e.kind}`);
    const { version, isResponse, flags, streamId, opcode, body } = e.envelope;
    return `${version} ${isResponse} ${flags} ${streamId} ${opcode} ${body.toString('hex')}`;
  });
}

describe('envelope header', () => {
  it('encodes the 9-byte v3+ header with the response bit and a signed stream id', () => {
    const bytes = encodeEnvelope({ version: 5, isResponse: true, flags: 0x08, streamId: -1, opcode: 0x0c }, hex('0102'));
    expect(bytes.toString('hex')).toBe('8508ffff0c000000020102');
  });

  it('leaves the length to patch after the body', () => {
    const w = new ByteWriter();
    const lengthAt = writeEnvelopeHeader(w, { version: 4, isResponse: false, flags: 0, streamId: 32767, opcode: 0x05 });
    expect(lengthAt).toBe(5);
    w.setInt(lengthAt, 0);
    expect(w.toBuffer().toString('hex')).toBe('04007fff0500000000');
  });
});

describe('EnvelopeDecoder', () => {
  it('decodes a complete envelope', () => {
    expect(envelopes(new EnvelopeDecoder().push(QUERY_FRAME))).toEqual(['4 false 2 258 7 aabbcc']);
  });

  it('waits for partial headers and bodies, one byte at a time', () => {
    const decoder = new EnvelopeDecoder();
    const seen: string[] = [];
    for (const byte of Buffer.concat([QUERY_FRAME, QUERY_FRAME])) seen.push(...envelopes(decoder.push(Buffer.from([byte]))));
    expect(seen).toEqual(['4 false 2 258 7 aabbcc', '4 false 2 258 7 aabbcc']);
    expect(decoder.bufferedBytes).toBe(0);
  });

  it('yields every envelope of one chunk, and keeps the tail for later', () => {
    const decoder = new EnvelopeDecoder();
    const chunk = Buffer.concat([QUERY_FRAME, hex('030000000500000000'), QUERY_FRAME.subarray(0, 4)]);
    expect(envelopes(decoder.push(chunk))).toEqual(['4 false 2 258 7 aabbcc', '3 false 0 0 5 ']);
    expect(decoder.bufferedBytes).toBe(4);
    expect(decoder.takeRemaining().toString('hex')).toBe('04020102');
  });

  it('gives each envelope a body of its own, not a view into the chunk it came in', () => {
    const chunk = Buffer.concat([QUERY_FRAME, QUERY_FRAME]);
    const [first] = new EnvelopeDecoder().push(chunk);
    if (first?.kind !== 'envelope') throw new Error('expected an envelope');
    chunk.fill(0);
    expect(first.envelope.body.toString('hex')).toBe('aabbcc');
  });

  it('marks envelopes that carry the response bit', () => {
    expect(envelopes(new EnvelopeDecoder().push(hex('8400ffff0200000000')))).toEqual(['4 true 0 -1 2 ']);
  });

  it('answers a v2 STARTUP (8-byte header, one-byte stream) with the version error', () => {
    const decoder = new EnvelopeDecoder();
    expect(decoder.push(hex('0200'))).toEqual([]);
    const [event] = decoder.push(hex('05 01 00000016'));
    expect(event).toMatchObject({ kind: 'unsupported-version', version: 2, streamId: 5 });
    expect(event?.kind === 'unsupported-version' && event.error).toEqual(
      new ProtocolError('Invalid or unsupported protocol version (2); supported versions are (3/v3, 4/v4, 5/v5, 6/v6-beta)'),
    );
    expect(decoder.push(QUERY_FRAME)).toEqual([]);
  });

  it('inside v5 segments, reads a v1/v2 version byte with the 9-byte layout too', () => {
    // From the protocol fuzz test: an OPTIONS claiming v1 on stream 0x5788 inside a v5 segment.
    const event = new EnvelopeDecoder({ framed: true }).push(hex('01 00 5788 05 00000000'));
    expect(event).toMatchObject([{ kind: 'unsupported-version', version: 1, streamId: 0x5788 }]);
  });

  it('reads the stream id of unknown newer versions with the 9-byte layout', () => {
    expect(new EnvelopeDecoder().push(hex('42 00 0003'))).toMatchObject([{ kind: 'unsupported-version', version: 0x42, streamId: 3 }]);
    expect(new EnvelopeDecoder().push(hex('07 10 8000'))).toMatchObject([{ kind: 'unsupported-version', version: 7, streamId: -32768 }]);
  });

  it('decodes v6 (beta) envelopes that carry the USE_BETA flag, and v4/v5 ones with it too', () => {
    expect(envelopes(new EnvelopeDecoder().push(hex('06 10 0007 05 00000000')))).toEqual(['6 false 16 7 5 ']);
    expect(envelopes(new EnvelopeDecoder().push(hex('04 10 0007 05 00000000')))).toEqual(['4 false 16 7 5 ']);
  });

  it('stops at a v6 envelope without USE_BETA before framing: an error for stream 0, as Cassandra answers it', () => {
    const decoder = new EnvelopeDecoder();
    expect(decoder.push(hex('06 00 0007 05'))).toEqual([]);
    const [event] = decoder.push(hex('00000000'));
    expect(event).toMatchObject({ kind: 'beta-flag-unset', version: 6, streamId: 0, fatal: true });
    expect(event?.kind === 'beta-flag-unset' && event.error).toEqual(
      new ProtocolError('Beta version of the protocol used (6/v6-beta), but USE_BETA flag is unset'),
    );
    expect(decoder.push(QUERY_FRAME)).toEqual([]);
  });

  it('inside segments, skips a v6 envelope without USE_BETA, answers its stream, and carries on', () => {
    const decoder = new EnvelopeDecoder({ framed: true });
    const events = decoder.push(hex('06 00 0009 07 00000002 aabb 06 10 000a 07 00000001 cc'));
    expect(events[0]).toMatchObject({ kind: 'beta-flag-unset', version: 6, streamId: 9, fatal: false });
    expect(envelopes(events.slice(1))).toEqual(['6 false 16 10 7 cc']);
  });

  it('refuses envelopes over the frame size limit, skips their bytes, then carries on', () => {
    const decoder = new EnvelopeDecoder({ maxFrameSizeBytes: 20 });
    const big = encodeEnvelope({ version: 4, isResponse: false, flags: 0, streamId: 9, opcode: 7 }, Buffer.alloc(12));
    const [event] = decoder.push(big.subarray(0, 10));
    expect(event).toMatchObject({ kind: 'too-large', version: 4, streamId: 9 });
    expect(event?.kind === 'too-large' && event.error).toEqual(
      new InvalidRequestError('Request is too big: length 21 exceeds maximum allowed length 20.'),
    );
    expect(decoder.push(big.subarray(10, 15))).toEqual([]);
    expect(envelopes(decoder.push(Buffer.concat([big.subarray(15), QUERY_FRAME])))).toEqual(['4 false 2 258 7 aabbcc']);
  });

  it('accepts an envelope of exactly the limit, and uses 16 MiB by default', () => {
    expect(envelopes(new EnvelopeDecoder({ maxFrameSizeBytes: 12 }).push(QUERY_FRAME))).toHaveLength(1);
    const header = hex('04 00 0000 07 00fffff8'); // 9 + 16777208 = 16 MiB + 1
    expect(new EnvelopeDecoder().push(header)).toMatchObject([{ kind: 'too-large' }]);
  });
});
