import { InvalidRequestError, ProtocolError } from '../errors/index.js';
import { ChunkQueue } from './chunk-queue.js';
import { DEFAULT_MAX_FRAME_SIZE_BYTES, EnvelopeFlag, HEADER_LENGTH, RESPONSE_BIT, type Envelope } from './envelope.js';
import {
  betaFlagUnsetMessage, invalidVersionMessage, isBetaProtocolVersion, isSupportedProtocolVersion, type ProtocolVersion,
} from './protocol-version.js';

/** A complete envelope. */
export interface EnvelopeReceived {
  readonly kind: 'envelope';
  readonly envelope: Envelope;
}

/**
 * The first header byte named a version we do not serve. The decoder stops for good: the caller
 * answers with `encodeUnsupportedVersionError` on `streamId` and closes the connection, as Cassandra does.
 */
export interface UnsupportedVersionReceived {
  readonly kind: 'unsupported-version';
  readonly version: number;
  readonly streamId: number;
  readonly error: ProtocolError;
}

/**
 * An envelope longer than the frame size limit. Its bytes are skipped as they arrive, like Cassandra's
 * discard mode, so the connection may carry on after the caller sends `error` on `streamId`.
 */
export interface EnvelopeTooLarge {
  readonly kind: 'too-large';
  readonly version: ProtocolVersion;
  readonly streamId: number;
  readonly error: InvalidRequestError;
}

/**
 * A beta-version (v6) envelope without the USE_BETA flag. Before v5 framing (`fatal`) the decoder stops: as
 * Cassandra's decoder, which has not read the stream id yet, the caller answers on stream 0 in that version
 * and closes. Inside segments the envelope is skipped and answered on its own stream, and decoding goes on
 * (Cassandra's recoverable header error).
 */
export interface BetaFlagUnset {
  readonly kind: 'beta-flag-unset';
  readonly version: ProtocolVersion;
  readonly streamId: number;
  readonly error: ProtocolError;
  readonly fatal: boolean;
}

export type EnvelopeDecoderEvent = EnvelopeReceived | UnsupportedVersionReceived | EnvelopeTooLarge | BetaFlagUnset;

export interface EnvelopeDecoderOptions {
  /** Largest envelope accepted, header included (native_transport_max_frame_size). */
  readonly maxFrameSizeBytes?: number;
  /**
   * Decoding v5 segment payloads: every header there has the 9-byte layout, so a v1/v2 version byte
   * does not announce a v1/v2 header (and its one-byte stream id), as it does on an unframed connection.
   */
  readonly framed?: boolean;
}

/**
 * Turns a byte stream into envelopes (spec §2.4), whatever the chunking. One per connection: fed the
 * raw socket bytes before v5 framing starts (and for v3/v4 throughout), or the payloads of v5 segments.
 */
export class EnvelopeDecoder {
  private readonly queue = new ChunkQueue();
  private readonly maxFrameSizeBytes: number;
  private readonly framed: boolean;
  private bytesToDiscard = 0;
  private stopped = false;

  constructor(options: EnvelopeDecoderOptions = {}) {
    this.maxFrameSizeBytes = options.maxFrameSizeBytes ?? DEFAULT_MAX_FRAME_SIZE_BYTES;
    this.framed = options.framed ?? false;
  }

  /** Bytes held back while waiting for the rest of an envelope. */
  get bufferedBytes(): number {
    return this.queue.length;
  }

  /** Hands over unconsumed bytes, e.g. to the v5 segment decoder when framing starts. */
  takeRemaining(): Buffer {
    return this.queue.takeAll();
  }

  push(chunk: Buffer): EnvelopeDecoderEvent[] {
    const events: EnvelopeDecoderEvent[] = [];
    if (this.stopped) return events;
    this.queue.push(chunk);
    for (;;) {
      if (this.bytesToDiscard > 0) {
        this.bytesToDiscard -= this.queue.skip(this.bytesToDiscard);
        if (this.bytesToDiscard > 0) break;
      }
      const event = this.next();
      if (event === undefined) break;
      events.push(event);
      if (this.stopped) break;
    }
    return events;
  }

  private next(): EnvelopeDecoderEvent | undefined {
    const queue = this.queue;
    if (queue.length === 0) return undefined;
    // The version comes first and is checked before waiting for a whole header: v1/v2 headers are
    // only 8 bytes long, and a v1/v2 client must still get an answer on its stream.
    const version = queue.byteAt(0) & ~RESPONSE_BIT & 0xff;
    if (!isSupportedProtocolVersion(version)) return this.unsupportedVersion(version);
    if (queue.length < HEADER_LENGTH) return undefined;

    // The header is read in place rather than as a Buffer of its own: this runs for every request.
    const flags = queue.byteAt(1);
    const streamId = queue.int16At(2);
    const totalLengthBytes = HEADER_LENGTH + queue.uint32At(5);
    if (isBetaProtocolVersion(version) && (flags & EnvelopeFlag.USE_BETA) === 0) {
      return this.betaFlagUnset(version, streamId, totalLengthBytes);
    }
    if (totalLengthBytes > this.maxFrameSizeBytes) {
      this.bytesToDiscard = totalLengthBytes;
      const message = `Request is too big: length ${totalLengthBytes} exceeds maximum allowed length ${this.maxFrameSizeBytes}.`;
      return { kind: 'too-large', version, streamId, error: new InvalidRequestError(message) };
    }
    if (queue.length < totalLengthBytes) return undefined;

    const isResponse = (queue.byteAt(0) & RESPONSE_BIT) !== 0;
    const opcode = queue.byteAt(4);
    queue.skip(HEADER_LENGTH);
    // A copy, not a view into the chunk: values decoded from the body may be kept (in memtables) for
    // long, and a view would keep the whole chunk alive, a 64 KB socket read. One copy per envelope
    // is cheaper than copying each value that is kept.
    const body = queue.takeCopy(totalLengthBytes - HEADER_LENGTH);
    const envelope: Envelope = { version, isResponse, flags, streamId, opcode, body };
    return { kind: 'envelope', envelope };
  }

  private betaFlagUnset(version: ProtocolVersion, streamId: number, totalLengthBytes: number): BetaFlagUnset {
    const error = new ProtocolError(betaFlagUnsetMessage(version));
    if (!this.framed) {
      this.stopped = true;
      this.queue.skip(this.queue.length);
      return { kind: 'beta-flag-unset', version, streamId: 0, error, fatal: true };
    }
    this.bytesToDiscard = totalLengthBytes;
    return { kind: 'beta-flag-unset', version, streamId, error, fatal: false };
  }

  private unsupportedVersion(version: number): UnsupportedVersionReceived | undefined {
    const legacy = !this.framed && (version === 1 || version === 2);
    // v1/v2 carry a one-byte stream id at offset 2; anything else is read with the v3+ layout.
    if (this.queue.length < (legacy ? 3 : 4)) return undefined;
    const streamId = legacy
      ? (this.queue.byteAt(2) << 24) >> 24
      : ((this.queue.byteAt(2) << 24) | (this.queue.byteAt(3) << 16)) >> 16;
    this.stopped = true;
    this.queue.skip(this.queue.length);
    return { kind: 'unsupported-version', version, streamId, error: new ProtocolError(invalidVersionMessage(version)) };
  }
}
