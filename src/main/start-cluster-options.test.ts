import { describe, expect, it } from 'vitest';
import { checkStartClusterOptions, configOf } from './start-cluster-options.js';

/** What plain JavaScript may pass: anything. */
const fromJavaScript = (options: unknown): void => checkStartClusterOptions(options);

describe('startCluster options from plain JavaScript', () => {
  it('refuses an unknown option, naming the one it probably meant', () => {
    expect(() => fromJavaScript({ node: 3 })).toThrow("Unknown startCluster option 'node' (did you mean 'nodes'?)");
    expect(() => fromJavaScript({ gossipIntervallMs: 10 })).toThrow("(did you mean 'gossipIntervalMs'?)");
    expect(() => fromJavaScript({ replicationFactor: 3 })).toThrow(/^Unknown startCluster option 'replicationFactor'$/);
    expect(() => fromJavaScript({ toString: 'x' })).toThrow("Unknown startCluster option 'toString'");
  });

  it('refuses values of the wrong kind with the option and what it takes', () => {
    const cases: [unknown, string][] = [
      [{ clock: 'fake' }, "Invalid startCluster option clock: 'fake' (expected 'system' or 'virtual' or 'auto')"],
      [{ port: -1 }, 'Invalid startCluster option port: -1 (expected a port number from 0 to 65535)'],
      [{ port: '9042' }, "Invalid startCluster option port: '9042'"],
      [{ nodes: 0 }, 'Invalid startCluster option nodes: 0 (expected a whole number, 1 or more)'],
      [{ nodes: 2.5 }, 'Invalid startCluster option nodes: 2.5'],
      [{ addressing: 'hosts' }, "Invalid startCluster option addressing: 'hosts' (expected 'addresses' or 'ports')"],
      [{ dataCenters: { dc1: 0 } }, 'Invalid startCluster option dataCenters: {"dc1":0}'],
      [{ dataCenters: { dc1: { rack1: '2' } } }, 'Invalid startCluster option dataCenters'],
      [{ initialTokens: [1, 2] }, 'Invalid startCluster option initialTokens: [1,2]'],
      [{ initialTokens: ['x'] }, 'Invalid startCluster option initialTokens'],
      [{ clockStart: 'yesterday' }, "Invalid startCluster option clockStart: 'yesterday' (expected a Date or milliseconds since the epoch)"],
      [{ clockStart: new Date(Number.NaN) }, 'Invalid startCluster option clockStart: Date(invalid)'],
      [{ writeRequestTimeoutMs: 0 }, 'Invalid startCluster option writeRequestTimeoutMs: 0 (expected a number more than 0)'],
      [{ maxHintWindowMs: -1 }, 'Invalid startCluster option maxHintWindowMs: -1'],
      [{ traceProbability: 2 }, 'Invalid startCluster option traceProbability: 2 (expected a number from 0 to 1)'],
      [{ sasiIndexesEnabled: 'yes' }, "Invalid startCluster option sasiIndexesEnabled: 'yes' (expected true or false)"],
      [{ seed: 1n }, 'Invalid startCluster option seed: 1n (expected a whole number)'],
      [{ authenticator: 'Password' }, "Invalid startCluster option authenticator: 'Password' (expected 'AllowAllAuthenticator' or 'PasswordAuthenticator')"],
      [{ authorizer: 'Cassandra' }, "Invalid startCluster option authorizer: 'Cassandra' (expected 'AllowAllAuthorizer' or 'CassandraAuthorizer')"],
      [{ kvMaxValueBytes: 0 }, 'Invalid startCluster option kvMaxValueBytes: 0 (expected a whole number of bytes, 1 or more)'],
      [{ kvMaxValueBytes: '1MiB' }, "Invalid startCluster option kvMaxValueBytes: '1MiB'"],
      [{ dataCenters: { dc1: 1n } }, 'Invalid startCluster option dataCenters: {"dc1":"1n"}'],
      [{ tls: 'yes' }, "Invalid startCluster option tls: 'yes' (expected 'self-signed', or { cert, key, ca?"],
      [{ tls: { certificate: 'node.crt' } }, 'Invalid startCluster option tls: {"certificate":"node.crt"}'],
      [{ tls: { selfSigned: 'true' } }, 'Invalid startCluster option tls'],
      ['9042', "startCluster takes an options object, not '9042'"],
      [[3], 'startCluster takes an options object, not [3]'],
    ];
    for (const [options, message] of cases) expect(() => fromJavaScript(options), message).toThrow(message);
  });

  it('takes every option of the README with a value of the right kind, and undefined for any', () => {
    const options = {
      address: '127.0.0.1', port: 0, nodes: 3, addressing: 'addresses', initialTokens: ['-100', '0', '100,200'], clusterName: 'c',
      dataCenter: 'dc', rack: 'r', numTokens: 4, seed: 7, clock: 'auto', clockStart: new Date(0), maxFrameSizeBytes: 1 << 20,
      writeRequestTimeoutMs: 100, readRequestTimeoutMs: 100, maxHintWindowMs: 0, gossipIntervalMs: 10, phiConvictThreshold: 4,
      traceProbability: 0.5, batchSizeWarnThreshold: '1KiB', batchSizeFailThreshold: 4096, unloggedBatchAcrossPartitionsWarnThreshold: 2,
      tombstoneWarnThreshold: 5, tombstoneFailureThreshold: 10, sasiIndexesEnabled: true, dataCenters: undefined,
      authenticator: 'PasswordAuthenticator',
    } as const;
    expect(() => fromJavaScript(options)).not.toThrow();
    expect(configOf(options).authenticator).toBe('PasswordAuthenticator');
    expect(configOf({}).authenticator).toBe('AllowAllAuthenticator');
    expect(configOf({ ...options, authorizer: 'CassandraAuthorizer' }).authorizer).toBe('CassandraAuthorizer');
    expect(configOf({}).authorizer).toBe('AllowAllAuthorizer');
    // As Cassandra refuses to start: an authorizer that needs roles needs logins.
    expect(() => configOf({ authorizer: 'CassandraAuthorizer' })).toThrow("AllowAllAuthenticator can't be used with CassandraAuthorizer");
    expect(configOf(options)).toMatchObject({ clock: 'auto', clockStartMs: 0, maxHintWindowMs: 0, numTokens: 4, layout: { length: 3 } });
    expect(configOf({ clockStart: 1_700_000_000_000, clock: 'virtual' }).clockStartMs).toBe(1_700_000_000_000);
  });

  it("refuses a clock start for the system clock, and the config's own rules still apply", () => {
    expect(() => configOf({ clockStart: new Date() })).toThrow("A clock start needs clock 'virtual' or 'auto'");
    expect(() => configOf({ nodes: 2, dataCenters: { dc1: 3 } })).toThrow(/does not match/);
  });
});

describe('materializedViewsEnabled', () => {
  it('is on unless set to false, and takes true or false only', () => {
    expect(configOf({}).materializedViewsEnabled).toBe(true);
    expect(configOf({ materializedViewsEnabled: false }).materializedViewsEnabled).toBe(false);
    expect(() => fromJavaScript({ materializedViewsEnabled: 'no' }))
      .toThrow("Invalid startCluster option materializedViewsEnabled: 'no' (expected true or false)");
  });
});

describe('commitlogTotalSpaceMb', () => {
  it("is commitlog_total_space in MiB, 8192 unless set, and takes a whole number of MiB", () => {
    expect(configOf({}).commitlogTotalSpaceBytes).toBe(8192 * 1024 * 1024);
    expect(configOf({ commitlogTotalSpaceMb: 64 }).commitlogTotalSpaceBytes).toBe(64 * 1024 * 1024);
    expect(() => fromJavaScript({ commitlogTotalSpaceMb: 0 }))
      .toThrow('Invalid startCluster option commitlogTotalSpaceMb: 0 (expected a whole number of MiB, 1 or more)');
  });
});
