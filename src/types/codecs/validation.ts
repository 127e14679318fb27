/**
 * validateValue: checks a value received from a client against its type, element by element for
 * collections, tuples, UDTs and vectors, throwing InvalidRequest with Cassandra's messages.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { CqlType } from '../cql-type.js';
import { validateComposite } from '../composite/composite-validation.js';
import { NATIVE_VALIDATORS } from './native-validation.js';
import { splitCollection, splitFields, splitVector } from './value-layout.js';

export function validateValue(t: CqlType, buf: Buffer): void {
  switch (t.kind) {
    case 'native':
      NATIVE_VALIDATORS[t.name](buf);
      return;
    case 'custom':
      if (t.layout.kind === 'reversed') validateValue(t.layout.base, buf);
      else if (t.layout.kind !== 'opaque') validateComposite(t.layout, buf, validateValue);
      return;
    case 'list': case 'set': case 'map': {
      // An empty value stands for an empty collection.
      if (buf.length === 0) return;
      const parts = splitCollection(buf, t.kind);
      parts.forEach((part, i) => {
        if (part === null) throw new InvalidRequestError('null is not supported inside collections');
        validateValue(t.kind === 'map' ? (i % 2 === 0 ? t.key : t.value) : t.element, part);
      });
      return;
    }
    case 'tuple':
      splitFields(buf, t.elements.length).forEach((f, i) => f === null || validateValue(t.elements[i]!, f));
      return;
    case 'udt': {
      const names = t.fields.map((f) => f.name);
      splitFields(buf, t.fields.length, names).forEach((f, i) => f === null || validateValue(t.fields[i]!.type, f));
      return;
    }
    case 'vector':
      if (buf.length === 0) return;
      for (const element of splitVector(t, buf)) validateValue(t.element, element);
      return;
  }
}
