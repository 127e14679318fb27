import { describe, expect, it } from 'vitest';
import { ProtocolError } from '../errors/index.js';
import { startupOptions } from './startup-options.js';

const options = (entries: Record<string, string>): Map<string, string> => new Map(Object.entries(entries));

describe('startupOptions', () => {
  it('accepts the CQL versions drivers send, and option names in any case', () => {
    for (const cqlVersion of ['3.0.0', '3.4.6', '3.0', '4.0.0-beta1', '3.0.0+build.7', '2.99.0.1']) {
      expect(startupOptions(options({ CQL_VERSION: cqlVersion }), 4).compression).toBeNull();
    }
    expect(startupOptions(options({ cql_version: '3.0.0', Compression: 'LZ4' }), 4).compression).toBe('lz4');
    expect(startupOptions(options({ CQL_VERSION: '3.0.0', COMPRESSION: 'snappy' }), 3).compression).toBe('snappy');
  });

  it('keeps every option with its name upper-cased and its value as sent', () => {
    const checked = startupOptions(options({ cql_version: '3.0.0', Driver_Name: 'DataStax Node.js Driver', DRIVER_VERSION: '4.10.0' }), 4);
    expect(Object.fromEntries(checked.options)).toEqual({
      CQL_VERSION: '3.0.0', DRIVER_NAME: 'DataStax Node.js Driver', DRIVER_VERSION: '4.10.0',
    });
  });

  // Cut or flipped versions, as the protocol fuzz test sends them, used to be answered with READY.
  it('refuses a CQL_VERSION that is not a version, as Cassandra does', () => {
    for (const cqlVersion of ['3.0.', '3', '', '3.0.\u00e9', 'three', '3.0.99999999999', '3.0.0 ']) {
      const attempt = (): unknown => startupOptions(options({ CQL_VERSION: cqlVersion }), 4);
      expect(attempt).toThrow(ProtocolError);
      expect(attempt).toThrow(`Invalid version value: ${cqlVersion}`);
    }
  });

  it('refuses CQL versions older than 3', () => {
    for (const cqlVersion of ['2.0.0', '1.9', '2.99.0-rc1']) {
      expect(() => startupOptions(options({ CQL_VERSION: cqlVersion }), 4)).toThrow(
        `CQL version ${cqlVersion} is not supported by the binary protocol (supported version are >= 3.0.0)`,
      );
    }
  });

  it('refuses a missing CQL_VERSION and unknown or disallowed compressions', () => {
    expect(() => startupOptions(options({ COMPRESSION: 'lz4' }), 4)).toThrow('Missing value CQL_VERSION in STARTUP message');
    expect(() => startupOptions(options({ CQL_VERSION: '3.0.0', COMPRESSION: 'ZSTD' }), 4)).toThrow('Unknown compression algorithm: zstd');
    expect(() => startupOptions(options({ CQL_VERSION: '3.0.0', COMPRESSION: 'snappy' }), 5)).toThrow('Snappy compression is not supported in protocol V5');
  });
});
