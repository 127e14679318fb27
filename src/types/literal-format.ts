/**
 * formatValue: a serialized value as a CQL literal (CQL3Type.toCQLLiteral), for DESCRIBE output and
 * messages. Where Cassandra prints a bare form that CQL would not read back (dates, times, inet), the
 * literal is quoted, as Cassandra 5.0 does for timestamps; empty values of non-text types print as null.
 */
import type { CqlType, NativeTypeName } from './cql-type.js';
import { decimalFromBytes, formatDecimalPlain } from './big-number.js';
import { integerText } from './integer-text.js';
import { splitCollection, splitFields, splitVector } from './codecs/value-layout.js';
import { decodeDuration, formatDuration } from './duration.js';
import { maybeQuoteIdentifier } from './identifier.js';
import { formatInet } from './inet.js';
import { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
import { formatDate, formatTime, formatTimestamp } from './temporal.js';
import { uuidToString } from './uuid.js';

export function formatValue(t: CqlType, buf: Buffer): string {
  switch (t.kind) {
    case 'native': return formatNative(t.name, buf);
    case 'custom': return '0x' + buf.toString('hex');
    default: if (buf.length === 0) return 'null';
  }
  switch (t.kind) {
    case 'list': return `[${formatParts(t.element, splitCollection(buf, 'list'))}]`;
    case 'set': return `{${formatParts(t.element, splitCollection(buf, 'set'))}}`;
    case 'map': {
      const parts = splitCollection(buf, 'map');
      const entries: string[] = [];
      for (let i = 0; i < parts.length; i += 2) {
        entries.push(`${formatNullable(t.key, parts[i]!)}: ${formatNullable(t.value, parts[i + 1]!)}`);
      }
      return `{${entries.join(', ')}}`;
    }
    case 'tuple': {
      const fields = splitFields(buf, t.elements.length);
      return `(${fields.map((f, i) => formatNullable(t.elements[i]!, f)).join(', ')})`;
    }
    case 'udt': {
      const fields = splitFields(buf, t.fields.length, t.fields.map((f) => f.name));
      const shown = fields.map((f, i) => `${maybeQuoteIdentifier(t.fields[i]!.name)}: ${formatNullable(t.fields[i]!.type, f)}`);
      return `{${shown.join(', ')}}`;
    }
    case 'vector': return `[${formatParts(t.element, splitVector(t, buf))}]`;
  }
}

function formatParts(t: CqlType, parts: readonly (Buffer | null)[]): string {
  return parts.map((p) => formatNullable(t, p)).join(', ');
}

function formatNullable(t: CqlType, buf: Buffer | null): string {
  return buf === null ? 'null' : formatValue(t, buf);
}

export function quoteString(text: string): string {
  return `'${text.replaceAll("'", "''")}'`;
}

function formatNative(name: NativeTypeName, buf: Buffer): string {
  switch (name) {
    case 'ascii': case 'text': return quoteString(buf.toString('utf8'));
    case 'blob': return '0x' + buf.toString('hex');
    default: if (buf.length === 0) return 'null';
  }
  switch (name) {
    case 'tinyint': case 'smallint': case 'int': case 'bigint': case 'counter': case 'varint': return integerText(name, buf)!;
    case 'boolean': return buf[0] === 0 ? 'false' : 'true';
    case 'decimal': return formatDecimalPlain(decimalFromBytes(buf));
    case 'float': return formatJavaFloat(buf.readFloatBE(0));
    case 'double': return formatJavaDouble(buf.readDoubleBE(0));
    case 'uuid': case 'timeuuid': return uuidToString(buf);
    case 'inet': return quoteString(formatInet(buf));
    case 'timestamp': return quoteString(formatTimestamp(buf.readBigInt64BE(0)));
    case 'date': return quoteString(formatDate(buf.readUInt32BE(0)));
    case 'time': return quoteString(formatTime(buf.readBigInt64BE(0)));
    // A zero duration prints as '' in Cassandra, which CQL cannot read back.
    case 'duration': return formatDuration(decodeDuration(buf)) || '0s';
  }
}
