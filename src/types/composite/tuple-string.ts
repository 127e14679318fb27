/**
 * TupleType.fromString: a tuple written as a string constant (`'1:foo'`), fields separated by ':' as
 * in composite literals, '@' for a null field, '\:' and '\@' for the characters themselves. Fewer fields
 * than the type has make a shorter tuple; more are refused with TupleType's MarshalException message.
 */
import { InvalidRequestError } from '../../errors/index.js';
import { buildTuple } from '../builders.js';
import type { CqlType, TupleType } from '../cql-type.js';
import { formatCqlType } from '../type-format.js';
import { componentFromString } from './component-from-string.js';
import { compositeFromString, split } from './composite-string.js';

export function tupleFromString(t: TupleType, text: string, validate: (t: CqlType, value: Buffer) => void): Buffer {
  const fields = split(text);
  if (fields.length > t.elements.length) {
    throw new InvalidRequestError(
      `Invalid tuple literal: too many elements. Type ${formatCqlType(t)} expects ${t.elements.length} but got ${fields.length}`);
  }
  return buildTuple(fields.map((field, i) => (field === '@' ? null : fieldFromString(t.elements[i]!, unescape(field), validate))));
}

function fieldFromString(type: CqlType, text: string, validate: (t: CqlType, value: Buffer) => void): Buffer {
  if (type.kind === 'tuple') return tupleFromString(type, text, validate);
  const value = componentFromString(type, text, (layout, inner) => compositeFromString(layout, inner, validate));
  validate(type, value);
  return value;
}

function unescape(text: string): string {
  return text.replaceAll('\\:', ':').replaceAll('\\@', '@');
}
