import { describe, expect, it } from 'vitest';
import { Cluster, MIN_TOKEN } from '../cluster/index.js';
import { clusterConfig, layoutOf } from '../config/index.js';
import { ringOwnership } from './ownership.js';

function cluster(tokens: bigint[][]): Cluster {
  return new Cluster(clusterConfig({ layout: layoutOf(tokens.length, undefined), initialTokens: tokens, clock: 'virtual' }));
}

describe('ringOwnership', () => {
  it('gives one node the whole ring', () => {
    const c = cluster([[0n]]);
    expect(ringOwnership(c, null, c.node(1))).toEqual(new Map([[1, 1]]));
  });

  it('gives each node the ranges its tokens end (raw), or those it replicates (effective)', () => {
    // Tokens at the minimum and at 0 split the ring in halves; 2^62 takes a quarter from the node at 0.
    const c = cluster([[MIN_TOKEN], [0n], [2n ** 62n]]);
    expect(ringOwnership(c, null, c.node(1))).toEqual(new Map([[1, 0.25], [2, 0.5], [3, 0.25]]));
    expect(ringOwnership(c, 'system_distributed', c.node(1))).toEqual(new Map([[1, 1], [2, 1], [3, 1]]));
  });
});
