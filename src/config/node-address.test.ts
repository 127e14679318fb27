import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { clusterConfig, layoutOf } from './cluster-config.js';
import { CASSANOVA_VERSION } from './version.js';

const nodes = (n: number) => layoutOf(n, undefined);

describe('node addresses and host ids', () => {
  it('takes IPv4 addresses, and IPv6 ones for one node or with one port per node', () => {
    expect(clusterConfig({ address: '127.0.0.5', layout: nodes(3) }).address).toBe('127.0.0.5');
    expect(clusterConfig({ address: '::1' }).address).toBe('::1');
    expect(clusterConfig({ address: '::1', addressing: 'ports', layout: nodes(3) }).address).toBe('::1');
  });

  it('refuses host names, IPv6 with one address per node, and running out of addresses, saying why', () => {
    expect(() => clusterConfig({ address: 'localhost' })).toThrow(
      "Invalid address 'localhost': give 127.0.0.1 (nodes take consecutive addresses after it, so a host name cannot do)",
    );
    expect(() => clusterConfig({ address: '::1', layout: nodes(2) })).toThrow(
      "IPv6 address ::1 with 2 nodes needs addressing 'ports' (one address, consecutive ports): IPv6 has a single loopback address",
    );
    expect(() => clusterConfig({ address: '127.0.0.254', layout: nodes(3) })).toThrow('Address 127.0.0.254 leaves no room for 3 consecutive addresses');
  });

  it('takes one distinct uuid per node as host ids', () => {
    const ids = ['6ab1e0a2-5f1d-4c47-9d2e-3b1f0c8a7e55', '7ab1e0a2-5f1d-4c47-9d2e-3b1f0c8a7e55'];
    expect(clusterConfig({ layout: nodes(2), hostIds: ids }).hostIds).toEqual(ids);
    expect(() => clusterConfig({ layout: nodes(3), hostIds: ids })).toThrow('hostIds has 2 entries for 3 nodes');
    expect(() => clusterConfig({ layout: nodes(2), hostIds: [ids[0]!, ids[0]!.toUpperCase()] })).toThrow('hostIds lists a host id twice');
    expect(() => clusterConfig({ layout: nodes(1), hostIds: ['node-1'] })).toThrow("Invalid host id 'node-1'");
  });

  it('knows its own version, the one package.json names', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(CASSANOVA_VERSION).toBe(pkg.version);
  });
});
