import { describe, expect, it } from 'vitest';
import { ConsistencyLevel } from '../../errors/index.js';
import { checkNamespace, checkTtl, consistencyLevel, decodeCursor, encodeCursor, etagList, listLimit, serialLevel } from './kv-rules.js';

describe('the key-value API\'s input rules', () => {
  it('takes namespaces that are CQL table names needing no quotes, 48 characters at most', () => {
    for (const ok of ['a', 'users', 'user_2', `a${'b'.repeat(47)}`]) expect(() => checkNamespace(ok)).not.toThrow();
    for (const bad of ['', 'Users', '2users', '_x', 'a-b', 'a.b', `a${'b'.repeat(48)}`, 'é']) {
      expect(() => checkNamespace(bad), bad).toThrow(expect.objectContaining({ status: 400, message: expect.stringMatching(/^Invalid namespace/) as unknown }));
    }
  });

  it('reads consistency levels by name, in any case; serial ones for transactions only', () => {
    expect(consistencyLevel(undefined, ConsistencyLevel.ONE)).toBe(ConsistencyLevel.ONE);
    expect(consistencyLevel('local_quorum', ConsistencyLevel.ONE)).toBe(ConsistencyLevel.LOCAL_QUORUM);
    expect(() => consistencyLevel('MOST', ConsistencyLevel.ONE)).toThrow("Invalid consistency 'MOST': one of ANY, ONE, TWO, THREE, QUORUM, ALL, LOCAL_QUORUM, EACH_QUORUM, SERIAL, LOCAL_SERIAL, LOCAL_ONE");
    expect(serialLevel(undefined)).toBe(ConsistencyLevel.SERIAL);
    expect(serialLevel('LOCAL_SERIAL')).toBe(ConsistencyLevel.LOCAL_SERIAL);
    expect(() => serialLevel('ONE')).toThrow("Invalid serialConsistency 'ONE': SERIAL or LOCAL_SERIAL");
  });

  it('takes whole-number TTLs that fit a CQL int (Cassandra checks their range) and limits from 1 to 1000', () => {
    expect(() => checkTtl(undefined)).not.toThrow();
    expect(() => checkTtl(-5)).not.toThrow();
    expect(() => checkTtl(1.5)).toThrow(/^Invalid ttl '1.5'/);
    expect(() => checkTtl(2 ** 31)).toThrow(/^Invalid ttl/);
    expect(listLimit({})).toBe(100);
    expect(listLimit({ limit: 1000 })).toBe(1000);
    expect(() => listLimit({ limit: 0 })).toThrow("Invalid limit '0': a whole number from 1 to 1000");
  });

  it('reads If-Match lists, quoted or not, weak or not, and *', () => {
    expect(etagList('"1", W/"2" ,3')).toEqual(['1', '2', '3']);
    expect(etagList(['"4"'])).toEqual(['4']);
    expect(etagList('"1", *')).toBe('*');
    expect(() => etagList(' , ')).toThrow('If-Match names no ETag');
  });

  it('makes opaque cursors of keys and refuses ones it did not make', () => {
    for (const key of ['a', 'user/42', 'clé 🔑']) expect(decodeCursor(encodeCursor(key))).toBe(key);
    expect(decodeCursor(undefined)).toBeNull();
    expect(decodeCursor('')).toBeNull();
    expect(() => decodeCursor('%%')).toThrow(/^Invalid cursor '%%'/);
    expect(() => decodeCursor('YQ=')).toThrow(/^Invalid cursor/);
  });
});
