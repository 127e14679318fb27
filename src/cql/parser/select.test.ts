import { describe, expect, it } from 'vitest';
import { bind, int, parse, str } from './testing/parse-helpers.js';

describe('SELECT', () => {
  it('parses the simplest form', () => {
    expect(parse('SELECT * FROM t')).toEqual({
      kind: 'select', table: { keyspace: null, name: 't' }, json: false, distinct: false, selection: null,
      where: [], groupBy: [], orderBy: [], perPartitionLimit: null, limit: null, allowFiltering: false,
    });
  });

  it('parses every clause', () => {
    expect(parse(
      'SELECT DISTINCT k FROM ks.t WHERE k = 1 GROUP BY k, c ORDER BY c DESC, d ASC, e PER PARTITION LIMIT 2 LIMIT ? ALLOW FILTERING;',
    )).toEqual({
      kind: 'select', table: { keyspace: 'ks', name: 't' }, json: false, distinct: true,
      selection: [{ selector: { kind: 'column', name: 'k' }, alias: null }],
      where: [{ target: { kind: 'column', name: 'k' }, operator: '=', value: int('1') }],
      groupBy: ['k', 'c'],
      orderBy: [{ column: 'c', descending: true }, { column: 'd', descending: false }, { column: 'e', descending: false }],
      perPartitionLimit: int('2'), limit: bind(0), allowFiltering: true,
    });
  });

  it('tells the JSON and DISTINCT modifiers from columns of those names', () => {
    expect(parse('SELECT JSON * FROM t')).toMatchObject({ json: true, selection: null });
    expect(parse('SELECT JSON DISTINCT a FROM t')).toMatchObject({ json: true, distinct: true });
    expect(parse('SELECT json FROM t')).toMatchObject({ json: false, selection: [{ selector: { kind: 'column', name: 'json' } }] });
    expect(parse('SELECT distinct, json FROM t')).toMatchObject({
      json: false, distinct: false,
      selection: [{ selector: { kind: 'column', name: 'distinct' } }, { selector: { kind: 'column', name: 'json' } }],
    });
  });

  it('parses selectors with aliases, functions, writetime, ttl, casts and counts', () => {
    const select = parse(
      'SELECT a AS x, writetime(b), maxwritetime(b), ttl(c), count(*), COUNT(1), count(c), token(k1, k2), '
      + 'CAST(d AS text), ks.fn(a, 1), now(), ttl, u.f.g, m[\'k\'], s[1..3], s[..3], l[2..] FROM t',
    );
    expect(select.kind === 'select' && select.selection).toEqual([
      { selector: { kind: 'column', name: 'a' }, alias: 'x' },
      { selector: { kind: 'writetime', column: 'b' }, alias: null },
      { selector: { kind: 'maxwritetime', column: 'b' }, alias: null },
      { selector: { kind: 'ttl', column: 'c' }, alias: null },
      { selector: { kind: 'countStar' }, alias: null },
      { selector: { kind: 'countStar' }, alias: null },
      { selector: { kind: 'function', name: 'count', args: [{ kind: 'column', name: 'c' }] }, alias: null },
      { selector: { kind: 'function', name: 'token', args: [{ kind: 'column', name: 'k1' }, { kind: 'column', name: 'k2' }] }, alias: null },
      { selector: { kind: 'cast', selector: { kind: 'column', name: 'd' }, type: 'text' }, alias: null },
      { selector: { kind: 'function', name: 'ks.fn', args: [{ kind: 'column', name: 'a' }, { kind: 'term', term: int('1') }] }, alias: null },
      { selector: { kind: 'function', name: 'now', args: [] }, alias: null },
      { selector: { kind: 'column', name: 'ttl' }, alias: null },
      { selector: { kind: 'field', selector: { kind: 'field', selector: { kind: 'column', name: 'u' }, field: 'f' }, field: 'g' }, alias: null },
      { selector: { kind: 'element', selector: { kind: 'column', name: 'm' }, key: str('k') }, alias: null },
      { selector: { kind: 'slice', selector: { kind: 'column', name: 's' }, from: int('1'), to: int('3') }, alias: null },
      { selector: { kind: 'slice', selector: { kind: 'column', name: 's' }, from: null, to: int('3') }, alias: null },
      { selector: { kind: 'slice', selector: { kind: 'column', name: 'l' }, from: int('2'), to: null }, alias: null },
    ]);
  });

  it('parses arithmetic, literals and type hints in selections', () => {
    const select = parse("SELECT a + b * 2, -a, (a), 'lit', (int) ?, [1, 2], {'k': 1}, {f: 1}, (1, 'x') FROM t");
    const selectors = select.kind === 'select' ? select.selection?.map((c) => c.selector) : [];
    expect(selectors).toEqual([
      { kind: 'function', name: '_add', args: [
        { kind: 'column', name: 'a' },
        { kind: 'function', name: '_multiply', args: [{ kind: 'column', name: 'b' }, { kind: 'term', term: int('2') }] },
      ] },
      { kind: 'function', name: '_negate', args: [{ kind: 'column', name: 'a' }] },
      { kind: 'parenthesized', selector: { kind: 'column', name: 'a' } },
      { kind: 'term', term: str('lit') },
      { kind: 'term', term: { kind: 'cast', type: 'int', term: bind(0) } },
      { kind: 'term', term: { kind: 'list', items: [int('1'), int('2')] } },
      { kind: 'term', term: { kind: 'map', entries: [[str('k'), int('1')]] } },
      { kind: 'term', term: { kind: 'udt', fields: [['f', int('1')]] } },
      { kind: 'term', term: { kind: 'tuple', items: [int('1'), str('x')] } },
    ]);
  });

  it('parses every relation form', () => {
    const select = parse(
      "SELECT * FROM t WHERE a = 1 AND b < 2 AND c <= 3 AND d > 4 AND e >= 5 AND f != 6 AND g IN (1, 2) AND h IN ? "
      + "AND i CONTAINS 'x' AND j CONTAINS KEY 'y' AND k LIKE 'z%' AND token(k1, k2) > token(1, 2) "
      + "AND m['key'] = 'v' AND (c1, c2) > (1, 2) AND (c1, c2) IN ((1, 2), (3, 4)) AND (c1) IN (?, :n) "
      + 'AND (c1, c2) <= ? AND (c1, c2) IN ? AND (c1, c2) IN () AND (z = 1)',
    );
    expect(select.kind === 'select' && select.where).toEqual([
      { target: { kind: 'column', name: 'a' }, operator: '=', value: int('1') },
      { target: { kind: 'column', name: 'b' }, operator: '<', value: int('2') },
      { target: { kind: 'column', name: 'c' }, operator: '<=', value: int('3') },
      { target: { kind: 'column', name: 'd' }, operator: '>', value: int('4') },
      { target: { kind: 'column', name: 'e' }, operator: '>=', value: int('5') },
      { target: { kind: 'column', name: 'f' }, operator: '!=', value: int('6') },
      { target: { kind: 'column', name: 'g' }, operator: 'IN', value: { kind: 'inList', items: [int('1'), int('2')] } },
      { target: { kind: 'column', name: 'h' }, operator: 'IN', value: bind(0) },
      { target: { kind: 'column', name: 'i' }, operator: 'CONTAINS', value: str('x') },
      { target: { kind: 'column', name: 'j' }, operator: 'CONTAINS KEY', value: str('y') },
      { target: { kind: 'column', name: 'k' }, operator: 'LIKE', value: str('z%') },
      { target: { kind: 'token', names: ['k1', 'k2'] }, operator: '>', value: { kind: 'function', name: 'token', args: [int('1'), int('2')] } },
      { target: { kind: 'mapEntry', name: 'm', key: str('key') }, operator: '=', value: str('v') },
      { target: { kind: 'tuple', names: ['c1', 'c2'] }, operator: '>', value: { kind: 'tuple', items: [int('1'), int('2')] } },
      { target: { kind: 'tuple', names: ['c1', 'c2'] }, operator: 'IN', value: { kind: 'inList', items: [
        { kind: 'tuple', items: [int('1'), int('2')] }, { kind: 'tuple', items: [int('3'), int('4')] },
      ] } },
      { target: { kind: 'tuple', names: ['c1'] }, operator: 'IN', value: { kind: 'inList', items: [bind(1), bind(2, 'n')] } },
      { target: { kind: 'tuple', names: ['c1', 'c2'] }, operator: '<=', value: bind(3) },
      { target: { kind: 'tuple', names: ['c1', 'c2'] }, operator: 'IN', value: bind(4) },
      { target: { kind: 'tuple', names: ['c1', 'c2'] }, operator: 'IN', value: { kind: 'inList', items: [] } },
      { target: { kind: 'column', name: 'z' }, operator: '=', value: int('1') },
    ]);
  });

  it('accepts unreserved keywords as column and table names', () => {
    expect(parse('SELECT key, type, ttl, writetime, count, values, timestamp, date, time, map, text FROM keys WHERE key = 1'))
      .toMatchObject({
        table: { name: 'keys' },
        selection: ['key', 'type', 'ttl', 'writetime', 'count', 'values', 'timestamp', 'date', 'time', 'map', 'text']
          .map((name) => ({ selector: { kind: 'column', name }, alias: null })),
        where: [{ target: { kind: 'column', name: 'key' } }],
      });
  });
});
