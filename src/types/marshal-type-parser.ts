/**
 * Cassandra's TypeParser: a type written as Java class names, as CQL takes it in a quoted custom type
 * ('CompositeType(UTF8Type, Int32Type)', 'org.apache.cassandra.db.marshal.DynamicCompositeType(s => UTF8Type)').
 * Names without a package are in org.apache.cassandra.db.marshal. Classes with a CQL equivalent become that
 * CQL type (Int32Type is int, FrozenType(ListType(X)) a frozen list); the composite family and ReversedType
 * keep their structure; other Cassandra classes, and classes of other packages, are opaque.
 */
import type { CqlType, DynamicCompositeAlias } from './cql-type.js';
import { native } from './cql-type.js';
import { compositeType, dynamicCompositeType, opaqueCustomType, reversedType } from './custom-types.js';
import { MARSHAL_PACKAGE, nativeTypeOfMarshalClass } from './marshal-class.js';
import { abbreviatedTypeText, MAX_TYPE_DEPTH, typeTooDeepMessage } from './type-depth.js';

/** Which of Cassandra's exceptions the parse failed with: SyntaxException or ConfigurationException. */
export type TypeParserFailure = 'syntax' | 'configuration';

export class TypeParserError extends Error {
  constructor(readonly failure: TypeParserFailure, message: string) {
    super(message);
  }
}

/** A type nested deeper than MAX_TYPE_DEPTH: reported as it is, never rewrapped by the levels it passes. */
class TypeTooDeepError extends TypeParserError {}

/** Cassandra's marshal classes whose values Cassanova keeps as opaque bytes. */
const OPAQUE_CLASSES: ReadonlySet<string> = new Set([
  'LexicalUUIDType', 'EmptyType', 'LegacyTimeUUIDType', 'PartitionerDefinedOrder', 'LocalByPartionerType',
  'ColumnToCollectionType',
]);

/** TypeParser.parse(String): text without a class name is BytesType, and text after the type is ignored, as there. */
export function parseMarshalType(text: string): CqlType {
  if (!/^[ \t\n]*[0-9a-zA-Z\-+._&]/.test(text)) return native('blob');
  return new MarshalTypeParser(text).parse();
}

class MarshalTypeParser {
  private idx = 0;
  private depth = 0;

  constructor(private readonly str: string) {}

  parse(): CqlType {
    if (this.depth >= MAX_TYPE_DEPTH) {
      throw new TypeTooDeepError('syntax', `Syntax error parsing '${abbreviatedTypeText(this.str)}' at char ${this.idx}: ${typeTooDeepMessage()}`);
    }
    this.depth++;
    try {
      return this.parseAtLevel();
    } finally {
      this.depth--;
    }
  }

  private parseAtLevel(): CqlType {
    this.skipBlank();
    const name = this.readNextIdentifier();
    this.skipBlank();
    return this.typeOf(name, !this.isEOS() && this.str[this.idx] === '(');
  }

  private typeOf(name: string, withParameters: boolean): CqlType {
    const className = name.includes('.') ? name : MARSHAL_PACKAGE + name;
    if (!className.startsWith(MARSHAL_PACKAGE)) return opaqueCustomType(className + (withParameters ? this.rawParameters() : ''));
    const simple = className.slice(MARSHAL_PACKAGE.length);
    const known = simple === 'DateType' ? native('timestamp') : nativeTypeOfMarshalClass(simple);
    if (known !== undefined) return withParameters && this.isReversedByDefaultParameters() ? reversedType(known) : known;
    if (OPAQUE_CLASSES.has(simple)) return opaqueCustomType(className + (withParameters ? this.rawParameters() : ''));
    if (!PARAMETERIZED.has(simple)) throw new TypeParserError('configuration', `Unable to find abstract-type class '${className}'`);
    try {
      return this.parameterized(simple, withParameters);
    } catch (e) {
      // The class's getInstance(TypeParser) is called by reflection: whatever it throws comes out as this.
      if (!(e instanceof TypeParserError) || e instanceof TypeTooDeepError) throw e;
      throw new TypeParserError('configuration', `Invalid definition for comparator ${className}.`);
    }
  }

  private parameterized(simple: string, withParameters: boolean): CqlType {
    if (simple === 'DynamicCompositeType') return dynamicCompositeType(withParameters ? this.aliasParameters() : []);
    const types = withParameters ? this.typeParameters() : [];
    const expect = (count: number): CqlType[] => {
      if (types.length !== count) throw new TypeParserError('configuration', `${simple} takes ${count} type parameters`);
      return types;
    };
    switch (simple) {
      case 'CompositeType':
        // CompositeType.getInstance asserts it has components.
        if (types.length === 0) throw new TypeParserError('configuration', 'CompositeType without components');
        return compositeType(types);
      case 'ReversedType': return reversedType(expect(1)[0]!);
      case 'FrozenType': return freeze(expect(1)[0]!);
      case 'ListType': return { kind: 'list', element: expect(1)[0]!, frozen: false };
      case 'SetType': return { kind: 'set', element: expect(1)[0]!, frozen: false };
      case 'MapType': return { kind: 'map', key: expect(2)[0]!, value: types[1]!, frozen: false };
      default: return { kind: 'tuple', elements: types.map(freeze) };
    }
  }

  /** TypeParser.getTypeParameters: `(a, b, …)`, at the opening parenthesis. */
  private typeParameters(): CqlType[] {
    const list: CqlType[] = [];
    this.idx++; // '('
    while (this.skipBlankAndComma()) {
      if (this.str[this.idx] === ')') {
        this.idx++;
        return list;
      }
      list.push(this.parse());
    }
    throw this.unexpectedEnd();
  }

  /** TypeParser.getAliasParameters: `(a => type, …)`, each alias one character from '!' to DEL. */
  private aliasParameters(): DynamicCompositeAlias[] {
    const aliases: DynamicCompositeAlias[] = [];
    this.idx++; // '('
    while (this.skipBlankAndComma()) {
      if (this.str[this.idx] === ')') {
        this.idx++;
        return aliases;
      }
      const alias = this.readNextIdentifier();
      if (alias.length !== 1) throw this.syntaxError('An alias should be a single character');
      const code = alias.charCodeAt(0);
      if (code < 33 || code > 127) throw this.syntaxError('An alias should be a single character in [0..9a..bA..B-+._&]');
      this.skipBlank();
      if (this.str.slice(this.idx, this.idx + 2) !== '=>') throw this.syntaxError("expecting '=>' token");
      this.idx += 2;
      this.skipBlank();
      aliases.push({ alias, type: this.parse() });
    }
    throw this.unexpectedEnd();
  }

  /** AbstractType.parseDefaultParameters: a class without parameters of its own takes `(reversed)` or `(reversed=true)`. */
  private isReversedByDefaultParameters(): boolean {
    const parameters = new Map<string, string>();
    this.idx++; // '('
    while (this.skipBlankAndComma()) {
      if (this.str[this.idx] === ')') {
        this.idx++;
        const reversed = parameters.get('reversed');
        return reversed === '' || reversed === 'true';
      }
      const key = this.readNextIdentifier();
      let value = '';
      this.skipBlank();
      if (this.str[this.idx] === '=') {
        this.idx++;
        this.skipBlank();
        value = this.readNextIdentifier();
      } else if (this.isEOS()) {
        throw this.unexpectedEnd();
      } else if (this.str[this.idx] !== ',' && this.str[this.idx] !== ')') {
        throw this.syntaxError(`unexpected character '${this.str[this.idx]!}'`);
      }
      parameters.set(key, value);
    }
    throw this.unexpectedEnd();
  }

  /** The parameters of a class Cassanova does not model, as written, parentheses included. */
  private rawParameters(): string {
    const start = this.idx;
    let depth = 0;
    do {
      const ch = this.str[this.idx++];
      if (ch === undefined) throw this.unexpectedEnd();
      if (ch === '(') depth++;
      else if (ch === ')') depth--;
    } while (depth > 0);
    return this.str.slice(start, this.idx);
  }

  private readNextIdentifier(): string {
    const start = this.idx;
    while (!this.isEOS() && /[0-9a-zA-Z\-+._&]/.test(this.str[this.idx]!)) this.idx++;
    return this.str.slice(start, this.idx);
  }

  private skipBlank(): void {
    while (!this.isEOS() && isBlank(this.str[this.idx]!)) this.idx++;
  }

  /** Skips blanks and at most one comma; false at the end of the text. */
  private skipBlankAndComma(): boolean {
    let commaFound = false;
    while (!this.isEOS()) {
      const ch = this.str[this.idx]!;
      if (ch === ',') {
        if (commaFound) return true;
        commaFound = true;
      } else if (!isBlank(ch)) {
        return true;
      }
      this.idx++;
    }
    return false;
  }

  private isEOS(): boolean {
    return this.idx >= this.str.length;
  }

  private syntaxError(message: string): TypeParserError {
    return new TypeParserError('syntax', `Syntax error parsing '${this.str}' at char ${this.idx}: ${message}`);
  }

  private unexpectedEnd(): TypeParserError {
    return this.syntaxError('unexpected end of string');
  }
}

/** The marshal classes that take parameters (their getInstance(TypeParser)). */
const PARAMETERIZED: ReadonlySet<string> = new Set([
  'CompositeType', 'DynamicCompositeType', 'ReversedType', 'FrozenType', 'ListType', 'SetType', 'MapType', 'TupleType',
]);

function isBlank(ch: string): boolean {
  return ch === ' ' || ch === '\t' || ch === '\n';
}

/** AbstractType.freeze: collections become frozen, all the way down; other types stay as they are. */
function freeze(t: CqlType): CqlType {
  switch (t.kind) {
    case 'list': case 'set': return { ...t, element: freeze(t.element), frozen: true };
    case 'map': return { ...t, key: freeze(t.key), value: freeze(t.value), frozen: true };
    case 'udt': return { ...t, frozen: true };
    default: return t;
  }
}
