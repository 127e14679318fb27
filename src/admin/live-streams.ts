import type { ServerResponse } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Sends one value down a live stream; `id` (a sequence number) lets an event-stream client resume. */
export type StreamSend = (value: unknown, id?: number) => void;

/**
 * A response that goes on: values as they happen, until the client leaves or the server closes. `start`
 * is handed the function that sends one value, and returns the function that stops sending; `event` names
 * the values as server-sent events.
 */
export class StreamResponse {
  constructor(readonly event: string, readonly start: (send: StreamSend) => () => void) {}
}

export const NDJSON = 'application/x-ndjson';
export const EVENT_STREAM = 'text/event-stream';

/**
 * Past this many bytes waiting for a client that does not read, its stream ends (with a last line saying
 * why) rather than holding ever more of the cluster's memory.
 */
const MAX_BUFFERED_BYTES = 8 * 1024 * 1024;

/** Server-sent events when the client asks for them (Accept: text/event-stream), else NDJSON. */
function wantsEventStream(accept: string | undefined): boolean {
  return (accept ?? '').split(',').some((type) => type.trim().split(';')[0]!.toLowerCase() === EVENT_STREAM);
}

function frame(eventStream: boolean, value: unknown, id: number | undefined, event: string): string {
  const json = JSON.stringify(value);
  return eventStream ? `${id === undefined ? '' : `id: ${id}\n`}event: ${event}\ndata: ${json}\n\n` : `${json}\n`;
}

/** What the stream of `send` ends on when the server closes or the client reads too slowly. */
function ended(raw: ServerResponse, eventStream: boolean, reason: string | null): Promise<void> {
  return new Promise((done) => {
    if (raw.writableEnded || raw.destroyed) {
      done();
      return;
    }
    raw.once('close', () => done());
    raw.end(reason === null ? undefined : frame(eventStream, { error: reason }, undefined, 'error'), () => done());
  });
}

/**
 * The live streams an admin server has open. Each ends cleanly (its last chunk sent) when the client goes,
 * or when the server closes: `closeAll` runs before the server drops its connections.
 */
export class LiveStreams {
  private readonly open = new Set<() => Promise<void>>();

  constructor(private readonly maxBufferedBytes = MAX_BUFFERED_BYTES) {}

  serve(request: FastifyRequest, reply: FastifyReply, response: StreamResponse): void {
    const eventStream = wantsEventStream(request.headers.accept);
    void reply.hijack();
    const raw = reply.raw;
    raw.writeHead(200, { 'content-type': `${eventStream ? EVENT_STREAM : NDJSON}; charset=utf-8`, 'cache-control': 'no-cache' });
    raw.flushHeaders();
    let active = true;
    let stop = (): void => {};
    const finish = (reason: string | null): Promise<void> => {
      if (active) stop();
      active = false;
      this.open.delete(close);
      return ended(raw, eventStream, reason);
    };
    const close = (): Promise<void> => finish(null);
    raw.once('close', () => void finish(null));
    this.open.add(close);
    // The first values (records asked for with since) may be sent before start returns.
    stop = response.start((value, id) => {
      if (!active) return;
      raw.write(frame(eventStream, value, id, response.event));
      if (raw.writableLength > this.maxBufferedBytes) void finish(`the client read too slowly: more than ${this.maxBufferedBytes} bytes were waiting`);
    });
    if (!active) stop();
  }

  /** Ends every open stream, each once its last chunk is written. */
  async closeAll(): Promise<void> {
    await Promise.all([...this.open].map((close) => close()));
  }
}
