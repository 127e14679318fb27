import { ProtocolError } from '../errors/index.js';
import { EnvelopeDecoder, type EnvelopeDecoderEvent, type EnvelopeDecoderOptions } from './envelope-decoder.js';
import { SegmentDecoder, type CorruptSegment } from './segment-decoder.js';
import type { SegmentFormat } from './segment-encoder.js';

export type FramedEnvelopeDecoderEvent = EnvelopeDecoderEvent | CorruptSegment;

/**
 * Decodes a v5 connection after framing has started: segments, then the envelopes inside them.
 * Envelopes split over non-self-contained segments are reassembled by the inner envelope decoder;
 * a self-contained segment must start and end on envelope boundaries.
 */
export class FramedEnvelopeDecoder {
  private readonly segments: SegmentDecoder;
  private readonly envelopes: EnvelopeDecoder;
  private stopped = false;

  constructor(format: SegmentFormat, options: EnvelopeDecoderOptions = {}) {
    this.segments = new SegmentDecoder(format);
    this.envelopes = new EnvelopeDecoder({ ...options, framed: true });
  }

  push(chunk: Buffer): FramedEnvelopeDecoderEvent[] {
    const events: FramedEnvelopeDecoderEvent[] = [];
    if (this.stopped) return events;
    for (const segment of this.segments.push(chunk)) {
      if (segment.kind === 'corrupt-segment') {
        this.stop(events, segment);
        break;
      }
      if (segment.selfContained && this.envelopes.bufferedBytes > 0) {
        this.stop(events, misframed('a self-contained segment arrived in the middle of a large envelope'));
        break;
      }
      events.push(...this.envelopes.push(segment.payload));
      if (segment.selfContained && this.envelopes.bufferedBytes > 0) {
        this.stop(events, misframed('a self-contained segment ends in the middle of an envelope'));
        break;
      }
    }
    return events;
  }

  private stop(events: FramedEnvelopeDecoderEvent[], event: CorruptSegment): void {
    this.stopped = true;
    events.push(event);
  }
}

function misframed(why: string): CorruptSegment {
  return { kind: 'corrupt-segment', error: new ProtocolError(`Invalid v5 framing: ${why}`) };
}
