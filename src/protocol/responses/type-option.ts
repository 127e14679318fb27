import type { ByteWriter } from '../../common/index.js';
import { marshalClassName, type CqlType, type NativeTypeName } from '../../types/index.js';
import type { ProtocolVersion } from '../protocol-version.js';

/** [option] ids of column types (spec §4.2.5.2). */
export const TypeOptionId = {
  CUSTOM: 0x0000,
  LIST: 0x0020,
  MAP: 0x0021,
  SET: 0x0022,
  UDT: 0x0030,
  TUPLE: 0x0031,
} as const;

/** Native type ids, and the first protocol version that knows each (older ones get a custom type). */
export const NATIVE_TYPE_IDS: Readonly<Record<NativeTypeName, { readonly id: number; readonly since: ProtocolVersion }>> = {
  ascii: { id: 0x0001, since: 3 },
  bigint: { id: 0x0002, since: 3 },
  blob: { id: 0x0003, since: 3 },
  boolean: { id: 0x0004, since: 3 },
  counter: { id: 0x0005, since: 3 },
  decimal: { id: 0x0006, since: 3 },
  double: { id: 0x0007, since: 3 },
  float: { id: 0x0008, since: 3 },
  int: { id: 0x0009, since: 3 },
  timestamp: { id: 0x000b, since: 3 },
  uuid: { id: 0x000c, since: 3 },
  text: { id: 0x000d, since: 3 },
  varint: { id: 0x000e, since: 3 },
  timeuuid: { id: 0x000f, since: 3 },
  inet: { id: 0x0010, since: 3 },
  date: { id: 0x0011, since: 4 },
  time: { id: 0x0012, since: 4 },
  smallint: { id: 0x0013, since: 4 },
  tinyint: { id: 0x0014, since: 4 },
  duration: { id: 0x0015, since: 5 },
};

function writeCustom(writer: ByteWriter, className: string): void {
  writer.writeShort(TypeOptionId.CUSTOM);
  writer.writeString(className);
}

/**
 * Writes a column type as an [option], as Cassandra's DataType does: types the version does not know
 * (and vectors, which no version has an id for) travel as custom types named by their Java class.
 */
export function writeTypeOption(writer: ByteWriter, type: CqlType, version: ProtocolVersion): void {
  switch (type.kind) {
    case 'native': {
      const { id, since } = NATIVE_TYPE_IDS[type.name];
      if (version >= since) writer.writeShort(id);
      else writeCustom(writer, marshalClassName(type));
      return;
    }
    case 'list':
    case 'set':
      writer.writeShort(type.kind === 'list' ? TypeOptionId.LIST : TypeOptionId.SET);
      writeTypeOption(writer, type.element, version);
      return;
    case 'map':
      writer.writeShort(TypeOptionId.MAP);
      writeTypeOption(writer, type.key, version);
      writeTypeOption(writer, type.value, version);
      return;
    case 'udt':
      writer.writeShort(TypeOptionId.UDT);
      writer.writeString(type.keyspace);
      writer.writeString(type.name);
      writer.writeShort(type.fields.length);
      for (const field of type.fields) {
        writer.writeString(field.name);
        writeTypeOption(writer, field.type, version);
      }
      return;
    case 'tuple':
      writer.writeShort(TypeOptionId.TUPLE);
      writer.writeShort(type.elements.length);
      for (const element of type.elements) writeTypeOption(writer, element, version);
      return;
    case 'vector':
      writeCustom(writer, marshalClassName(type));
      return;
    case 'custom':
      writeCustom(writer, type.className);
      return;
  }
}
