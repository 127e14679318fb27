import type { ByteWriter } from '../../common/index.js';
import type { ProtocolVersion } from '../protocol-version.js';
import type { SchemaChange, ServerEvent } from './response-message.js';

/**
 * <change_type><target><options> (spec §4.2.6). Before v4 there is no FUNCTION/AGGREGATE target:
 * like Cassandra, say the keyspace was updated, with an empty name after it.
 */
export function writeSchemaChange(writer: ByteWriter, change: SchemaChange, version: ProtocolVersion): void {
  if ((change.target === 'FUNCTION' || change.target === 'AGGREGATE') && version < 4) {
    writer.writeString('UPDATED');
    writer.writeString('KEYSPACE');
    writer.writeString(change.keyspace);
    writer.writeString('');
    return;
  }
  writer.writeString(change.change);
  writer.writeString(change.target);
  writer.writeString(change.keyspace);
  if (change.target === 'KEYSPACE') return;
  writer.writeString(change.name);
  if (change.target === 'FUNCTION' || change.target === 'AGGREGATE') writer.writeStringList(change.argTypes);
}

/** EVENT body: [string] event type, then the event's own fields. */
export function writeEventBody(writer: ByteWriter, event: ServerEvent, version: ProtocolVersion): void {
  writer.writeString(event.type);
  if (event.type === 'SCHEMA_CHANGE') {
    writeSchemaChange(writer, event.change, version);
    return;
  }
  writer.writeString(event.change);
  writer.writeInet(event.address);
}
