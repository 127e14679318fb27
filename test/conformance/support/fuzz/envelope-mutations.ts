/**
 * Mutations of a request envelope (its header and raw body bytes) and of the v5 segments around it.
 * Each says how the server may react: answer on the request's stream and carry on, answer or close
 * because the byte stream is no longer in step, or close because framing is broken.
 */
import { header } from '../raw-cql-connection.js';
import { MAX_SEGMENT_PAYLOAD_BYTES, SEGMENT_HEADER_BYTES, segment, segmentCrc32, segmentHeader, segmentsOf } from '../v5-segments.js';
import type { Dice } from './fields.js';

/**
 * 'answer': a well-formed reply on the stream, and the connection keeps serving. 'tainted': the bytes
 * after the envelope are misread (or discarded), so a reply or a close will do and the connection is
 * retired. 'close': the server must close (an ERROR first is allowed).
 */
export type Effect = 'answer' | 'tainted' | 'close';

const SEVERITY: Readonly<Record<Effect, number>> = { answer: 0, tainted: 1, close: 2 };
export const worse = (a: Effect, b: Effect): Effect => (SEVERITY[a] >= SEVERITY[b] ? a : b);

/** One request envelope as it will be written, lies included. */
export interface EnvelopePlan {
  version: number;
  flags: number;
  stream: number;
  opcode: number;
  body: Buffer;
  /** The body length the header announces. */
  declaredLength: number;
  /** Bytes written after the body to make up the announced length. */
  filler: Buffer;
  effect: Effect;
  readonly steps: string[];
}

export function planEnvelope(version: number, stream: number, opcode: number, body: Buffer, flags = 0): EnvelopePlan {
  return { version, flags, stream, opcode, body, declaredLength: body.length, filler: Buffer.alloc(0), effect: 'answer', steps: [] };
}

export function envelopeBytes(plan: EnvelopePlan): Buffer {
  return Buffer.concat([header(plan.opcode, plan.stream, plan.declaredLength, plan.version, plan.flags), plan.body, plan.filler]);
}

/** The stream a reply must come on; Cassandra reads v1/v2 stream ids from one byte. */
export function replyStream(plan: EnvelopePlan): number {
  const version = plan.version & 0x7f;
  return version === 1 || version === 2 ? (plan.stream >> 8 << 24) >> 24 : plan.stream;
}

/** Cut, flipped or extended body bytes (after any field mutations; compressed ones too). */
function mutateBody(plan: EnvelopePlan, dice: Dice): void {
  const body = plan.body;
  switch (dice.int(4)) {
    case 0: {
      const flipped = Buffer.from(body);
      for (let i = 0, n = 1 + dice.int(4); i < n && flipped.length > 0; i++) {
        const at = dice.int(flipped.length);
        flipped[at] = flipped[at]! ^ (1 + dice.int(255));
      }
      plan.body = flipped;
      plan.declaredLength = flipped.length;
      plan.steps.push('bytes flipped');
      return;
    }
    case 1:
      plan.body = body.subarray(0, dice.int(body.length + 1));
      plan.declaredLength = plan.body.length;
      plan.steps.push(`body truncated to ${plan.body.length} bytes`);
      return;
    case 2: {
      plan.body = body.subarray(0, dice.int(body.length + 1));
      plan.declaredLength = body.length;
      const missing = body.length - plan.body.length;
      plan.filler = dice.chance(0.5) ? Buffer.alloc(missing) : dice.bytes(missing);
      plan.steps.push(`body truncated to ${plan.body.length} bytes, declared length kept, ${missing} filler bytes`);
      return;
    }
    default:
      plan.body = Buffer.concat([body, dice.bytes(1 + dice.int(32))]);
      plan.declaredLength = plan.body.length;
      plan.steps.push('trailing junk');
  }
}

/** A header that lies: opcode, stream, flags, version, or a declared length the body does not have. */
function mutateHeader(plan: EnvelopePlan, dice: Dice, reservedStream: number): void {
  switch (dice.int(8)) {
    case 0:
    case 1:
      // Request opcodes make the body be read as another message (a STARTUP once started is refused);
      // the others are refused outright.
      plan.opcode = dice.chance(0.5)
        ? dice.pick([0x01, 0x05, 0x07, 0x09, 0x0a, 0x0b, 0x0d, 0x0f])
        : dice.pick([0x00, 0x02, 0x03, 0x04, 0x06, 0x08, 0x0c, 0x0e, 0x10, 0x11, 0x42, 0xff, dice.int(256)]);
      plan.steps.push(`opcode 0x${plan.opcode.toString(16)}`);
      return;
    case 2:
      do plan.stream = dice.pick([-1, -2, -32768, 32767, 0, dice.int(65536) - 32768]);
      while (plan.stream === reservedStream);
      plan.steps.push(`stream ${plan.stream}`);
      return;
    case 3:
      plan.flags = dice.pick([0x01, 0x02, 0x04, 0x08, 0x10, 0x20, 0x80, 0xff, dice.int(256)]);
      plan.steps.push(`header flags 0x${plan.flags.toString(16)}`);
      return;
    case 4:
      plan.version = dice.pick([3, 4, 5].filter((v) => v !== plan.version).concat([plan.version | 0x80]));
      plan.steps.push(`version byte 0x${plan.version.toString(16)}`);
      return;
    case 5:
      plan.version = dice.pick([0, 1, 2, 7, 0x41, 0x7f]);
      plan.effect = worse(plan.effect, 'close');
      plan.steps.push(`unsupported version ${plan.version}`);
      return;
    case 6:
      plan.declaredLength = dice.int(plan.body.length);
      plan.effect = worse(plan.effect, 'tainted');
      plan.steps.push(`declared length ${plan.declaredLength} < ${plan.body.length}`);
      return;
    default:
      plan.declaredLength = 16 * 1024 * 1024 + dice.int(2 ** 31);
      plan.effect = worse(plan.effect, 'tainted');
      plan.steps.push(`declared length ${plan.declaredLength} over the frame limit`);
  }
}

/** One mutation of the body bytes or of the header; `reservedStream` is never used as a stream id. */
export function mutateEnvelope(plan: EnvelopePlan, dice: Dice, reservedStream: number): void {
  if (dice.chance(1 / 3)) mutateBody(plan, dice);
  else mutateHeader(plan, dice, reservedStream);
}

/** The framed wire form of one envelope on a v5 connection, possibly with broken framing. */
export interface FramedPlan {
  readonly bytes: Buffer;
  readonly effect: Effect;
  readonly step: string | undefined;
}

function splitPoints(length: number, parts: number, dice: Dice): number[] {
  const points = new Set<number>();
  while (points.size < parts - 1) points.add(1 + dice.int(length - 1));
  return [0, ...[...points].sort((a, b) => a - b), length];
}

function corruptByte(bytes: Buffer, at: number): Buffer {
  const copy = Buffer.from(bytes);
  copy[at] = copy[at]! ^ 0x01;
  return copy;
}

/** Wraps `envelope` in segments; with probability `p`, frames it wrongly on purpose (if it fits one segment). */
export function frameEnvelope(envelope: Buffer, dice: Dice, p: number): FramedPlan {
  if (!dice.chance(p) || envelope.length < 2 || envelope.length > MAX_SEGMENT_PAYLOAD_BYTES) {
    return { bytes: segmentsOf(envelope), effect: 'answer', step: undefined };
  }
  const whole = segment(envelope);
  switch (dice.int(7)) {
    case 0:
      return { bytes: corruptByte(whole, 3 + dice.int(3)), effect: 'close', step: 'segment header CRC24 corrupted' };
    case 1:
      return { bytes: corruptByte(whole, whole.length - 1 - dice.int(4)), effect: 'close', step: 'segment payload CRC32 corrupted' };
    case 2: {
      const lie = dice.chance(0.5) ? envelope.length + 1 + dice.int(64) : dice.int(envelope.length);
      const crc = Buffer.alloc(4);
      crc.writeUInt32LE(segmentCrc32(envelope), 0);
      const filler = Buffer.alloc(Math.max(0, lie - envelope.length));
      return { bytes: Buffer.concat([segmentHeader(lie, true), envelope, crc, filler]), effect: 'close', step: `segment header announces ${lie} of ${envelope.length} payload bytes` };
    }
    case 3: {
      const at = 1 + dice.int(envelope.length - 1);
      const bytes = Buffer.concat([segment(envelope.subarray(0, at), true), segment(envelope.subarray(at), true)]);
      return { bytes, effect: 'close', step: `envelope split at ${at} over two self-contained segments` };
    }
    case 4: {
      const points = splitPoints(envelope.length, Math.min(envelope.length, 2 + dice.int(3)), dice);
      const parts = points.slice(1).map((end, i) => segment(envelope.subarray(points[i], end), false));
      return { bytes: Buffer.concat([segment(Buffer.alloc(0)), ...parts]), effect: 'answer', step: `envelope split over ${parts.length} segments` };
    }
    default: {
      const points = splitPoints(envelope.length, Math.min(envelope.length, 2 + dice.int(3)), dice);
      const bad = dice.int(points.length - 1);
      const crcBroken = dice.chance(0.5);
      const parts = points.slice(1).map((end, i) => {
        const part = envelope.subarray(points[i], end);
        if (i !== bad) return segment(part, false);
        return crcBroken ? corruptByte(segment(part, false), SEGMENT_HEADER_BYTES + part.length) : segment(part, true);
      });
      const what = crcBroken ? 'a bad CRC32' : 'the self-contained flag';
      return { bytes: Buffer.concat(parts), effect: 'close', step: `envelope split over ${parts.length} segments, part ${bad} with ${what}` };
    }
  }
}
