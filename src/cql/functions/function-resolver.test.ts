import { describe, expect, it } from 'vitest';
import { InvalidRequestError } from '../../errors/index.js';
import { native, typeAssignment, type AssignmentResult, type CqlType } from '../../types/index.js';
import { withKeyspace } from '../statements/ddl/test-helpers.js';
import type { ColumnSpecification } from '../statements/column-specification.js';
import { argumentSpec, resolveFunction, type CallSite, type FunctionArgument } from './function-resolver.js';
import { formatSignature } from './native-function.js';

const table = withKeyspace('CREATE TABLE ks.t (a int, b text, c int, PRIMARY KEY ((a, b), c))').keyspace('ks')!.tables.get('t')!;

/** An argument of a known type, as a selected column or a nested call is. */
function typed(type: CqlType, text = 'x'): FunctionArgument {
  return { testAssignment: (spec) => typeAssignment(type, spec.type), text };
}

/** An argument that answers the same whatever the parameter, as a bind marker does (always 'weak'). */
function answering(result: AssignmentResult, text = '?'): FunctionArgument {
  return { testAssignment: () => result, text };
}

function site(receiverType: CqlType | null): CallSite {
  const receiver: ColumnSpecification | null = receiverType === null ? null : { keyspace: 'ks', table: 't', name: 'v', type: receiverType };
  return { keyspace: 'ks', table: 't', receiver, tableMetadata: table };
}

function failure(run: () => unknown): string {
  try {
    run();
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequestError);
    return (e as Error).message;
  }
  throw new Error('expected an InvalidRequest');
}

describe('resolveFunction (FunctionResolver.get)', () => {
  it('picks the overload whose parameter the argument matches exactly: toTimestamp(now())', () => {
    const fn = resolveFunction('totimestamp', [typed(native('timeuuid'))], site(native('timestamp')))!;
    expect(formatSignature(fn)).toBe('system.totimestamp : (timeuuid) -> timestamp');
  });

  it('takes the only overload an argument fits weakly: toDate of a string is toDate(timestamp)', () => {
    const fn = resolveFunction('todate', [{ testAssignment: (s) => (s.type === native('timestamp') ? 'weak' : 'none'), text: "'2013-01-01'" }], site(null))!;
    expect(formatSignature(fn)).toBe('system.todate : (timestamp) -> date');
  });

  it('refuses a bind marker that fits every overload, listing them in registration order', () => {
    expect(failure(() => resolveFunction('totimestamp', [answering('weak')], site(native('timestamp'))))).toBe(
      'Ambiguous call to function totimestamp (can be matched by following signatures: system.totimestamp : (timeuuid) -> timestamp, '
      + 'system.totimestamp : (date) -> timestamp): use type casts to disambiguate',
    );
  });

  it('keeps only the overloads whose result fits the receiver', () => {
    // castAsText and castAsAscii of an int: only one of the two names, and each returns its own type.
    const fn = resolveFunction('castAsText', [typed(native('int'))], site(native('text')))!;
    expect(formatSignature(fn)).toBe('system.castAsText : (int) -> text');
    expect(failure(() => resolveFunction('tounixtimestamp', [typed(native('timestamp'))], site(native('int'))))).toBe(
      'Invalid call to function tounixtimestamp, none of its type signatures match (known type signatures: '
      + 'system.tounixtimestamp : (timeuuid) -> bigint, system.tounixtimestamp : (timestamp) -> bigint, system.tounixtimestamp : (date) -> bigint)',
    );
  });

  it('names every known signature when no overload fits', () => {
    expect(failure(() => resolveFunction('todate', [typed(native('int'), 'k')], site(null)))).toBe(
      'Invalid call to function todate, none of its type signatures match (known type signatures: '
      + 'system.todate : (timeuuid) -> date, system.todate : (timestamp) -> date)',
    );
  });

  it('checks the arguments of a function with one signature one by one', () => {
    expect(failure(() => resolveFunction('mintimeuuid', [typed(native('text'), "'abc'")], site(null)))).toBe(
      "Type error: 'abc' cannot be passed as argument 0 of function system.mintimeuuid of type timestamp",
    );
    expect(failure(() => resolveFunction('mintimeuuid', [], site(null)))).toBe(
      'Invalid number of arguments in call to function system.mintimeuuid: 1 required but 0 provided',
    );
    expect(resolveFunction('system.textasblob', [typed(native('ascii'))], site(null))?.name).toBe('textasblob');
  });

  it('makes token() for the table: the partition key as parameters', () => {
    const fn = resolveFunction('token', [answering('weak'), answering('weak')], site(native('bigint')))!;
    expect(formatSignature(fn)).toBe('system.token : (int, text) -> bigint');
    expect(argumentSpec(site(null), fn, 1)).toEqual({ keyspace: 'ks', table: 't', name: 'arg1(system.token)', type: native('text') });
  });

  it('makes fromJson() for its receiver and keeps toJson() to selections', () => {
    expect(formatSignature(resolveFunction('fromjson', [answering('weak')], site(native('date')))!)).toBe('system.fromjson : (text) -> date');
    expect(failure(() => resolveFunction('fromjson', [answering('weak')], site(null)))).toBe(
      'fromJson() cannot be used in the selection clause of a SELECT statement',
    );
    expect(failure(() => resolveFunction('tojson', [answering('weak')], site(native('text'))))).toBe(
      'toJson() may only be used within the selection clause of SELECT statements',
    );
  });

  it('knows no function outside the system keyspace, and no lower-cased cast', () => {
    expect(resolveFunction('foo', [], site(null))).toBeNull();
    expect(resolveFunction('ks.now', [], site(null))).toBeNull();
    expect(resolveFunction('castasint', [typed(native('bigint'))], site(null))).toBeNull();
    expect(resolveFunction('system.now', [], site(null))?.name).toBe('now');
  });

  it('names the operator when no operation fits, and settles a tie by the receiver unless a marker takes part', () => {
    expect(failure(() => resolveFunction('_add', [typed(native('boolean'), 'b'), typed(native('int'), '1')], site(null)))).toBe(
      "the '+' operation is not supported between b and 1",
    );
    const literal = (text: string): FunctionArgument => ({ testAssignment: () => 'weak', text });
    expect(formatSignature(resolveFunction('_add', [literal('1'), literal('1')], site(native('smallint')))!)).toBe(
      'system._add : (smallint, smallint) -> smallint',
    );
    const marker: FunctionArgument = { testAssignment: () => 'weak', text: '?', isMarker: true };
    expect(failure(() => resolveFunction('_add', [literal('1'), marker], site(native('smallint'))))).toBe(
      "Ambiguous '+' operation: use type casts to disambiguate",
    );
    expect(failure(() => resolveFunction('_negate', [answering('weak')], site(null)))).toBe('Ambiguous negation: use type casts to disambiguate');
  });

  it('prefers an exact match over weak ones: castAsInt of a bigint column', () => {
    const fn = resolveFunction('castAsInt', [typed(native('bigint'))], site(null))!;
    expect(formatSignature(fn)).toBe('system.castAsInt : (bigint) -> int');
  });

  it('reads a timestamp as a varint when nothing matches better, as Cassandra does for CAST(ts AS bigint)', () => {
    const fn = resolveFunction('castAsBigint', [typed(native('timestamp'))], site(null))!;
    expect(formatSignature(fn)).toBe('system.castAsBigint : (varint) -> bigint');
  });
});

describe('resolveFunction with user-defined functions', () => {
  const schema = withKeyspace(
    "CREATE FUNCTION ks.f(x int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return x;'",
    "CREATE FUNCTION ks.f(x text) RETURNS NULL ON NULL INPUT RETURNS text LANGUAGE java AS 'return x;'",
    "CREATE FUNCTION ks.max(a int, b int) RETURNS NULL ON NULL INPUT RETURNS int LANGUAGE java AS 'return Math.max(a, b);'",
    'CREATE KEYSPACE other WITH replication = {\'class\': \'SimpleStrategy\', \'replication_factor\': 1}',
  );
  const withSchema = (receiverType: CqlType | null, keyspace = 'ks'): CallSite => ({ ...site(receiverType), keyspace, keyspaces: schema });

  it("finds the statement keyspace's functions unqualified, and any keyspace's qualified, choosing the overload", () => {
    expect(formatSignature(resolveFunction('f', [typed(native('text'))], withSchema(null))!)).toBe('ks.f : (text) -> text');
    expect(formatSignature(resolveFunction('ks.f', [typed(native('int'))], withSchema(null, 'other'))!)).toBe('ks.f : (int) -> int');
    expect(resolveFunction('f', [typed(native('int'))], withSchema(null, 'other'))).toBeNull();
    expect(resolveFunction('system.f', [typed(native('int'))], withSchema(null))).toBeNull();
  });

  it('puts native overloads first and the keyspace ones after them', () => {
    expect(formatSignature(resolveFunction('max', [typed(native('int')), typed(native('int'))], withSchema(null))!)).toBe('ks.max : (int, int) -> int');
    expect(formatSignature(resolveFunction('max', [typed(native('int'))], withSchema(null))!)).toBe('system.max : (int) -> int');
    expect(failure(() => resolveFunction('f', [answering('weak')], withSchema(null)))).toBe(
      'Ambiguous call to function f (can be matched by following signatures: ks.f : (int) -> int, ks.f : (text) -> text): use type casts to disambiguate');
  });
});
