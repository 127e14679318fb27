import { isUtf8 } from 'node:buffer';
import type { ByteReader } from '../../common/index.js';
import { ProtocolError } from '../../errors/index.js';

/**
 * The string notations of request bodies (spec §3), read as Cassandra's CBUtil reads them: bytes that
 * are not UTF-8 are a protocol error. ByteReader's own string reads substitute U+FFFD, which would pass
 * a statement, keyspace or option the client never sent on to the parser.
 */
function decodeUtf8(bytes: Buffer): string {
  if (!isUtf8(bytes)) throw new ProtocolError(`Cannot decode string as UTF8: '${bytes.toString('hex')}'`);
  return bytes.toString('utf8');
}

/** [string]: [short] length then UTF-8. */
export function readString(reader: ByteReader): string {
  return decodeUtf8(reader.readRaw(reader.readShort(), 'an UTF8 serialized string preceded by its 2 bytes length'));
}

/** [long string]: [int] length then UTF-8. */
export function readLongString(reader: ByteReader): string {
  const length = reader.readInt();
  if (length < 0) throw new ProtocolError(`Invalid length ${length} for a long string`);
  return decodeUtf8(reader.readRaw(length, 'an UTF8 serialized string preceded by its 4 bytes length'));
}

/** [string list]. */
export function readStringList(reader: ByteReader): string[] {
  const count = reader.readShort();
  const list = new Array<string>(count);
  for (let i = 0; i < count; i++) list[i] = readString(reader);
  return list;
}

/** [string map]. */
export function readStringMap(reader: ByteReader): Map<string, string> {
  const count = reader.readShort();
  const map = new Map<string, string>();
  for (let i = 0; i < count; i++) map.set(readString(reader), readString(reader));
  return map;
}

/** [bytes map] (custom payloads). */
export function readBytesMap(reader: ByteReader): Map<string, Buffer | null> {
  const count = reader.readShort();
  const map = new Map<string, Buffer | null>();
  for (let i = 0; i < count; i++) map.set(readString(reader), reader.readBytes());
  return map;
}
