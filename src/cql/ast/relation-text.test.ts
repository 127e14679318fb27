import { describe, expect, it } from 'vitest';
import { relationText } from './relation-text.js';
import type { Relation } from './statement.js';

const int = (text: string) => ({ kind: 'constant', value: { kind: 'integer', text } }) as const;

describe('relationText (Relation.toString)', () => {
  it('writes single-column, tuple, token and map-entry relations', () => {
    expect(relationText({ target: { kind: 'column', name: 'v' }, operator: '!=', value: int('1') } as Relation)).toBe('v != 1');
    expect(relationText({ target: { kind: 'tuple', names: ['b', 'c'] }, operator: '>', value: { kind: 'bind', index: 0, name: null } } as Relation)).toBe('(b, c) > ?');
    expect(relationText({ target: { kind: 'token', names: ['k'] }, operator: '<=', value: int('5') } as Relation)).toBe('token(k) <= 5');
    expect(relationText({ target: { kind: 'mapEntry', name: 'm', key: int('2') }, operator: '=', value: int('3') } as Relation)).toBe('m[2] = 3');
  });

  it('writes IN lists, a single column as a Java list', () => {
    expect(relationText({ target: { kind: 'column', name: 'c' }, operator: 'IN', value: { kind: 'inList', items: [int('1'), int('2')] } } as Relation)).toBe('c IN [1, 2]');
    const tuple = (a: string, b: string) => ({ kind: 'tuple', items: [int(a), int(b)] });
    expect(relationText({ target: { kind: 'tuple', names: ['b', 'c'] }, operator: 'IN', value: { kind: 'inList', items: [tuple('1', '2'), tuple('3', '4')] } } as unknown as Relation))
      .toBe('(b, c) IN ((1, 2), (3, 4))');
  });
});
