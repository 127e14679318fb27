import { InvalidArgumentError } from 'commander';
import { describe, expect, it } from 'vitest';
import { configOf } from '../main.js';
import { integer, parseAddressing, parseByteCount, parseDataCenters, parseInitialTokens, startOptions } from './cluster-options.js';

const defaults = {
  address: '127.0.0.1', port: 9042, datacenter: 'datacenter1', rack: 'rack1', addressing: 'addresses', seed: 0, clusterName: 'Test Cluster',
} as const;

describe('cassanova start options', () => {
  it('reads data centers with node counts, or counts per rack', () => {
    expect(parseDataCenters('dc1:3,dc2:2')).toEqual({ dc1: 3, dc2: 2 });
    expect(parseDataCenters('dc1:rack1=2+rack2=1, dc2:2')).toEqual({ dc1: { rack1: 2, rack2: 1 }, dc2: 2 });
    for (const bad of ['dc1', 'dc1:0', 'dc1:x', ':3', 'dc1:r1=2+r2', 'dc1:1,dc1:2', 'dc1:r1=1=2']) {
      expect(() => parseDataCenters(bad), bad).toThrow(InvalidArgumentError);
    }
  });

  it('reads one initial token per node, or several with semicolons between nodes', () => {
    expect(parseInitialTokens('-9223372036854775808,0,100')).toEqual([['-9223372036854775808'], ['0'], ['100']]);
    expect(parseInitialTokens('-5,5;-4,4;-3,3')).toEqual([['-5', '5'], ['-4', '4'], ['-3', '3']]);
    expect(() => parseInitialTokens('1,x')).toThrow(InvalidArgumentError);
    expect(() => parseInitialTokens('9223372036854775808')).toThrow(/out of the Murmur3 range/);
  });

  it('reads the addressing mode and integers', () => {
    expect(parseAddressing('ports')).toBe('ports');
    expect(() => parseAddressing('hosts')).toThrow(InvalidArgumentError);
    expect(integer('-3')).toBe(-3);
    expect(() => integer('')).toThrow(InvalidArgumentError);
  });

  it('reads a byte count for the key-value value limit, and hands it to startCluster', () => {
    expect(parseByteCount('1048576')).toBe(1048576);
    for (const bad of ['0', '-1', '1.5', '1e3', ' 7', '', '99999999999999999999']) expect(() => parseByteCount(bad), bad).toThrow(InvalidArgumentError);
    expect(startOptions({ ...defaults, kvMaxValueBytes: 10 }).kvMaxValueBytes).toBe(10);
    expect(startOptions(defaults).kvMaxValueBytes).toBeUndefined();
  });

  it('turns a command line into the cluster it describes', () => {
    const config = configOf(startOptions({
      ...defaults, datacenters: parseDataCenters('dc1:r1=2+r2=1,dc2:2'), initialTokens: parseInitialTokens('1,2;3,4;5,6;7,8;9,10'), addressing: 'ports',
    }));
    expect(config.layout.map((p) => `${p.dataCenter}/${p.rack}`)).toEqual(['dc1/r1', 'dc1/r2', 'dc1/r1', 'dc2/rack1', 'dc2/rack1']);
    expect(config.initialTokens).toEqual([[1n, 2n], [3n, 4n], [5n, 6n], [7n, 8n], [9n, 10n]]);
    expect(config.addressing).toBe('ports');
    expect(configOf(startOptions({ ...defaults, authenticator: 'PasswordAuthenticator' })).authenticator).toBe('PasswordAuthenticator');
    expect(configOf(startOptions({ ...defaults, authenticator: 'PasswordAuthenticator', authorizer: 'CassandraAuthorizer' })).authorizer)
      .toBe('CassandraAuthorizer');
    expect(configOf(startOptions({ ...defaults, nodes: 3, numTokens: 4 }))).toMatchObject({ numTokens: 4, layout: { length: 3 } });
    expect(() => configOf(startOptions({ ...defaults, nodes: 2, datacenters: { dc1: 3 } }))).toThrow(/does not match/);
    expect(() => configOf(startOptions({ ...defaults, nodes: 3, initialTokens: [['1'], ['2']] }))).toThrow(/initialTokens has 2 entries for 3 nodes/);
  });
});
