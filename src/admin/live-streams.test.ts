import fastify, { type FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { LiveStreams, StreamResponse, type StreamSend } from './live-streams.js';
import { LiveReader } from './testing/live-reader.js';

/** Live streams on a bare server: the values a route sends, its end when the server closes, a client too slow. */
let app: FastifyInstance | undefined;

afterEach(async () => {
  await app?.close();
  app = undefined;
});

async function serve(streams: LiveStreams): Promise<{ url: string; send: () => StreamSend | null; stopped: () => number }> {
  let sender: StreamSend | null = null;
  let stops = 0;
  app = fastify({ forceCloseConnections: true });
  app.get('/live', (request, reply) => streams.serve(request, reply, new StreamResponse('activity', (send) => {
    send({ first: true }, 1);
    sender = send;
    return () => { stops++; };
  })));
  app.addHook('preClose', () => streams.closeAll());
  const url = await app.listen({ host: '127.0.0.1', port: 0 });
  return { url: `${url}/live`, send: () => sender, stopped: () => stops };
}

describe('a live stream', () => {
  it('sends what was sent before start returned, and stops once when the client leaves', async () => {
    const server = await serve(new LiveStreams());
    const reader = await LiveReader.open(server.url);
    expect(await reader.next(1)).toEqual(['{"first":true}']);
    server.send()!({ n: 2 }, 2);
    expect(await reader.next(1)).toEqual(['{"n":2}']);
    reader.close();
    while (server.stopped() === 0) await new Promise((r) => setTimeout(r, 10));
    server.send()!({ n: 3 }, 3);
    expect(server.stopped()).toBe(1);
  });

  it('ends, saying why, when more than its limit waits for a client', async () => {
    const server = await serve(new LiveStreams(1024));
    const reader = await LiveReader.open(server.url, { accept: 'text/event-stream' });
    server.send()!({ big: 'x'.repeat(1 << 20) }, 2);
    const rest = await reader.end();
    expect(rest.endsWith('event: error\ndata: {"error":"the client read too slowly: more than 1024 bytes were waiting"}\n\n')).toBe(true);
    expect(rest.startsWith('id: 1\nevent: activity\ndata: {"first":true}\n\n')).toBe(true);
    expect(server.stopped()).toBe(1);
  });
});
