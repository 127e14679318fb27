/**
 * How deeply a type may nest. Codecs, comparators, validation, JSON and type formatting recurse once per
 * level of a type, so every type a client can build (in DDL, in a quoted class name, in a user type that
 * names another) is held to this depth before any of them runs. Cassandra has no such rule of its own;
 * the limit is far above any real schema and well within the stack.
 */
import { InvalidRequestError } from '../errors/index.js';
import type { CqlType } from './cql-type.js';

export const MAX_TYPE_DEPTH = 500;

/** Levels of a type: 1 for a native or opaque type, one more for each collection, tuple, user type or wrapper around it. */
export function typeDepth(type: CqlType): number {
  switch (type.kind) {
    case 'native': return 1;
    case 'list': case 'set': case 'vector': return 1 + typeDepth(type.element);
    case 'map': return 1 + Math.max(typeDepth(type.key), typeDepth(type.value));
    case 'tuple': return 1 + deepest(type.elements);
    case 'udt': return 1 + deepest(type.fields.map((f) => f.type));
    case 'custom': {
      const layout = type.layout;
      switch (layout.kind) {
        case 'opaque': return 1;
        case 'composite': return 1 + deepest(layout.components);
        case 'dynamic-composite': return 1 + deepest(layout.aliases.map((a) => a.type));
        case 'reversed': return 1 + typeDepth(layout.base);
      }
    }
  }
}

function deepest(types: readonly CqlType[]): number {
  let depth = 0;
  for (const t of types) depth = Math.max(depth, typeDepth(t));
  return depth;
}

/** The message for a type nested deeper than MAX_TYPE_DEPTH. */
export function typeTooDeepMessage(): string {
  return `Type nested more than ${MAX_TYPE_DEPTH} levels deep`;
}

/** Refuses a type nested deeper than MAX_TYPE_DEPTH. */
export function checkTypeDepth(type: CqlType): CqlType {
  if (typeDepth(type) > MAX_TYPE_DEPTH) throw new InvalidRequestError(typeTooDeepMessage());
  return type;
}

/** Type text as messages quote it: whole unless it is long enough to crowd out the rest of the message. */
export function abbreviatedTypeText(text: string): string {
  return text.length <= 1000 ? text : `${text.slice(0, 100)}...`;
}
