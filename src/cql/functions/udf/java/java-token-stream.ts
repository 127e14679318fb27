/**
 * The token stream of a Java body with its scopes of variables, and the parts of the grammar both
 * statements and declarations use: names, types (`List<Integer>`, `Map.Entry<K, V>`), declarations.
 */
import type { ExpressionSource } from './java-expressions.js';
import { JavaCompileError, type JavaToken } from './java-lexer.js';
import { OBJECT, declaredType, type JavaType } from './java-types.js';

const PRIMITIVE_NAMES = new Set(['int', 'long', 'short', 'byte', 'double', 'float', 'boolean', 'char']);

/** The JavaScript name of a Java variable: prefixed, so no Java name can clash with JavaScript's own. */
export function jsName(name: string): string {
  return `v_${name}`;
}

export abstract class JavaTokenStream implements ExpressionSource {
  protected pos = 0;
  protected readonly scopes: Map<string, { js: string; type: JavaType }>[] = [];

  constructor(protected readonly tokens: JavaToken[]) {}

  peek(k = 1): JavaToken {
    return this.tokens[Math.min(this.pos + k - 1, this.tokens.length - 1)]!;
  }

  next(): JavaToken {
    const token = this.peek();
    if (token.kind !== 'eof') this.pos++;
    return token;
  }

  accept(text: string): boolean {
    const token = this.peek();
    if (token.kind === 'string' || token.kind === 'char' || token.text !== text) return false;
    this.pos++;
    return true;
  }

  expect(text: string): JavaToken {
    const token = this.peek();
    if (!this.accept(text)) {
      throw new JavaCompileError(token.line, `Syntax error on token "${token.text}", ${text} expected`);
    }
    return token;
  }

  variable(name: string): { js: string; type: JavaType } | undefined {
    for (let i = this.scopes.length - 1; i >= 0; i--) {
      const v = this.scopes[i]!.get(name);
      if (v !== undefined) return v;
    }
    return undefined;
  }

  unsupported(token: JavaToken, what: string): never {
    throw new JavaCompileError(token.line, `Cassanova's Java UDF subset does not support ${what}`);
  }

  protected scoped<T>(body: () => T): T {
    this.scopes.push(new Map());
    try {
      return body();
    } finally {
      this.scopes.pop();
    }
  }

  protected identifier(): JavaToken {
    const token = this.next();
    if (token.kind !== 'ident') throw new JavaCompileError(token.line, `Syntax error on token "${token.text}", Identifier expected`);
    return token;
  }

  protected declare(token: JavaToken, type: JavaType): void {
    if (this.variable(token.text) !== undefined) throw new JavaCompileError(token.line, `Duplicate local variable ${token.text}`);
    this.scopes[this.scopes.length - 1]!.set(token.text, { js: jsName(token.text), type });
  }

  /** A declaration starts with a type followed by a name: `int x`, `List<Integer> l`, `final String s`. */
  protected startsDeclaration(): boolean {
    const first = this.peek();
    if (first.kind !== 'ident') return false;
    if (first.text === 'final') return true;
    if (this.variable(first.text) !== undefined) return false;
    if (PRIMITIVE_NAMES.has(first.text)) return true;
    const start = this.pos;
    const tokens = this.tokens.slice();
    try {
      this.type();
      return this.peek().kind === 'ident' && this.peek().text !== 'instanceof';
    } catch (e) {
      if (e instanceof JavaCompileError) return false;
      throw e;
    } finally {
      this.pos = start;
      this.tokens.splice(0, this.tokens.length, ...tokens);
    }
  }

  /** `T`, `T<A, B>`, `java.util.List<T>`, `Map.Entry<K, V>`; arrays are outside the subset. */
  protected type(): JavaType {
    let name = this.identifier();
    while (this.peek().text === '.' && this.peek(2).kind === 'ident') {
      this.next();
      name = this.next();
    }
    const args: JavaType[] = [];
    if (this.accept('<')) {
      if (!this.accept('>')) {
        do args.push(this.accept('?') ? OBJECT : this.type()); while (this.accept(','));
        this.closeTypeArguments();
      }
    }
    if (this.peek().text === '[') this.unsupported(this.peek(), 'arrays');
    const type = declaredType(name.text, args);
    if (type === undefined) throw new JavaCompileError(name.line, `${name.text} cannot be resolved to a type`);
    return type;
  }

  /** `>`, or the `>>` of nested type arguments, which the lexer read as one token. */
  protected closeTypeArguments(): void {
    const token = this.peek();
    if (token.text === '>>') {
      (this.tokens as JavaToken[])[this.pos] = { ...token, text: '>' };
      return;
    }
    this.expect('>');
  }
}
