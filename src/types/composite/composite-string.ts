/**
 * AbstractCompositeType.fromString: the literal of a composite value, components separated by ':' (an
 * escaped '\:' stays in the component), each read by its component type; a last component of '!' or '_'
 * ends the value with an end-of-component byte of 1 or -1 instead of 0. A DynamicCompositeType component
 * names its type first: `alias@value` or `ClassName@value`. Fewer components than the type has are fine.
 */
import { ServerError } from '../../errors/index.js';
import { ByteWriter } from '../../common/index.js';
import type { CqlType } from '../cql-type.js';
import { parseMarshalType, TypeParserError } from '../marshal-type-parser.js';
import type { CompositeLayout } from './composite-layout.js';
import { componentFromString } from './component-from-string.js';

interface ParsedComponent {
  /** The comparator part written before the value (DynamicCompositeType), else empty. */
  readonly comparator: Buffer;
  readonly value: Buffer;
}

/** `validate` checks a component value with its type, as fromString does before building the composite. */
export function compositeFromString(layout: CompositeLayout, text: string, validate: (t: CqlType, value: Buffer) => void): Buffer {
  const nested = (inner: CompositeLayout, innerText: string): Buffer => compositeFromString(inner, innerText, validate);
  const components: ParsedComponent[] = [];
  let endOfComponent = 0;
  for (const part of split(text)) {
    if (part === '!' || part === '_') {
      endOfComponent = part === '!' ? 1 : -1;
      break;
    }
    const { type, comparator, rest } = parseComparator(layout, components.length, part);
    const value = componentFromString(type, unescape(rest), nested);
    validate(type, value);
    components.push({ comparator, value });
  }
  const writer = new ByteWriter();
  for (const { comparator, value } of components) {
    writer.writeRaw(comparator);
    writer.writeShortBytes(value);
    writer.writeByte(0);
  }
  const out = writer.toBuffer();
  if (endOfComponent !== 0) {
    if (out.length === 0) throw new ServerError('java.lang.IndexOutOfBoundsException');
    out.writeInt8(endOfComponent, out.length - 1);
  }
  return out;
}

function parseComparator(layout: CompositeLayout, i: number, part: string): { type: CqlType; comparator: Buffer; rest: string } {
  if (layout.kind === 'composite') {
    const type = layout.components[i];
    if (type === undefined) {
      throw new ServerError(`java.lang.ArrayIndexOutOfBoundsException: Index ${i} out of bounds for length ${layout.components.length}`);
    }
    return { type, comparator: Buffer.alloc(0), rest: part };
  }
  const splits = javaSplit(part, '@');
  if (splits.length !== 2) throw new ServerError(`java.lang.IllegalArgumentException: Invalid component representation: ${part}`);
  const [name, rest] = splits as [string, string];
  const alias = name.length === 1 ? layout.aliases.find((a) => a.alias === name) : undefined;
  if (alias !== undefined) return { type: alias.type, comparator: Buffer.from([0x80, name.charCodeAt(0) & 0xff]), rest };
  let type: CqlType;
  try {
    type = parseMarshalType(name);
  } catch (e) {
    if (!(e instanceof TypeParserError)) throw e;
    const cause = e.failure === 'syntax' ? 'SyntaxException' : 'ConfigurationException';
    throw new ServerError(`java.lang.IllegalArgumentException: org.apache.cassandra.exceptions.${cause}: ${e.message}`);
  }
  // The header holds the name's length in Java chars, then come its UTF-8 bytes (DynamicParsedComparator).
  const bytes = Buffer.from(name, 'utf8');
  const comparator = Buffer.alloc(2 + bytes.length);
  comparator.writeUInt16BE(name.length & 0x7fff, 0);
  bytes.copy(comparator, 2);
  return { type, comparator, rest };
}

/** Splits on ':' except where the ':' follows a backslash; the empty text has no components. */
export function split(text: string): string[] {
  if (text === '') return [];
  const parts: string[] = [];
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] !== ':' || (i > 0 && text[i - 1] === '\\')) continue;
    parts.push(text.slice(start, i));
    start = i + 1;
  }
  parts.push(text.slice(start));
  return parts;
}

/** '\:' back to ':', and a final '!' (escape's guard after a final '\' or '!') dropped. */
function unescape(text: string): string {
  if (text === '') return text;
  const unescaped = text.replaceAll('\\:', ':');
  return unescaped.endsWith('!') ? unescaped.slice(0, -1) : unescaped;
}

/** String.split(regex) with a one-character separator: trailing empty strings are dropped. */
function javaSplit(text: string, separator: string): string[] {
  const parts = text.split(separator);
  if (parts.length === 1) return parts;
  while (parts.length > 0 && parts[parts.length - 1] === '') parts.pop();
  return parts;
}
