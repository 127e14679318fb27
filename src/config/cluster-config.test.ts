import { describe, expect, it } from 'vitest';
import { clusterConfig, dataStorageBytes, DEFAULT_CLUSTER_CONFIG } from './cluster-config.js';

describe('cluster config: warning thresholds and trace probability', () => {
  it("defaults to cassandra.yaml 4.1's values, but for SASI indexes, enabled (as the 3.11 and 4.0 suites that use them expect)", () => {
    expect(DEFAULT_CLUSTER_CONFIG).toMatchObject({
      batchSizeWarnThresholdBytes: 5120, batchSizeFailThresholdBytes: 51_200, unloggedBatchAcrossPartitionsWarnThreshold: 10,
      tombstoneWarnThreshold: 1000, tombstoneFailureThreshold: 100_000, traceProbability: 0, sasiIndexesEnabled: true,
    });
  });

  it('reads sizes as cassandra.yaml writes them, or as bytes', () => {
    expect(dataStorageBytes('5KiB', 'x')).toBe(5120);
    expect(dataStorageBytes('512B', 'x')).toBe(512);
    expect(dataStorageBytes('2MiB', 'x')).toBe(2 * 1024 * 1024);
    expect(dataStorageBytes('1GiB', 'x')).toBe(2 ** 30);
    expect(dataStorageBytes(100, 'x')).toBe(100);
    expect(dataStorageBytes(undefined, 'x')).toBeUndefined();
    for (const bad of ['5kb', 'KiB', '-1KiB', '1.5KiB']) expect(() => dataStorageBytes(bad, 'batchSizeWarnThreshold'), bad).toThrow(/batchSizeWarnThreshold/);
  });

  it('refuses negative or fractional thresholds and probabilities outside [0, 1]', () => {
    expect(() => clusterConfig({ tombstoneWarnThreshold: -1 })).toThrow('Invalid tombstoneWarnThreshold: -1');
    expect(() => clusterConfig({ batchSizeFailThresholdBytes: 1.5 })).toThrow(/Invalid batchSizeFailThresholdBytes/);
    expect(() => clusterConfig({ traceProbability: 1.5 })).toThrow('Trace probability must be between 0 and 1');
    expect(clusterConfig({ traceProbability: 1, tombstoneFailureThreshold: 0 })).toMatchObject({ traceProbability: 1, tombstoneFailureThreshold: 0 });
  });
});
