import { describe, expect, it } from 'vitest';
import { ConfigurationError } from '../../errors/index.js';
import { createReplicationStrategy } from './create-replication-strategy.js';
import { positions, vnodeRing } from './test-rings.js';

const ring = vnodeRing(3, [...positions('dc1', 3, 2), ...positions('dc2', 2)]);
const local = ring.endpoints[3]!;
const create = (entries: [string, string][]) => createReplicationStrategy(new Map(entries), ring, local);

describe('createReplicationStrategy', () => {
  it('accepts full and short class names', () => {
    for (const name of ['org.apache.cassandra.locator.SimpleStrategy', 'SimpleStrategy']) {
      expect(create([['class', name], ['replication_factor', '2']]).replicasFor(0n)).toHaveLength(2);
    }
    for (const name of ['org.apache.cassandra.locator.NetworkTopologyStrategy', 'NetworkTopologyStrategy']) {
      expect(create([['class', name], ['dc1', '2'], ['dc2', '1']]).replicasFor(0n)).toHaveLength(3);
    }
    for (const name of ['org.apache.cassandra.locator.LocalStrategy', 'LocalStrategy']) {
      expect(create([['class', name]]).replicasFor(0n)).toEqual([local]);
    }
  });

  it('makes LocalStrategy answer with the local endpoint alone, whatever the token', () => {
    const strategy = create([['class', 'LocalStrategy']]);
    for (const token of [0n, -5n, 2n ** 62n]) expect(strategy.replicasFor(token)).toEqual([local]);
    expect(strategy.totalReplicationFactor).toBe(1);
    expect(strategy.replicationFactors()).toEqual(new Map([['dc2', 1]]));
  });

  it('reads NetworkTopologyStrategy factors per data center', () => {
    const strategy = create([['class', 'NetworkTopologyStrategy'], ['dc1', '3'], ['dc2', '2']]);
    expect(strategy.replicationFactors()).toEqual(new Map([['dc1', 3], ['dc2', 2]]));
    expect(strategy.totalReplicationFactor).toBe(5);
  });

  it.each<[string, [string, string][], string]>([
    ['no class', [['replication_factor', '1']], 'Missing replication strategy class'],
    ['an unknown class', [['class', 'FancyStrategy']], "Unable to find replication strategy class 'org.apache.cassandra.locator.FancyStrategy'"],
    ['SimpleStrategy without a factor', [['class', 'SimpleStrategy']], 'SimpleStrategy requires a replication_factor strategy option.'],
    ['a transient SimpleStrategy factor', [['class', 'SimpleStrategy'], ['replication_factor', '3/1']], 'Transient replication is not enabled on this node'],
    ['a transient data center factor', [['class', 'NetworkTopologyStrategy'], ['dc1', '3/1']], 'Transient replication is not enabled on this node'],
    ['replication_factor for NetworkTopologyStrategy', [['class', 'NetworkTopologyStrategy'], ['Replication_Factor', '3']],
      'replication_factor should not appear as an option at construction time for NetworkTopologyStrategy'],
    ['a factor that is no number', [['class', 'SimpleStrategy'], ['replication_factor', 'three']], 'For input string: "three"'],
    ['a negative factor', [['class', 'NetworkTopologyStrategy'], ['dc1', '-1']], 'Replication factor must be non-negative, found -1'],
  ])('refuses %s', (_name, entries, message) => {
    expect(() => create(entries)).toThrow(ConfigurationError);
    expect(() => create(entries)).toThrow(message);
  });
});
