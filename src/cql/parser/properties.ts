/**
 * DDL properties: `name = constant` or `name = {'k': 'v', ...}` joined by AND (Parser.g's properties,
 * property, propertyValue and convertPropertyMap). Values are kept as text; map keys and values must
 * be constants, as Cassandra requires.
 */
import type { OptionValue, Properties, Term } from '../ast/index.js';
import { isOtherUnreservedWord, isUnreservedKeyword } from '../lexer/keywords.js';
import type { Token } from '../lexer/token.js';
import { ident } from './identifiers.js';
import type { Parser } from './parser.js';
import { constantOf, term } from './terms.js';

/** properties: property (AND property)*, after WITH. */
export function properties(p: Parser): Properties {
  const entries: (readonly [string, OptionValue])[] = [];
  do property(p, entries); while (p.accept('K_AND'));
  return { entries };
}

/** One `name = value`, added to entries; a name may be defined only once. */
export function property(p: Parser, entries: (readonly [string, OptionValue])[]): void {
  const name = ident(p);
  p.expect("'='");
  const value = p.is("'{'") ? propertyMap(p) : constantValue(p);
  if (entries.some(([existing]) => existing === name)) p.recognitionError(`Multiple definition for property ${name}`);
  entries.push([name, value]);
}

/** The text Cassandra keeps for a constant (Constants.Literal.getRawText). */
function rawText(p: Parser, token: Token): string | null {
  const constant = constantOf(p, token);
  if (constant === null) return null;
  switch (constant.kind) {
    case 'string': return constant.value;
    case 'float': return token.type === 'FLOAT' ? p.text(token) : constant.text;
    default: return p.text(token);
  }
}

/** propertyValue: a constant or an unreserved keyword. */
function constantValue(p: Parser): OptionValue {
  const token = p.la();
  const text = rawText(p, token);
  if (text !== null) {
    p.consume();
    return { kind: 'constant', text, quoted: token.type === 'STRING_LITERAL' };
  }
  const keyword = isUnreservedKeyword(token.type) || (token.type === 'IDENT' && isOtherUnreservedWord(p.text(token)));
  if (!keyword) p.noViable();
  p.consume();
  return { kind: 'constant', text: p.text(token), quoted: false };
}

interface MapItem {
  readonly term: Term;
  /** Raw text when the item is a single constant token. */
  readonly text: string | null;
  /** How Cassandra prints the item in error messages. */
  readonly display: string;
}

/** fullMapLiteral, converted as convertPropertyMap does. */
export function propertyMap(p: Parser): OptionValue {
  p.expect("'{'");
  const items: [MapItem, MapItem][] = [];
  if (!p.is("'}'")) {
    do {
      const key = mapItem(p);
      p.expect("':'");
      items.push([key, mapItem(p)]);
    } while (p.accept("','"));
  }
  p.expect("'}'");
  const entries: (readonly [string, string])[] = [];
  for (const [key, value] of items) {
    if (key.text === null) p.recognitionError(`Invalid property name: ${key.display}${bindMarkerNote(key.term)}`);
    if (value.text === null) {
      p.recognitionError(`Invalid property value: ${value.display} for property: ${key.display}${bindMarkerNote(value.term)}`);
    }
    const name = key.text;
    if (entries.some(([existing]) => existing === name)) p.recognitionError(`Multiple definition for property ${name}`);
    entries.push([name, value.text]);
  }
  return { kind: 'map', entries };
}

function mapItem(p: Parser): MapItem {
  const first = p.la();
  const parsed = term(p);
  const single = p.previous() === first;
  const text = single && parsed.kind === 'constant' ? rawText(p, first) : null;
  const display = text !== null && first.type === 'STRING_LITERAL' ? `'${text}'` : p.span(first, p.previous());
  return { term: parsed, text, display: parsed.kind === 'bind' ? '?' : display };
}

function bindMarkerNote(item: Term): string {
  return item.kind === 'bind' ? ' (bind variables are not supported in DDL queries)' : '';
}
