/**
 * AbstractType.fromString for the types a composite literal's components may have: the text of one
 * component, already unescaped, read as Cassandra's type class reads it, with its MarshalException messages.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { CqlType, NativeTypeName } from '../cql-type.js';
import { decimalToBytes, parseDecimal, varintToBytes } from '../big-number.js';
import { nativeFromJson } from '../json/from-json-native.js';
import { parseJavaBigInteger } from '../json/java-text.js';
import { formatCqlType } from '../type-format.js';
import type { CompositeLayout } from './composite-layout.js';

const EMPTY = Buffer.alloc(0);

/** `composite` reads a nested composite literal. */
export function componentFromString(t: CqlType, text: string, composite: (layout: CompositeLayout, text: string) => Buffer): Buffer {
  switch (t.kind) {
    case 'native':
      return nativeFromString(t.name, text);
    case 'custom':
      switch (t.layout.kind) {
        case 'reversed': return componentFromString(t.layout.base, text, composite);
        case 'opaque': return hexFromString(text);
        default: return composite(t.layout, text);
      }
    default:
      throw new InvalidRequestError(`Cassanova does not read ${formatCqlType(t)} components of composite literals`);
  }
}

function nativeFromString(name: NativeTypeName, text: string): Buffer {
  switch (name) {
    case 'blob': return hexFromString(text);
    case 'text': return Buffer.from(text, 'utf8');
    case 'counter': return nativeFromJson('bigint', text);
    case 'varint': {
      if (text === '') return EMPTY;
      const value = parseJavaBigInteger(text);
      if (value === undefined) throw new InvalidRequestError(`unable to make int from '${text}'`);
      return varintToBytes(value);
    }
    case 'decimal': {
      if (text === '') return EMPTY;
      const value = parseDecimal(text);
      if (value === undefined) throw new InvalidRequestError(`unable to make BigDecimal from '${text}'`);
      return decimalToBytes(value);
    }
    // The other types read a JSON string exactly as their fromString reads text.
    default: return nativeFromJson(name, text);
  }
}

/** BytesType.fromString: hex digits without a 0x prefix, an even number of them. */
function hexFromString(text: string): Buffer {
  if (text.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(text)) throw new InvalidRequestError(`cannot parse '${text}' as hex bytes`);
  return Buffer.from(text, 'hex');
}
