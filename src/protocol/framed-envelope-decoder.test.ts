import { describe, expect, it } from 'vitest';
import { encodeEnvelope } from './envelope.js';
import { FramedEnvelopeDecoder, type FramedEnvelopeDecoderEvent } from './framed-envelope-decoder.js';
import { PYTHON_VECTORS } from './python-driver-vectors.js';
import { MAX_SEGMENT_PAYLOAD_BYTES, encodeSegments, type SegmentFormat } from './segment-encoder.js';

const query = (streamId: number, bodyBytes: number): Buffer =>
  encodeEnvelope({ version: 5, isResponse: false, flags: 0, streamId, opcode: 0x07 }, Buffer.alloc(bodyBytes, streamId % 256));

function summary(events: FramedEnvelopeDecoderEvent[]): string[] {
  return events.map((e) =>
    e.kind === 'envelope' ? `${e.envelope.streamId}:${e.envelope.body.length}` : `${e.kind}: ${e.error.message}`,
  );
}

function feed(decoder: FramedEnvelopeDecoder, bytes: Buffer, chunkBytes: number): FramedEnvelopeDecoderEvent[] {
  const events: FramedEnvelopeDecoderEvent[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) events.push(...decoder.push(bytes.subarray(at, at + chunkBytes)));
  return events;
}

describe('FramedEnvelopeDecoder', () => {
  for (const format of ['uncompressed', 'lz4'] as SegmentFormat[]) {
    it(`decodes many envelopes per segment and reassembles large ones (${format})`, () => {
      const envelopes = [query(1, 10), query(2, 300000), query(3, 0), query(4, MAX_SEGMENT_PAYLOAD_BYTES), query(5, 5)];
      const bytes = encodeSegments(envelopes, format);
      for (const chunkBytes of [bytes.length, 1000, 65536]) {
        expect(summary(feed(new FramedEnvelopeDecoder(format), bytes, chunkBytes))).toEqual([
          '1:10', '2:300000', '3:0', `4:${MAX_SEGMENT_PAYLOAD_BYTES}`, '5:5',
        ]);
      }
    });
  }

  it("decodes the Python driver's framed OPTIONS", () => {
    const decoder = new FramedEnvelopeDecoder('uncompressed');
    expect(summary(decoder.push(Buffer.from(PYTHON_VECTORS.uncompressedTwoOptions, 'hex')))).toEqual(['0:0', '1:0']);
  });

  it('reports corrupt segments and stops', () => {
    const bytes = encodeSegments([query(1, 10)], 'uncompressed');
    bytes[bytes.length - 1]! ^= 1;
    const decoder = new FramedEnvelopeDecoder('uncompressed');
    expect(summary(decoder.push(bytes))).toEqual([expect.stringMatching(/^corrupt-segment: CRC mismatch on segment payload/)]);
    expect(decoder.push(encodeSegments([query(2, 1)], 'uncompressed'))).toEqual([]);
  });

  it('rejects a self-contained segment that ends inside an envelope', () => {
    const half = query(1, 10).subarray(0, 12);
    expect(summary(new FramedEnvelopeDecoder('uncompressed').push(encodeSegments([half], 'uncompressed')))).toEqual([
      'corrupt-segment: Invalid v5 framing: a self-contained segment ends in the middle of an envelope',
    ]);
  });

  it('rejects a self-contained segment in the middle of a large envelope', () => {
    const large = encodeSegments([query(1, MAX_SEGMENT_PAYLOAD_BYTES + 100)], 'uncompressed');
    const firstPart = large.subarray(0, 6 + MAX_SEGMENT_PAYLOAD_BYTES + 4);
    const bytes = Buffer.concat([firstPart, encodeSegments([query(2, 1)], 'uncompressed')]);
    expect(summary(new FramedEnvelopeDecoder('uncompressed').push(bytes))).toEqual([
      'corrupt-segment: Invalid v5 framing: a self-contained segment arrived in the middle of a large envelope',
    ]);
  });

  it('applies the frame size limit to envelopes inside segments', () => {
    const decoder = new FramedEnvelopeDecoder('uncompressed', { maxFrameSizeBytes: 100 });
    const events = decoder.push(encodeSegments([query(7, 200000), query(8, 1)], 'uncompressed'));
    expect(summary(events)).toEqual([
      expect.stringMatching(/^too-large: Request is too big: length 200009 exceeds maximum allowed length 100\.$/),
      '8:1',
    ]);
  });
});
