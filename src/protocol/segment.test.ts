import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors/index.js';
import { lz4CompressBlock } from './compression.js';
import { crc24, crc32 } from './crc.js';
import {
  LZ4_QUERY_ENVELOPE,
  OPTIONS_ENVELOPE,
  PYTHON_VECTORS,
  TWO_OPTIONS_ENVELOPES,
} from './python-driver-vectors.js';
import { SegmentDecoder, type SegmentDecoderEvent } from './segment-decoder.js';
import { MAX_SEGMENT_PAYLOAD_BYTES, encodeSegments } from './segment-encoder.js';

const hex = (s: string): Buffer => Buffer.from(s, 'hex');
const largePayload = (): Buffer => Buffer.from(Array.from({ length: 200000 }, (_, i) => i % 251));

function decodeAll(format: 'uncompressed' | 'lz4', bytes: Buffer, chunkBytes = bytes.length): SegmentDecoderEvent[] {
  const decoder = new SegmentDecoder(format);
  const events: SegmentDecoderEvent[] = [];
  for (let at = 0; at < bytes.length; at += chunkBytes) events.push(...decoder.push(bytes.subarray(at, at + chunkBytes)));
  return events;
}

function payloads(events: SegmentDecoderEvent[]): { payload: string; selfContained: boolean }[] {
  return events.map((e) => {
    if (e.kind !== 'segment') throw e.error;
    return { payload: e.payload.toString('hex'), selfContained: e.selfContained };
  });
}

describe('encodeSegments (uncompressed)', () => {
  it('frames one envelope exactly as the Python driver does', () => {
    expect(encodeSegments([hex(OPTIONS_ENVELOPE)], 'uncompressed').toString('hex')).toBe(PYTHON_VECTORS.uncompressedOptions);
  });

  it('packs several envelopes into one self-contained segment', () => {
    const envelopes = [hex(OPTIONS_ENVELOPE), hex('050000010500000000')];
    expect(encodeSegments(envelopes, 'uncompressed').toString('hex')).toBe(PYTHON_VECTORS.uncompressedTwoOptions);
  });

  it('splits a large envelope over non-self-contained segments as the Python driver does', () => {
    const out = encodeSegments([largePayload()], 'uncompressed');
    const vector = PYTHON_VECTORS.uncompressedLarge;
    expect(out.length).toBe(vector.encodedLength);
    expect(out.subarray(0, 6).toString('hex')).toBe(vector.firstHeader);
    expect(out.subarray(6 + MAX_SEGMENT_PAYLOAD_BYTES + 4, 12 + MAX_SEGMENT_PAYLOAD_BYTES + 4).toString('hex')).toBe(vector.secondHeader);
    expect(createHash('sha256').update(out).digest('hex')).toBe(vector.sha256);
  });

  it('starts a new self-contained segment when the next envelope would not fit', () => {
    const a = Buffer.alloc(100000, 1);
    const b = Buffer.alloc(100000, 2);
    const events = decodeAll('uncompressed', encodeSegments([a, b, hex(OPTIONS_ENVELOPE)], 'uncompressed'));
    expect(payloads(events)).toEqual([
      { payload: a.toString('hex'), selfContained: true },
      { payload: b.toString('hex') + OPTIONS_ENVELOPE, selfContained: true },
    ]);
  });

  it('keeps order around a large envelope: pending small ones first, then its parts', () => {
    const big = Buffer.alloc(MAX_SEGMENT_PAYLOAD_BYTES + 1, 7);
    const events = payloads(decodeAll('uncompressed', encodeSegments([hex(OPTIONS_ENVELOPE), big, hex(OPTIONS_ENVELOPE)], 'uncompressed')));
    expect(events.map((e) => [e.payload.length / 2, e.selfContained])).toEqual([
      [9, true],
      [MAX_SEGMENT_PAYLOAD_BYTES, false],
      [1, false],
      [9, true],
    ]);
  });
});

describe('SegmentDecoder (uncompressed)', () => {
  it("decodes the Python driver's segments, whatever the chunking", () => {
    for (const chunkBytes of [1, 5, 1000]) {
      expect(payloads(decodeAll('uncompressed', hex(PYTHON_VECTORS.uncompressedTwoOptions), chunkBytes))).toEqual([
        { payload: TWO_OPTIONS_ENVELOPES, selfContained: true },
      ]);
    }
  });

  it('reassembles the large vector from its two parts', () => {
    const encoded = encodeSegments([largePayload()], 'uncompressed');
    const events = payloads(decodeAll('uncompressed', encoded, 4096));
    expect(events.map((e) => e.selfContained)).toEqual([false, false]);
    expect(events.map((e) => e.payload).join('')).toBe(largePayload().toString('hex'));
  });

  it('reports a header CRC mismatch and stops', () => {
    const bytes = hex(PYTHON_VECTORS.uncompressedOptions);
    bytes[3]! ^= 0x01;
    const decoder = new SegmentDecoder('uncompressed');
    const events = decoder.push(bytes);
    expect(events).toHaveLength(1);
    expect(events[0]!.kind).toBe('corrupt-segment');
    expect(events[0]!.kind === 'corrupt-segment' && events[0]!.error).toBeInstanceOf(ProtocolError);
    expect(decoder.push(hex(PYTHON_VECTORS.uncompressedOptions))).toEqual([]);
  });

  it('reports a payload CRC mismatch', () => {
    const bytes = hex(PYTHON_VECTORS.uncompressedOptions);
    bytes[8]! ^= 0x80;
    const [event] = new SegmentDecoder('uncompressed').push(bytes);
    expect(event?.kind === 'corrupt-segment' && event.error.message).toMatch(/^CRC mismatch on segment payload/);
  });
});

describe('LZ4 segments', () => {
  it("decodes the Python driver's compressed and stored-raw segments", () => {
    expect(payloads(decodeAll('lz4', hex(PYTHON_VECTORS.lz4Query), 3))).toEqual([{ payload: LZ4_QUERY_ENVELOPE, selfContained: true }]);
    expect(payloads(decodeAll('lz4', hex(PYTHON_VECTORS.lz4StoredOptions)))).toEqual([{ payload: OPTIONS_ENVELOPE, selfContained: true }]);
  });

  it("decodes the Python driver's large compressed envelope", () => {
    const events = payloads(decodeAll('lz4', hex(PYTHON_VECTORS.lz4Large), 100));
    expect(events.map((e) => e.selfContained)).toEqual([false, false]);
    expect(events.map((e) => e.payload).join('')).toBe(largePayload().toString('hex'));
  });

  it('stores payloads that do not shrink raw, with uncompressed length 0, byte for byte like Python', () => {
    expect(encodeSegments([hex(OPTIONS_ENVELOPE)], 'lz4').toString('hex')).toBe(PYTHON_VECTORS.lz4StoredOptions);
  });

  it('compresses what shrinks, with a 5-byte header and 3-byte CRC24, and round-trips', () => {
    const encoded = encodeSegments([hex(LZ4_QUERY_ENVELOPE)], 'lz4');
    const header = encoded.readUIntLE(0, 5);
    const compressedLength = header % 2 ** 17;
    expect(Math.floor(header / 2 ** 17) % 2 ** 17).toBe(LZ4_QUERY_ENVELOPE.length / 2);
    expect(Math.floor(header / 2 ** 34) & 1).toBe(1);
    expect(encoded.length).toBe(8 + compressedLength + 4);
    expect(compressedLength).toBeLessThan(LZ4_QUERY_ENVELOPE.length / 2);
    expect(payloads(decodeAll('lz4', encoded))).toEqual([{ payload: LZ4_QUERY_ENVELOPE, selfContained: true }]);
  });

  it('round-trips a large envelope over compressed non-self-contained segments', () => {
    const events = payloads(decodeAll('lz4', encodeSegments([largePayload()], 'lz4'), 777));
    expect(events.map((e) => e.selfContained)).toEqual([false, false]);
    expect(events.map((e) => e.payload).join('')).toBe(largePayload().toString('hex'));
  });

  it('reports a block that does not inflate to its announced length as a corrupt segment', () => {
    const block = lz4CompressBlock(Buffer.alloc(300, 0));
    const head = Buffer.alloc(8);
    head.writeUIntLE(block.length + 299 * 2 ** 17 + 2 ** 34, 0, 5);
    head.writeUIntLE(crc24(head, 0, 5), 5, 3);
    const trailer = Buffer.alloc(4);
    trailer.writeUInt32LE(crc32(block));
    const [event] = new SegmentDecoder('lz4').push(Buffer.concat([head, block, trailer]));
    expect(event?.kind === 'corrupt-segment' && event.error.message).toMatch(/^Corrupt LZ4 block/);
  });
});
