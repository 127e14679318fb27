/**
 * Overload resolution asks a nested call how well it fits each candidate's parameter, at every level
 * above it: BindSpecifications remembers the answer per call and receiver type, so that a deep chain of
 * arithmetic prepares in time linear in its depth rather than polynomial.
 */
import { describe, expect, it } from 'vitest';
import { native } from '../../types/index.js';
import type { FunctionCall } from '../ast/index.js';
import { parseStatement } from '../parser/index.js';
import { withKeyspace } from './ddl/test-helpers.js';
import { prepareStatement } from './prepared-statement.js';
import { BindSpecifications } from './term-preparer.js';

const schema = withKeyspace('CREATE TABLE ks.t (k int PRIMARY KEY, v bigint)');

describe('BindSpecifications.callAssignment', () => {
  const call: FunctionCall = { kind: 'function', name: '_add', args: [] };
  const receiver = { keyspace: 'ks', table: 't', name: 'v', type: native('int') };

  it('computes a call’s fit once per receiver type', () => {
    const binds = new BindSpecifications(schema);
    let computed = 0;
    const compute = () => {
      computed++;
      return 'exact' as const;
    };
    expect(binds.callAssignment(call, receiver, compute)).toBe('exact');
    expect(binds.callAssignment(call, { ...receiver, name: 'arg0(system._add)' }, compute)).toBe('exact');
    expect(computed).toBe(1);
    binds.callAssignment(call, { ...receiver, type: native('bigint') }, compute);
    binds.callAssignment({ ...call }, receiver, compute);
    expect(computed).toBe(3);
  });

  it('lets an arithmetic chain of 480 operators prepare', () => {
    const cql = `UPDATE t SET v = 1${' + 1'.repeat(480)} WHERE k = 0`;
    expect(() => prepareStatement(parseStatement(cql), schema, 'ks')).not.toThrow();
  });
});
