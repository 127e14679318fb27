import { describe, expect, it } from 'vitest';
import { requestContext } from '../../../common/index.js';
import { FunctionFailureError, InvalidRequestError } from '../../../errors/index.js';
import type { UserFunctionMetadata } from '../../../schema/index.js';
import { deserialize, native, parseCqlType, serialize, type CqlType } from '../../../types/index.js';
import type { ExecutionContext } from '../../statements/query-options.js';
import type { UdfLimits } from './udf-limits.js';
import { compileUserFunction, userScalarFunction } from './user-function.js';

function udf(language: string, args: string, returnType: string, body: string, calledOnNullInput = true): UserFunctionMetadata {
  const parsed = args === '' ? [] : args.split(/,(?![^<]*>)/).map((a) => { const [n, ...t] = a.trim().split(' '); return [n, t.join(' ')]; });
  return {
    kind: 'function', keyspace: 'ks', name: 'f', argNames: parsed.map(([n]) => n!),
    argTypes: parsed.map(([, t]) => parseCqlType(t!, () => undefined)), returnType: parseCqlType(returnType, () => undefined),
    calledOnNullInput, language, body,
  };
}

function context(limits?: UdfLimits): ExecutionContext {
  return {
    request: requestContext(null), nowMicros: 0n, nowInSec: 0, newTimeUuid: () => Buffer.alloc(16), newRandomUuid: () => Buffer.alloc(16),
    tokenOf: () => 0n, ...(limits === undefined ? {} : { udfLimits: limits }),
  };
}

/** Runs a function on plain values (serialized with the argument types) and gives the plain result. */
function call(meta: UserFunctionMetadata, values: unknown[], ctx = context()): unknown {
  const args = values.map((v, i) => (v === null ? null : serialize(meta.argTypes[i]!, v)));
  const result = userScalarFunction(meta).execute(args, ctx);
  return result === null ? null : deserialize(meta.returnType, result);
}

function compileError(meta: UserFunctionMetadata): string {
  try {
    compileUserFunction(meta);
  } catch (e) {
    expect(e).toBeInstanceOf(InvalidRequestError);
    return (e as Error).message;
  }
  throw new Error('expected a compile error');
}

function failure(meta: UserFunctionMetadata, values: unknown[], ctx = context()): string {
  try {
    call(meta, values, ctx);
  } catch (e) {
    expect(e).toBeInstanceOf(FunctionFailureError);
    return (e as Error).message;
  }
  throw new Error('expected a function failure');
}

describe('Java subset', () => {
  const java = (args: string, returnType: string, body: string) => udf('java', args, returnType, body);

  it('has Java arithmetic: int overflow, integer division, long and double', () => {
    expect(call(java('a int, b int', 'int', 'return a * b;'), [65536, 65536])).toBe(0);
    expect(call(java('a int, b int', 'int', 'return a / b;'), [-7, 2])).toBe(-3);
    expect(call(java('a int, b int', 'int', 'return a % b;'), [-7, 2])).toBe(-1);
    expect(call(java('a bigint', 'bigint', 'return a * 3L;'), [5n])).toBe(15n);
    expect(call(java('a int', 'double', 'return a / 2.0;'), [3])).toBe(1.5);
    expect(call(java('a double', 'int', 'return (int) a;'), [-2.7])).toBe(-2);
    expect(call(java('a int', 'bigint', 'long x = a; x += Integer.MAX_VALUE; return x;'), [1])).toBe(2147483648n);
  });

  it('concatenates strings with Java forms and calls String, boxed and Math methods', () => {
    expect(call(java('s text, d double, i int', 'text', 'return s + d + i + true + null;'), ['x', 1, 2])).toBe('x1.02truenull');
    expect(call(java('s text', 'text', 'return s.substring(1, 3).toUpperCase() + s.length() + s.indexOf("l");'), ['hello'])).toBe('EL52');
    expect(call(java('s text', 'int', 'return Integer.parseInt(s.trim()) + Integer.valueOf(2);'), [' 40 '])).toBe(42);
    expect(call(java('a double, b double', 'double', 'return Math.max(Math.abs(a), Math.sqrt(b));'), [-3, 16])).toBe(4);
    expect(call(java('a bigint', 'int', 'return a.intValue();'), [5_000_000_000n])).toBe(705032704);
    expect(call(java('s text', 'text', 'return String.valueOf(s.isEmpty()) + s.replace("a", "b");'), ['aa'])).toBe('falsebb');
  });

  it('runs if/else, loops, locals and collections (on copies)', () => {
    const body = `
      List<Integer> out = new ArrayList<>();
      for (int i = 0; i < l.size(); i++) {
        if (l.get(i) % 2 == 0) continue;
        out.add(l.get(i) * 10);
      }
      int n = 0;
      while (n < 3) n++;
      out.add(n);
      return out;`;
    expect(call(java('l list<int>', 'list<int>', body), [[1, 2, 3]])).toEqual([10, 30, 3]);
    const maps = 'Map<String, Integer> copy = new HashMap<>(m); copy.put("z", 26); int sum = 0; ' +
      'for (Map.Entry<String, Integer> e : copy.entrySet()) sum += e.getValue(); return copy.containsKey("a") ? sum : -1;';
    expect(call(java('m map<text, int>', 'int', maps), [new Map([['a', 1], ['b', 2]])])).toBe(29);
    expect(call(java('s set<text>', 'boolean', 'return s.contains("b") && !s.isEmpty();'), [['a', 'b']])).toBe(true);
    expect(call(java('a int', 'text', 'StringBuilder sb = new StringBuilder("n="); sb.append(a).append(1.5); return sb.toString();'), [7]))
      .toBe('n=71.5');
  });

  it('sees null arguments when CALLED ON NULL INPUT, and unboxing null fails as in Java', () => {
    expect(call(java('a int', 'text', 'return a == null ? "null!" : "set";'), [null])).toBe('null!');
    expect(failure(java('a int', 'int', 'return a + 1;'), [null])).toBe("execution of 'ks.f[int]' failed: java.lang.NullPointerException: null");
    expect(call(udf('java', 'a int', 'int', 'return a + 1;', false), [null])).toBeNull();
  });

  it('fails with the exception Java would throw', () => {
    expect(failure(java('a int', 'int', 'return a / 0;'), [1])).toBe("execution of 'ks.f[int]' failed: java.lang.ArithmeticException: / by zero");
    expect(failure(java('l list<int>', 'int', 'return l.get(5);'), [[1]])).toContain('java.lang.IndexOutOfBoundsException: Index 5 out of bounds for length 1');
    expect(failure(java('s text', 'int', 'throw new IllegalArgumentException("bad " + s);'), ['x']))
      .toBe("execution of 'ks.f[text]' failed: java.lang.IllegalArgumentException: bad x");
  });

  it('refuses bodies javac would refuse, and what the subset does not have, at creation', () => {
    const prefix = 'Java source compilation failed:\n';
    expect(compileError(java('a int', 'int', 'return b;'))).toBe(`${prefix}Line 1: b cannot be resolved to a variable\n`);
    expect(compileError(java('a int', 'bigint', 'return a;'))).toBe(`${prefix}Line 1: Type mismatch: cannot convert from Integer to Long\n`);
    expect(compileError(java('a int', 'int', 'return "x";'))).toBe(`${prefix}Line 1: Type mismatch: cannot convert from String to Integer\n`);
    expect(compileError(java('a int', 'int', 'if (a > 0) return 1;'))).toBe(`${prefix}Line 1: This method must return a result of type Integer\n`);
    expect(compileError(java('a int', 'int', 'int x = 1;\nint x = 2;\nreturn x;'))).toBe(`${prefix}Line 2: Duplicate local variable x\n`);
    expect(compileError(java('a int', 'int', 'try { return 1; } catch (Exception e) { return 2; }')))
      .toBe(`${prefix}Line 1: Cassanova's Java UDF subset does not support 'try'\n`);
    expect(compileError(java('a int', 'int', 'int[] x = new int[2]; return 1;'))).toContain("does not support arrays");
    expect(compileError(java('a int', 'int', 'return Math.random() > 0.5 ? 1 : 0;'))).toContain('does not support Math.random()');
    expect(compileError(java('a int', 'int', 'return java.lang.Runtime.getRuntime().hashCode();'))).toContain('does not support java.*');
    expect(compileError(java('a int', 'int', 'return Math.frob(a);'))).toContain('The method frob(Integer) is undefined for the type Math');
  });
});

describe('JavaScript bodies', () => {
  const js = (args: string, returnType: string, body: string) => udf('javascript', args, returnType, body);

  it('gives the value of the last expression, with CQL values mapped to JavaScript ones and back', () => {
    expect(call(js('a int, b text', 'text', 'var x = b + a; x.toUpperCase()'), [1, 'v'])).toBe('V1');
    expect(call(js('a double', 'int', 'a * 2'), [2.7])).toBe(5);
    expect(call(js('a bigint', 'bigint', 'a + 1'), [41n])).toBe(42n);
    expect(call(js('t timestamp', 'timestamp', 'new Date(t.getTime() + 1000)'), [new Date(5000)])).toBe(6000n);
    expect(call(js('m map<text, int>', 'map<text, int>', 'var out = new Map(); m.forEach(function (v, k) { out.set(k + k, v * 2); }); out'),
      [new Map([['a', 1]])])).toEqual([['aa', 2]]);
    expect(call(js('s set<int>', 'list<int>', 'Array.from(s).reverse()'), [[1, 2, 3]])).toEqual([3, 2, 1]);
  });

  it('keeps bodies in a sandbox of their own: no require, process or server objects, no code generation', () => {
    expect(failure(js('a int', 'text', 'typeof require + typeof process + require("fs")'), [1])).toContain('ReferenceError: require is not defined');
    expect(call(js('a int', 'text', 'typeof process + typeof Buffer + typeof setTimeout'), [1])).toBe('undefinedundefinedundefined');
    expect(failure(js('l list<int>', 'text', 'l.constructor.constructor("return process")()'), [[1]])).toContain('EvalError');
    expect(call(js('a int', 'int', 'globalThis.leak = (globalThis.leak || 0) + a; globalThis.leak'), [1])).toBe(1);
    expect(call(udf('javascript', 'a int', 'int', 'typeof leak === "undefined" ? 0 : leak'), [1])).toBe(0);
  });

  it('refuses a body that does not compile, and an unknown language', () => {
    expect(compileError(js('a int', 'int', 'a +'))).toMatch(/^Failed to compile function 'ks.f' for language javascript: javax.script.ScriptException: SyntaxError/);
    expect(compileError(udf('python', 'a int', 'int', 'a'))).toBe("Invalid language 'python' for function 'ks.f'");
  });
});

describe('time limits', () => {
  /** A clock that moves by `stepMs` each time it is read. */
  function steppingClock(stepMs: number): UdfLimits {
    let now = 0;
    return { warnTimeoutMs: 500, failTimeoutMs: 1500, nowMs: () => (now += stepMs) };
  }

  it('warns the client past the warn timeout and fails past the fail timeout, as measured by the injected clock', () => {
    const meta = udf('javascript', 'a int', 'int', 'a');
    const ctx = context(steppingClock(600));
    expect(call(meta, [1], ctx)).toBe(1);
    expect(ctx.request.warnings).toEqual(['User defined function ks.f : (int) -> int ran longer than 500ms']);
    expect(failure(meta, [1], context(steppingClock(2000)))).toBe(
      "execution of 'ks.f[int]' failed: java.util.concurrent.TimeoutException: User defined function ks.f : (int) -> int ran longer than 1500ms - will stop Cassandra VM");
  });

  it('stops a body that does not end', () => {
    const limits: UdfLimits = { warnTimeoutMs: 10, failTimeoutMs: 50, nowMs: () => 0 };
    expect(failure(udf('javascript', 'a int', 'int', 'while (true) {}'), [1], context(limits))).toContain('ran longer than 50ms');
    expect(failure(udf('java', 'a int', 'int', 'while (true) { a++; }'), [1], context(limits))).toContain('ran longer than 50ms');
  });
});

describe('values', () => {
  it('turns empty values of non-text types into null and keeps empty text', () => {
    const meta = udf('javascript', 'a int, s text', 'text', '(a === null) + ":" + s.length');
    const fn = userScalarFunction(meta);
    const result = fn.execute([Buffer.alloc(0), Buffer.alloc(0)], context());
    expect(result?.toString()).toBe('true:0');
  });

  it.each<[string, unknown, CqlType]>([
    ['uuid', '62c36092-82a1-3a00-93d1-46196ee77204', native('uuid')],
    ['inet', '127.0.0.1', native('inet')],
    ['date', 0, native('date')],
    ['decimal', { unscaled: 15n, scale: 1 }, native('decimal')],
  ])('passes %s through unchanged', (type, value, cqlType) => {
    const meta = udf('javascript', `x ${type}`, type, 'x');
    expect(call(meta, [value])).toEqual(deserialize(cqlType, serialize(cqlType, value)));
  });
});

describe('udfContext and driver-style accessors', () => {
  it('makes tuple values for results, with getters and setters', () => {
    const tuple = parseCqlType('tuple<int, text>', () => undefined);
    const meta: UserFunctionMetadata = {
      kind: 'function', keyspace: 'ks', name: 'f', argNames: ['a'], argTypes: [native('int')], returnType: tuple,
      calledOnNullInput: true, language: 'javascript', body: 'var t = udfContext.newReturnTupleValue(); t.setInt(0, a); t.setString(1, "v" + t.getInt(0)); t',
    };
    expect(call(meta, [4])).toEqual([4, 'v4']);
    const java: UserFunctionMetadata = { ...meta, language: 'java', body: 'TupleValue t = udfContext.newReturnTupleValue(); t.setInt(0, a + 1); t.setString(1, "j"); return t;' };
    expect(call(java, [4])).toEqual([5, 'j']);
  });

  it('gives JavaScript bodies the java.util methods Nashorn offered on collections', () => {
    const meta = udf('javascript', 'l list<int>, s set<text>, m map<text, int>', 'text',
      'l.size() + ":" + l.get(1) + ":" + l.contains(3) + ":" + s.contains("a") + ":" + m.containsKey("k") + ":" + l.isEmpty()');
    expect(call(meta, [[1, 2, 3], ['a'], new Map([['k', 1]])])).toBe('3:2:true:true:true:false');
  });
});
