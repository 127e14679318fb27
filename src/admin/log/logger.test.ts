import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../../common/index.js';
import { startCluster } from '../../main.js';
import { createLogger, SILENT_LOGGER } from './logger.js';
import { prettyLine } from './pretty-destination.js';

function collector(): { lines: string[]; write(line: string): void } {
  const lines: string[] = [];
  return { lines, write: (line) => { lines.push(...line.split('\n').filter((l) => l !== '')); } };
}

describe('logs', () => {
  it('are off unless asked for: silent makes no pino logger at all', async () => {
    expect(await createLogger({ level: 'silent', format: 'json', destination: collector(), clock: new VirtualClock() })).toBe(SILENT_LOGGER);
  });

  it('are JSON lines stamped with the cluster clock, at and above the level', async () => {
    const clock = new VirtualClock();
    const out = collector();
    const log = await createLogger({ level: 'info', format: 'json', destination: out, clock });
    log.debug({}, 'hidden');
    log.info({ node: 2 }, 'node 2 is down');
    expect(out.lines.map((l) => JSON.parse(l) as unknown)).toEqual([{ level: 30, time: Math.round(clock.nowMs()), node: 2, msg: 'node 2 is down' }]);
  });

  it('read as one line each on a terminal, coloured only when asked', () => {
    const line = JSON.stringify({ level: 40, time: Date.UTC(2025, 0, 1, 12, 0, 1, 250), msg: 'careful', node: 3, peer: 'x' });
    expect(prettyLine(line, false)).toBe('12:00:01.250 WARN  careful  node=3 peer=x');
    expect(prettyLine(line, true)).toBe('12:00:01.250 \u001b[33mWARN \u001b[0m careful  node=3 peer=x');
    expect(prettyLine('not json', false)).toBe('not json');
  });

  it('tell what happens to the cluster: status changes, gossip views, schema changes', async () => {
    const out = collector();
    const cluster = await startCluster({ port: 0, nodes: 2, logLevel: 'debug', logFormat: 'json', logDestination: out, gossipIntervalMs: 100 });
    try {
      await cluster.node(2).stop();
      const messages = (): string[] => out.lines.map((l) => (JSON.parse(l) as { msg: string }).msg);
      const deadline = Date.now() + 5000;
      while (!messages().includes('node 1 sees node 2 DOWN') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      expect(messages()).toEqual(expect.arrayContaining(['node 2 is down', 'node 1 sees node 2 DOWN']));
    } finally {
      await cluster.close();
    }
  });
});
