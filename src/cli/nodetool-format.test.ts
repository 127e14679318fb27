import { describe, expect, it } from 'vitest';
import type { NodeListView, NodeView } from '../admin/index.js';
import { formatInfo, formatStatus } from './nodetool-format.js';
import { Output } from './output.js';

function node(id: number, failure: string | null): NodeView {
  return {
    id, address: `127.0.0.${id}`, nativePort: 9042, endpoint: `/127.0.0.${id}:7000`, dataCenter: 'datacenter1', rack: 'rack1',
    hostId: `00000000-0000-0000-0000-00000000000${id}`, tokens: ['1'], status: failure === null ? 'up' : 'down', failure, state: 'normal',
    gossip: failure === null ? 'UP' : 'DOWN', loadBytes: 0, partitions: 0, rows: 0, hintsPending: 0, connections: 0, requests: 0,
    traceProbability: 0, owns: 0.5,
  };
}

describe('nodetool formats', () => {
  const failure = 'Corrupt SSTable file /d/node2/data/ks/t-1/cn-1-big-Data.db: checksum mismatch in a block of 24 bytes (at offset 612)';
  const view: NodeListView = { observer: 1, keyspace: null, nodes: [node(1, null), node(2, failure)] };
  const out = new Output({ write: () => {} }, false);

  it('status says why a node its files stopped is down, after the table', () => {
    const text = formatStatus(view, out);
    expect(text).toMatch(/^DN {2}127\.0\.0\.2 /m);
    expect(text.endsWith(`\n\nNode 2 (127.0.0.2) is down: ${failure}`)).toBe(true);
    expect(formatStatus({ ...view, nodes: [node(1, null)] }, out)).not.toContain('is down');
  });

  it('info shows the failure beside the status', () => {
    expect(formatInfo(node(2, failure))).toMatch(new RegExp(`^Status +: down: ${failure.replace(/[()]/g, '\\$&')}$`, 'm'));
    expect(formatInfo(node(1, null))).toMatch(/^Status +: up$/m);
  });
});
