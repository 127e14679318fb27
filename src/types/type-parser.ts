/**
 * Parses CQL type text as written in DDL ("map<text, frozen<list<int>>>", "ks.address", "'org.x.MyType'")
 * into a CqlType, applying Cassandra's rules (CQL3Type.Raw.prepare) with its messages: nested collections
 * and UDTs must be frozen, no counters inside collections or tuples, no durations in sets or map keys.
 */
import { InvalidRequestError, SyntaxError } from '../errors/index.js';
import { native, type CqlType, type NativeTypeName, type UserType } from './cql-type.js';
import { parseMarshalType, TypeParserError } from './marshal-type-parser.js';
import { abbreviatedTypeText, checkTypeDepth, MAX_TYPE_DEPTH, typeTooDeepMessage } from './type-depth.js';
import { tokenizeType, type TypeToken } from './type-tokens.js';

export type UserTypeResolver = (keyspaceOrNull: string | null, name: string) => UserType | undefined;

/** A parsed but not yet checked type, mirroring CQL3Type.Raw. */
type RawType =
  | { readonly kind: 'native'; readonly name: NativeTypeName; readonly text: string }
  | { readonly kind: 'custom'; readonly type: CqlType; readonly text: string }
  | { readonly kind: 'list' | 'set'; readonly element: RawType; readonly frozen: boolean }
  | { readonly kind: 'map'; readonly key: RawType; readonly value: RawType; readonly frozen: boolean }
  | { readonly kind: 'tuple'; readonly elements: readonly RawType[] }
  | { readonly kind: 'vector'; readonly element: RawType; readonly dimension: number }
  | { readonly kind: 'udt'; readonly keyspace: string | null; readonly name: string; readonly frozen: boolean };

const NATIVE_NAMES: ReadonlySet<string> = new Set<NativeTypeName | 'varchar'>([
  'ascii', 'bigint', 'blob', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet',
  'int', 'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varchar', 'varint',
]);

/**
 * `keyspace` is the statement's keyspace, used in the "Unknown type ks.name" message when the text
 * names a user type without one.
 */
export function parseCqlType(text: string, resolveUserType: UserTypeResolver, keyspace?: string): CqlType {
  const parser = new RawTypeParser(text);
  const raw = parser.parseType();
  parser.expectEnd();
  // A user type brings its own depth, so the text's nesting alone does not bound the result's.
  return checkTypeDepth(prepare(raw, resolveUserType, keyspace));
}

class RawTypeParser {
  private readonly tokens: TypeToken[];
  private position = 0;
  private depth = 0;

  constructor(private readonly text: string) {
    this.tokens = tokenizeType(text);
  }

  parseType(): RawType {
    if (this.depth >= MAX_TYPE_DEPTH) {
      throw new SyntaxError(`line 1:${this.peek().offset} ${typeTooDeepMessage()} in type '${abbreviatedTypeText(this.text)}'`);
    }
    this.depth++;
    try {
      return this.parseTypeAtLevel();
    } finally {
      this.depth--;
    }
  }

  private parseTypeAtLevel(): RawType {
    const token = this.next();
    if (token.kind === 'string') {
      const type = customType(token.text);
      return type.kind === 'native' ? { kind: 'native', name: type.name, text: `'${token.text}'` } : { kind: 'custom', type, text: `'${token.text}'` };
    }
    if (token.kind !== 'identifier') throw this.unexpected(token);
    if (!token.quoted && this.peek().text === '<') {
      const constructed = this.parseConstructor(token.text);
      if (constructed !== undefined) return constructed;
    }
    if (!token.quoted && NATIVE_NAMES.has(token.text)) {
      const name = token.text === 'varchar' ? 'text' : (token.text as NativeTypeName);
      return { kind: 'native', name, text: token.text };
    }
    if (this.peek().text === '.') {
      this.next();
      const name = this.next();
      if (name.kind !== 'identifier') throw this.unexpected(name);
      return { kind: 'udt', keyspace: token.text, name: name.text, frozen: false };
    }
    return { kind: 'udt', keyspace: null, name: token.text, frozen: false };
  }

  private parseConstructor(keyword: string): RawType | undefined {
    switch (keyword) {
      case 'frozen': return this.inAngles(() => freeze(this.parseType()));
      case 'list': return this.inAngles(() => ({ kind: 'list', element: this.parseType(), frozen: false }));
      case 'set': return this.inAngles(() => ({ kind: 'set', element: this.parseType(), frozen: false }));
      case 'map': return this.inAngles(() => {
        const key = this.parseType();
        this.expect(',');
        return { kind: 'map', key, value: this.parseType(), frozen: false };
      });
      case 'tuple': return this.inAngles(() => {
        const elements = [this.parseType()];
        while (this.peek().text === ',') {
          this.next();
          elements.push(this.parseType());
        }
        return { kind: 'tuple', elements: elements.map((e) => (supportsFreezing(e) ? freeze(e) : e)) };
      });
      case 'vector': return this.inAngles(() => {
        const element = this.parseType();
        this.expect(',');
        const dimension = this.next();
        if (dimension.kind !== 'integer') throw this.unexpected(dimension);
        return { kind: 'vector', element, dimension: Number(dimension.text) };
      });
      default: return undefined;
    }
  }

  private inAngles(body: () => RawType): RawType {
    this.expect('<');
    const result = body();
    this.expect('>');
    return result;
  }

  expectEnd(): void {
    const token = this.peek();
    if (token.kind !== 'end') throw this.unexpected(token);
  }

  private expect(symbol: string): void {
    const token = this.next();
    if (token.kind !== 'symbol' || token.text !== symbol) throw this.unexpected(token);
  }

  private peek(): TypeToken {
    return this.tokens[this.position]!;
  }

  private next(): TypeToken {
    const token = this.tokens[this.position]!;
    if (token.kind !== 'end') this.position++;
    return token;
  }

  private unexpected(token: TypeToken): SyntaxError {
    const what = token.kind === 'end' ? 'end of input' : `'${token.text}'`;
    return new SyntaxError(`line 1:${token.offset} no viable alternative at input ${what} in type '${this.text}'`);
  }
}

/**
 * A quoted type: class names read by Cassandra's TypeParser. The grammar reports its failures as syntax
 * errors, naming the text: "Cannot parse type …" for a SyntaxException, "Error setting type …" otherwise.
 */
function customType(text: string): CqlType {
  try {
    return parseMarshalType(text);
  } catch (e) {
    if (!(e instanceof TypeParserError)) throw e;
    throw new SyntaxError(`${e.failure === 'syntax' ? 'Cannot parse type' : 'Error setting type'} ${abbreviatedTypeText(text)}: ${e.message}`);
  }
}

function supportsFreezing(raw: RawType): boolean {
  return raw.kind !== 'native' && raw.kind !== 'custom';
}

function isFrozen(raw: RawType): boolean {
  switch (raw.kind) {
    case 'list': case 'set': case 'map': case 'udt': return raw.frozen;
    case 'tuple': case 'vector': return true;
    default: return false;
  }
}

/** frozen<...>: freezes collections and UDTs and, for collections, what they contain. */
function freeze(raw: RawType): RawType {
  switch (raw.kind) {
    case 'list': case 'set': return { ...raw, element: freezeIfPossible(raw.element), frozen: true };
    case 'map': return { ...raw, key: freezeIfPossible(raw.key), value: freezeIfPossible(raw.value), frozen: true };
    case 'udt': return { ...raw, frozen: true };
    case 'tuple': case 'vector': return raw;
    default:
      throw new InvalidRequestError(
        `frozen<> is only allowed on collections, tuples, and user-defined types (got ${rawToString(raw)})`);
  }
}

function freezeIfPossible(raw: RawType): RawType {
  return supportsFreezing(raw) ? freeze(raw) : raw;
}

function rawToString(raw: RawType): string {
  switch (raw.kind) {
    case 'native': return raw.text;
    case 'custom': return raw.text;
    case 'list': case 'set': return wrapFrozen(raw.frozen, `${raw.kind}<${rawToString(raw.element)}>`);
    case 'map': return wrapFrozen(raw.frozen, `map<${rawToString(raw.key)}, ${rawToString(raw.value)}>`);
    case 'tuple': return `tuple<${raw.elements.map(rawToString).join(', ')}>`;
    case 'vector': return `vector<${rawToString(raw.element)}, ${raw.dimension}>`;
    case 'udt': return wrapFrozen(raw.frozen, raw.keyspace === null ? raw.name : `${raw.keyspace}.${raw.name}`);
  }
}

function wrapFrozen(frozen: boolean, text: string): string {
  return frozen ? `frozen<${text}>` : text;
}

function prepare(raw: RawType, resolve: UserTypeResolver, keyspace: string | undefined): CqlType {
  const inner = (r: RawType): CqlType => prepare(r, resolve, keyspace);
  switch (raw.kind) {
    case 'native': return native(raw.name);
    case 'custom': return raw.type;
    case 'list': case 'set': case 'map': {
      checkCollectionContents(raw);
      if (raw.kind === 'map') return { kind: 'map', key: inner(raw.key), value: inner(raw.value), frozen: raw.frozen };
      return { kind: raw.kind, element: inner(raw.element), frozen: raw.frozen };
    }
    case 'tuple':
      if (raw.elements.some(isCounter)) throw new InvalidRequestError('Counters are not allowed inside tuples');
      return { kind: 'tuple', elements: raw.elements.map(inner) };
    case 'vector':
      if (raw.dimension <= 0) {
        throw new InvalidRequestError(`vectors may only have positive dimentions; given ${raw.dimension}`);
      }
      return { kind: 'vector', element: inner(freezeIfPossible(raw.element)), dimension: raw.dimension };
    case 'udt': {
      const found = resolve(raw.keyspace, raw.name);
      if (found === undefined) {
        const ks = raw.keyspace ?? keyspace;
        throw new InvalidRequestError(`Unknown type ${ks === undefined ? '' : ks + '.'}${raw.name}`);
      }
      return found.frozen === raw.frozen ? found : { ...found, frozen: raw.frozen };
    }
  }
}

/** RawCollection.prepare's checks, in its order. */
function checkCollectionContents(raw: Extract<RawType, { kind: 'list' | 'set' | 'map' }>): void {
  const values = raw.kind === 'map' ? raw.value : raw.element;
  const text = rawToString(raw);
  checkNestedFrozen(raw.frozen, values, text);
  if (isCounter(values)) throw new InvalidRequestError(`Counters are not allowed inside collections: ${text}`);
  if (isDuration(values) && raw.kind === 'set') {
    throw new InvalidRequestError(`Durations are not allowed inside sets: ${text}`);
  }
  if (raw.kind === 'map') {
    if (isCounter(raw.key)) throw new InvalidRequestError(`Counters are not allowed inside collections: ${text}`);
    if (isDuration(raw.key)) throw new InvalidRequestError(`Durations are not allowed as map keys: ${text}`);
    checkNestedFrozen(raw.frozen, raw.key, text);
  }
}

function checkNestedFrozen(outerFrozen: boolean, inner: RawType, text: string): void {
  if (outerFrozen || !supportsFreezing(inner) || isFrozen(inner)) return;
  if (inner.kind === 'udt') throw new InvalidRequestError(`Non-frozen UDTs are not allowed inside collections: ${text}`);
  throw new InvalidRequestError(`Non-frozen collections are not allowed inside collections: ${text}`);
}

function isCounter(raw: RawType): boolean {
  return raw.kind === 'native' && raw.name === 'counter';
}

function isDuration(raw: RawType): boolean {
  return raw.kind === 'native' && raw.name === 'duration';
}
