/**
 * The static types the Java subset tracks, enough to give Java's meaning to operators (integer division,
 * int overflow, string concatenation) and to report Java's type errors: CQL types map to the classes
 * Cassandra's Java UDFs receive (the Java driver's codecs: Integer, Long, String, List, TupleValue...).
 */
import type { CqlType } from '../../../../types/index.js';

export type JavaTypeName =
  | 'byte' | 'short' | 'int' | 'long' | 'float' | 'double' | 'boolean' | 'char' | 'String' | 'Object'
  | 'BigInteger' | 'BigDecimal' | 'List' | 'Set' | 'Map' | 'Entry' | 'Date' | 'LocalDate' | 'UUID'
  | 'InetAddress' | 'ByteBuffer' | 'Duration' | 'TupleValue' | 'UDTValue' | 'StringBuilder' | 'null';

export interface JavaType {
  readonly name: JavaTypeName;
  /** A boxed value (Integer rather than int) may be null: using it as a number unboxes it. */
  readonly boxed: boolean;
  readonly element?: JavaType;
  readonly key?: JavaType;
  readonly value?: JavaType;
}

export function jt(name: JavaTypeName, boxed = false, parts: Partial<Pick<JavaType, 'element' | 'key' | 'value'>> = {}): JavaType {
  return { name, boxed, ...parts };
}

export const OBJECT = jt('Object', true);
export const STRING = jt('String', true);
export const BOOLEAN = jt('boolean');
export const INT = jt('int');
export const LONG = jt('long');
export const DOUBLE = jt('double');
export const NULL = jt('null', true);

const NUMERIC_RANK: Partial<Record<JavaTypeName, number>> = { byte: 1, short: 2, char: 2, int: 3, long: 4, float: 5, double: 6 };

export function isNumeric(t: JavaType): boolean {
  return NUMERIC_RANK[t.name] !== undefined && t.name !== 'char';
}

export function isIntegral(t: JavaType): boolean {
  return isNumeric(t) && t.name !== 'float' && t.name !== 'double';
}

/** Binary numeric promotion (JLS §5.6.2). */
export function promote(a: JavaType, b: JavaType): JavaType {
  for (const name of ['double', 'float', 'long'] as const) if (a.name === name || b.name === name) return jt(name);
  return INT;
}

/**
 * Whether a value of `from` may be assigned to `to` without a cast: numeric widening, boxing, null to
 * references. Objects of unknown static type (Object) are checked when the body runs.
 */
export function assignable(from: JavaType, to: JavaType): boolean {
  if (to.name === 'Object') return true;
  if (from.name === 'null') return to.boxed || !(isNumeric(to) || to.name === 'boolean' || to.name === 'char');
  // Boxing does not widen: `Long x = 1;` is an error (`1L` is needed), as it is for a UDF returning bigint.
  if (isNumeric(to) && to.boxed && from.name !== 'Object') return from.name === to.name;
  if (isNumeric(to)) return isNumeric(from) && NUMERIC_RANK[from.name]! <= NUMERIC_RANK[to.name]!;
  if (to.name === 'boolean') return from.name === 'boolean' || from.name === 'Object';
  if (from.name === 'Object') return true;
  if (to.name === 'String' || from.name === 'String') return from.name === to.name;
  return !isNumeric(from) && from.name !== 'boolean';
}

/** How Java names the type in messages: boxed types by their class. */
export function javaTypeText(t: JavaType): string {
  const boxes: Partial<Record<JavaTypeName, string>> = {
    int: 'Integer', long: 'Long', short: 'Short', byte: 'Byte', float: 'Float', double: 'Double', boolean: 'Boolean', char: 'Character',
  };
  return t.boxed ? boxes[t.name] ?? t.name : t.name;
}

/** The class a CQL value arrives as in a Java UDF (boxed: it may be null). */
export function javaTypeOf(t: CqlType): JavaType {
  switch (t.kind) {
    case 'native':
      switch (t.name) {
        case 'int': return jt('int', true);
        case 'bigint': case 'counter': case 'time': return jt('long', true);
        case 'smallint': return jt('short', true);
        case 'tinyint': return jt('byte', true);
        case 'float': return jt('float', true);
        case 'double': return jt('double', true);
        case 'boolean': return jt('boolean', true);
        case 'varint': return jt('BigInteger', true);
        case 'decimal': return jt('BigDecimal', true);
        case 'ascii': case 'text': return STRING;
        case 'timestamp': return jt('Date', true);
        case 'date': return jt('LocalDate', true);
        case 'uuid': case 'timeuuid': return jt('UUID', true);
        case 'inet': return jt('InetAddress', true);
        case 'blob': return jt('ByteBuffer', true);
        case 'duration': return jt('Duration', true);
      }
      return OBJECT;
    case 'list': case 'vector': return jt('List', true, { element: javaTypeOf(t.element) });
    case 'set': return jt('Set', true, { element: javaTypeOf(t.element) });
    case 'map': return jt('Map', true, { key: javaTypeOf(t.key), value: javaTypeOf(t.value) });
    case 'tuple': return jt('TupleValue', true);
    case 'udt': return jt('UDTValue', true);
    case 'custom': return jt('ByteBuffer', true);
  }
}

/** Declared type names of the subset (java.lang, java.util and the driver's value classes). */
const DECLARED: Readonly<Record<string, JavaType>> = {
  byte: jt('byte'), short: jt('short'), int: INT, long: LONG, float: jt('float'), double: DOUBLE, boolean: BOOLEAN,
  char: jt('char'), Byte: jt('byte', true), Short: jt('short', true), Integer: jt('int', true), Long: jt('long', true),
  Float: jt('float', true), Double: jt('double', true), Boolean: jt('boolean', true), Character: jt('char', true),
  String: STRING, Object: OBJECT, Number: jt('double', true), BigInteger: jt('BigInteger', true),
  BigDecimal: jt('BigDecimal', true), List: jt('List', true), ArrayList: jt('List', true), Collection: jt('List', true),
  LinkedList: jt('List', true), Set: jt('Set', true), HashSet: jt('Set', true), TreeSet: jt('Set', true),
  LinkedHashSet: jt('Set', true), Map: jt('Map', true), HashMap: jt('Map', true), TreeMap: jt('Map', true),
  LinkedHashMap: jt('Map', true), Entry: jt('Entry', true), Date: jt('Date', true), UUID: jt('UUID', true),
  StringBuilder: jt('StringBuilder', true), TupleValue: jt('TupleValue', true), UDTValue: jt('UDTValue', true),
};

export function declaredType(name: string, args: readonly JavaType[]): JavaType | undefined {
  const base = DECLARED[name];
  if (base === undefined) return undefined;
  if (base.name === 'List' || base.name === 'Set') return args[0] === undefined ? base : jt(base.name, true, { element: args[0] });
  if (base.name === 'Map' || base.name === 'Entry') {
    return args.length === 2 ? jt(base.name, true, { key: args[0]!, value: args[1]! }) : base;
  }
  return base;
}

/** The static type of `receiver.method(...)`, for the methods the runtime implements. */
export function methodType(receiver: JavaType, method: string): JavaType {
  switch (method) {
    case 'length': case 'size': case 'indexOf': case 'lastIndexOf': case 'compareTo': case 'intValue':
    case 'hashCode': case 'signum': case 'compareToIgnoreCase':
      return INT;
    case 'longValue': case 'getTime': return LONG;
    case 'doubleValue': return DOUBLE;
    case 'floatValue': return jt('float');
    case 'shortValue': return jt('short');
    case 'byteValue': return jt('byte');
    case 'isEmpty': case 'contains': case 'containsKey': case 'containsValue': case 'equals': case 'equalsIgnoreCase':
    case 'startsWith': case 'endsWith': case 'isNaN': case 'booleanValue': case 'matches': case 'removeAll': case 'addAll':
      return BOOLEAN;
    case 'add':
      return receiver.name === 'List' || receiver.name === 'Set' ? BOOLEAN : receiver;
    case 'substring': case 'toUpperCase': case 'toLowerCase': case 'trim': case 'toString': case 'charAt': case 'replace':
    case 'concat': case 'getString': case 'repeat': case 'strip':
      return STRING;
    case 'append': case 'reverse': return jt('StringBuilder', true);
    case 'get': case 'remove':
      return receiver.element ?? receiver.value ?? OBJECT;
    case 'getOrDefault': case 'put': case 'getValue': return receiver.value ?? OBJECT;
    case 'getKey': return receiver.key ?? OBJECT;
    case 'keySet': return jt('Set', true, receiver.key === undefined ? {} : { element: receiver.key });
    case 'values': return jt('List', true, receiver.value === undefined ? {} : { element: receiver.value });
    case 'entrySet': return jt('Set', true, { element: jt('Entry', true, { ...(receiver.key ? { key: receiver.key } : {}), ...(receiver.value ? { value: receiver.value } : {}) }) });
    case 'negate': case 'abs': case 'subtract': case 'multiply': case 'divide': case 'pow': case 'mod': case 'max': case 'min':
      return receiver;
    case 'getInt': return jt('int', true);
    case 'getLong': case 'getVarint': return jt('long', true);
    case 'getShort': return jt('short', true);
    case 'getByte': return jt('byte', true);
    case 'getFloat': return jt('float', true);
    case 'getDouble': case 'getDecimal': return jt('double', true);
    case 'getBool': return jt('boolean', true);
    case 'getList': return jt('List', true);
    case 'getSet': return jt('Set', true);
    case 'getMap': return jt('Map', true);
    default: return OBJECT;
  }
}
