/**
 * Java marshal class names (AbstractType.toString), as older protocol versions send types they do not
 * know natively (duration before v5; date, time, smallint and tinyint before v4) and as custom type
 * strings name types.
 */
import { native, type CqlType, type NativeType, type NativeTypeName } from './cql-type.js';

/** The package of Cassandra's types: a class name without a package is taken to be in it. */
export const MARSHAL_PACKAGE = 'org.apache.cassandra.db.marshal.';

const MARSHAL_CLASSES: Readonly<Record<NativeTypeName, string>> = {
  ascii: 'AsciiType', bigint: 'LongType', blob: 'BytesType', boolean: 'BooleanType',
  counter: 'CounterColumnType', date: 'SimpleDateType', decimal: 'DecimalType', double: 'DoubleType',
  duration: 'DurationType', float: 'FloatType', inet: 'InetAddressType', int: 'Int32Type',
  smallint: 'ShortType', text: 'UTF8Type', time: 'TimeType', timestamp: 'TimestampType',
  timeuuid: 'TimeUUIDType', tinyint: 'ByteType', uuid: 'UUIDType', varint: 'IntegerType',
};

const NATIVE_BY_CLASS: ReadonlyMap<string, NativeTypeName> = new Map(
  (Object.entries(MARSHAL_CLASSES) as [NativeTypeName, string][]).map(([name, cls]) => [cls, name]),
);

export function marshalClassName(t: CqlType): string {
  return marshal(t, false);
}

/**
 * The Java class of a type's values without its parameters (getClass().getName()): a frozen list is a
 * ListType too, a custom type the part of its name before any parameters.
 */
export function javaClassName(t: CqlType): string {
  switch (t.kind) {
    case 'native': return MARSHAL_PACKAGE + MARSHAL_CLASSES[t.name];
    case 'list': return `${MARSHAL_PACKAGE}ListType`;
    case 'set': return `${MARSHAL_PACKAGE}SetType`;
    case 'map': return `${MARSHAL_PACKAGE}MapType`;
    case 'tuple': return `${MARSHAL_PACKAGE}TupleType`;
    case 'udt': return `${MARSHAL_PACKAGE}UserType`;
    case 'vector': return `${MARSHAL_PACKAGE}VectorType`;
    case 'custom': {
      const open = t.className.indexOf('(');
      return open < 0 ? t.className : t.className.slice(0, open);
    }
  }
}

/** The native type a marshal class name stands for ('Int32Type' or its full name), if any. */
export function nativeTypeOfMarshalClass(className: string): NativeType | undefined {
  const simple = className.startsWith(MARSHAL_PACKAGE) ? className.slice(MARSHAL_PACKAGE.length) : className;
  const name = NATIVE_BY_CLASS.get(simple);
  return name === undefined ? undefined : native(name);
}

/** `ignoreFreezing` is set inside an already frozen value, where Cassandra omits the FrozenType wrapper. */
function marshal(t: CqlType, ignoreFreezing: boolean): string {
  switch (t.kind) {
    case 'native':
      return MARSHAL_PACKAGE + MARSHAL_CLASSES[t.name];
    case 'list':
    case 'set': {
      const inner = marshal(t.element, ignoreFreezing || t.frozen);
      return frozenIf(t.frozen && !ignoreFreezing, `${MARSHAL_PACKAGE}${t.kind === 'list' ? 'ListType' : 'SetType'}(${inner})`);
    }
    case 'map': {
      const childIgnore = ignoreFreezing || t.frozen;
      const inner = `${marshal(t.key, childIgnore)},${marshal(t.value, childIgnore)}`;
      return frozenIf(t.frozen && !ignoreFreezing, `${MARSHAL_PACKAGE}MapType(${inner})`);
    }
    case 'tuple':
      return `${MARSHAL_PACKAGE}TupleType(${t.elements.map((e) => marshal(e, true)).join(',')})`;
    case 'udt': {
      const childIgnore = ignoreFreezing || t.frozen;
      const fields = t.fields.map((f) => `,${hex(f.name)}:${marshal(f.type, childIgnore)}`).join('');
      return frozenIf(t.frozen && !ignoreFreezing, `${MARSHAL_PACKAGE}UserType(${t.keyspace},${hex(t.name)}${fields})`);
    }
    case 'vector':
      return `${MARSHAL_PACKAGE}VectorType(${marshal(t.element, ignoreFreezing)} , ${t.dimension})`;
    case 'custom':
      return t.className;
  }
}

function frozenIf(frozen: boolean, text: string): string {
  return frozen ? `${MARSHAL_PACKAGE}FrozenType(${text})` : text;
}

function hex(text: string): string {
  return Buffer.from(text, 'utf8').toString('hex');
}
