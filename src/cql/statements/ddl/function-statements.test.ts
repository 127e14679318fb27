import { describe, expect, it } from 'vitest';
import { Schema, schemaChanges, userFunctionsOf } from '../../../schema/index.js';
import { formatCqlType } from '../../../types/index.js';
import { failure, run, withKeyspace } from './test-helpers.js';

const PLUS = "CREATE FUNCTION ks.plus(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a + b;'";
const STATE = "CREATE FUNCTION ks.acc(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return s + v;'";
const FINAL = "CREATE FUNCTION ks.fin(s int) CALLED ON NULL INPUT RETURNS text LANGUAGE javascript AS '\"total \" + s'";
const invalid = (message: string) => ({ type: 'InvalidRequestError', message });

describe('CREATE FUNCTION', () => {
  it('records the function and announces it with its argument types as written', () => {
    const result = run(withKeyspace(), "CREATE FUNCTION ks.f(a int, b list<text>) CALLED ON NULL INPUT RETURNS text LANGUAGE JAVA AS $$return \"\" + a;$$");
    expect(result.change).toEqual({ change: 'CREATED', target: 'FUNCTION', keyspace: 'ks', name: 'f', argTypes: ['int', 'list<text>'] });
    const [fn] = userFunctionsOf(result.schema.keyspace('ks')!);
    expect(fn).toMatchObject({ kind: 'function', name: 'f', argNames: ['a', 'b'], language: 'java', calledOnNullInput: true, body: 'return "" + a;' });
    expect(fn!.argTypes.map(formatCqlType)).toEqual(['int', 'list<text>']);
  });

  it('takes the session keyspace, replaces with OR REPLACE and skips with IF NOT EXISTS', () => {
    const schema = run(withKeyspace(), PLUS.replace('ks.plus', 'plus'), { keyspace: 'ks' }).schema;
    const replaced = run(schema, PLUS.replace('CREATE', 'CREATE OR REPLACE').replace('a + b', 'a - b'));
    expect(replaced.change).toMatchObject({ change: 'UPDATED', target: 'FUNCTION', name: 'plus' });
    expect(userFunctionsOf(replaced.schema.keyspace('ks')!)).toHaveLength(1);
    expect(run(schema, PLUS.replace('FUNCTION', 'FUNCTION IF NOT EXISTS')).change).toBeNull();
    expect(schemaChanges(schema, replaced.schema)).toEqual([{ change: 'UPDATED', target: 'FUNCTION', keyspace: 'ks', name: 'plus', argTypes: ['int', 'int'] }]);
    expect(replaced.schema.version.equals(schema.version)).toBe(false);
  });

  it.each([
    ["CREATE OR REPLACE FUNCTION IF NOT EXISTS ks.g(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'",
      "Cannot use both 'OR REPLACE' and 'IF NOT EXISTS' directives"],
    [PLUS, "Function 'plus' already exists"],
    ["CREATE OR REPLACE FUNCTION ks.plus(a int, b int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'",
      "Function 'plus' must have CALLED ON NULL INPUT directive"],
    ["CREATE FUNCTION ks.g(a int) RETURNS NULL ON NULL INPUT RETURNS frozen<list<int>> LANGUAGE java AS 'return null;'",
      "Return type 'frozen<list<int>>' cannot be frozen; remove frozen<> modifier from 'frozen<list<int>>'"],
    ["CREATE FUNCTION ks.g(a nope) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return 1;'", 'Unknown type ks.nope'],
    ["CREATE FUNCTION ks.g(a int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return a'",
      'Java source compilation failed:\nLine 1: Syntax error on token "<EOF>", ; expected\n'],
    ["CREATE FUNCTION ks.acc(v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return v;'",
      "Function 'acc' cannot replace an aggregate"],
  ])('refuses %s', (cql, message) => {
    const schema = withKeyspace(PLUS, "CREATE FUNCTION ks.st(s int, v int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return s;'",
      'CREATE AGGREGATE ks.acc(int) SFUNC st STYPE int');
    expect(failure(schema, cql)).toEqual(invalid(message));
  });

  it('is refused when user_defined_functions_enabled is false, and in system keyspaces', () => {
    expect(failure(withKeyspace(), PLUS, { userDefinedFunctionsEnabled: false })).toEqual(invalid(
      'User-defined functions are disabled in cassandra.yaml - set user_defined_functions_enabled=true to enable'));
    expect(failure(Schema.initial(), PLUS.replace('ks.plus', 'system.plus')).type).toBe('UnauthorizedError');
    expect(failure(withKeyspace(), PLUS.replace('ks.plus', 'plus'))).toEqual(invalid(
      'No keyspace has been specified. USE a keyspace, or explicitly specify keyspace.tablename'));
  });
});

describe('CREATE AGGREGATE', () => {
  it('records state and final functions, state type, return type and INITCOND', () => {
    const result = run(withKeyspace(STATE, FINAL), 'CREATE AGGREGATE ks.total(int) SFUNC acc STYPE int FINALFUNC fin INITCOND 10');
    expect(result.change).toEqual({ change: 'CREATED', target: 'AGGREGATE', keyspace: 'ks', name: 'total', argTypes: ['int'] });
    const aggregate = userFunctionsOf(result.schema.keyspace('ks')!).find((f) => f.kind === 'aggregate')!;
    expect(aggregate).toMatchObject({ stateFunction: 'acc', finalFunction: 'fin', initcond: Buffer.from([0, 0, 0, 10]) });
    expect(formatCqlType(aggregate.returnType)).toBe('text');
  });

  it.each([
    ['CREATE AGGREGATE ks.a(int) SFUNC nope STYPE int', "State function ks.nope(int, int) doesn't exist"],
    ['CREATE AGGREGATE ks.a(int) SFUNC fin STYPE int', "State function ks.fin(int, int) doesn't exist"],
    ['CREATE AGGREGATE ks.a(int) SFUNC plus STYPE int',
      "Cannot create aggregate 'a' without INITCOND because state function ks.plus does not accept 'null' arguments"],
    ['CREATE AGGREGATE ks.a(int) SFUNC acc STYPE int FINALFUNC nope', "Final function ks.nope(int) doesn't exist"],
    ['CREATE AGGREGATE ks.a(int) SFUNC acc STYPE frozen<list<int>>',
      "State type 'frozen<list<int>>' cannot be frozen; remove frozen<> modifier from 'frozen<list<int>>'"],
    ['CREATE AGGREGATE ks.one(int) SFUNC acc STYPE int', "Aggregate 'one' cannot replace a function"],
    ['CREATE AGGREGATE ks.a(int) SFUNC acc STYPE int INITCOND [1]', 'Invalid list literal for (aggregate_initcond) of type int'],
  ])('refuses %s', (cql, message) => {
    const one = "CREATE FUNCTION ks.one(a int) CALLED ON NULL INPUT RETURNS int LANGUAGE java AS 'return a;'";
    expect(failure(withKeyspace(PLUS, STATE, FINAL, one), cql)).toEqual(invalid(message));
  });
});

describe('DROP FUNCTION and DROP AGGREGATE', () => {
  const overloads = withKeyspace(PLUS, "CREATE FUNCTION ks.plus(a text) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return a;'",
    STATE, 'CREATE AGGREGATE ks.total(int) SFUNC acc STYPE int');

  it('drops one overload by its argument types and announces it', () => {
    const result = run(overloads, 'DROP FUNCTION ks.plus(text)');
    expect(result.change).toEqual({ change: 'DROPPED', target: 'FUNCTION', keyspace: 'ks', name: 'plus', argTypes: ['text'] });
    expect(run(result.schema, 'DROP FUNCTION ks.plus').change?.argTypes).toEqual(['int', 'int']);
    expect(run(overloads, 'DROP AGGREGATE ks.total').change).toEqual({ change: 'DROPPED', target: 'AGGREGATE', keyspace: 'ks', name: 'total', argTypes: ['int'] });
    expect(run(overloads, 'DROP FUNCTION IF EXISTS ks.nope').change).toBeNull();
    expect(run(overloads, 'DROP AGGREGATE IF EXISTS nope.a').change).toBeNull();
  });

  it.each([
    ['DROP FUNCTION ks.plus', "'DROP FUNCTION plus' matches multiple function definitions; specify the argument types by issuing a statement like 'DROP FUNCTION plus (type, type, ...)'. You can use cqlsh 'DESCRIBE FUNCTION plus' command to find all overloads"],
    ['DROP FUNCTION ks.acc', "Function 'ks.acc' is still referenced by aggregates ks.total"],
    ['DROP FUNCTION ks.plus(bigint)', "Function 'ks.plus(bigint)' doesn't exist"],
    ['DROP FUNCTION ks.total', "Function 'ks.total' doesn't exist"],
    ['DROP AGGREGATE ks.acc', "Aggregate 'ks.acc' doesn't exist"],
    ['DROP FUNCTION ks.plus(frozen<list<int>>)', "Argument 'frozen<list<int>>' cannot be frozen; remove frozen<> modifier from 'frozen<list<int>>'"],
  ])('refuses %s', (cql, message) => {
    expect(failure(overloads, cql)).toEqual(invalid(message));
  });

  it('keeps a user type while a function uses it', () => {
    const schema = withKeyspace('CREATE TYPE ks.pt (x int)',
      "CREATE FUNCTION ks.px(p pt) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'p.x'");
    expect(failure(schema, 'DROP TYPE ks.pt')).toEqual(invalid("Cannot drop user type 'ks.pt' as it is still used by functions ks.px"));
  });

  it('swaps an altered user type into the functions that use it', () => {
    const schema = withKeyspace('CREATE TYPE ks.pt (x int)',
      "CREATE FUNCTION ks.px(p pt) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE javascript AS 'p.x'");
    const altered = run(schema, 'ALTER TYPE ks.pt ADD y int').schema;
    const [fn] = userFunctionsOf(altered.keyspace('ks')!);
    const arg = fn!.argTypes[0]!;
    expect(arg.kind === 'udt' && arg.fields.map((f) => f.name)).toEqual(['x', 'y']);
  });

  it('reports the functions of a dropped keyspace', () => {
    const dropped = run(overloads, 'DROP KEYSPACE ks').schema;
    expect(schemaChanges(overloads, dropped).filter((c) => c.target === 'FUNCTION' || c.target === 'AGGREGATE').map((c) => `${c.target} ${c.name}`))
      .toEqual(['FUNCTION plus', 'FUNCTION plus', 'FUNCTION acc', 'AGGREGATE total']);
  });
});
