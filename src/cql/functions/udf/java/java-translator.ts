/**
 * Translates the body of a `LANGUAGE java` function into JavaScript for its sandbox. The subset: local
 * variable declarations, assignments (= += -= *= /= %= ++ --), if/else, while, for and for-each loops,
 * break, continue, return, throw new …Exception(msg), and the expressions of java-expressions.ts. Anything
 * else is refused when the function is created, as Cassandra refuses a body javac rejects:
 * "Java source compilation failed:" and one line per problem.
 */
import { InvalidRequestError } from '../../../../errors/index.js';
import type { UserFunctionMetadata } from '../../../../schema/index.js';
import { assignTo, expression, type Expr } from './java-expressions.js';
import { JavaCompileError, lexJava, type JavaToken } from './java-lexer.js';
import { JAVA_RUNTIME } from './java-runtime.js';
import { JavaTokenStream, jsName } from './java-token-stream.js';
import { BOOLEAN, OBJECT, javaTypeOf, javaTypeText, type JavaType } from './java-types.js';

export interface TranslatedJava {
  /** A function expression of the arguments and the timeout in ms: the body, its loops checking the time. */
  readonly source: string;
  readonly prelude: string;
}

const UNSUPPORTED_STATEMENTS = new Set([
  'try', 'catch', 'finally', 'switch', 'do', 'class', 'interface', 'enum', 'synchronized', 'import', 'assert', 'var',
  'yield', 'goto', 'static', 'package', 'native', 'volatile', 'transient', 'abstract',
]);

export function translateJava(meta: UserFunctionMetadata): TranslatedJava {
  try {
    return new JavaTranslator(meta).translate();
  } catch (e) {
    if (e instanceof JavaCompileError) throw new InvalidRequestError(`Java source compilation failed:\nLine ${e.line}: ${e.message}\n`);
    throw e;
  }
}

/** A loop on the constant `true` completes only through a break (JLS §14.22); any break counts, to be safe. */
function loopCompletes(test: string, body: string): boolean {
  return test !== 'true' || /\bbreak\b/.test(body);
}

class JavaTranslator extends JavaTokenStream {
  private readonly returnType: JavaType;

  constructor(private readonly meta: UserFunctionMetadata) {
    super(lexJava(meta.body));
    this.returnType = javaTypeOf(meta.returnType);
    const args = meta.argNames.map((n, i): [string, { js: string; type: JavaType }] => [n, { js: jsName(n), type: javaTypeOf(meta.argTypes[i]!) }]);
    // udfContext (UDFContext) is in scope of every body, as a field of Cassandra's generated class.
    this.scopes.push(new Map([['udfContext', { js: 'udfContext', type: OBJECT }], ...args]));
  }

  translate(): TranslatedJava {
    const lines: string[] = [];
    let completes = true;
    while (this.peek().kind !== 'eof') {
      const s = this.statement();
      lines.push(s.js);
      completes = s.completes;
    }
    if (completes) throw new JavaCompileError(this.peek().line, `This method must return a result of type ${javaTypeText(this.returnType)}`);
    const params = [...this.meta.argNames.map(jsName), '$timeoutMs'];
    return {
      source: `(function (${params.join(', ')}) {\n'use strict';\n$j.start($timeoutMs);\n${lines.join('\n')}\n})`,
      prelude: JAVA_RUNTIME,
    };
  }

  /** One statement as JavaScript, and whether it can complete normally (JLS §14.22, simplified). */
  private statement(): { js: string; completes: boolean } {
    const token = this.peek();
    if (token.kind === 'op' && token.text === '{') return this.scoped(() => this.block());
    if (token.kind === 'op' && token.text === ';') { this.next(); return { js: ';', completes: true }; }
    if (token.kind !== 'ident') return { js: `${this.expressionStatement()};`, completes: true };
    if (UNSUPPORTED_STATEMENTS.has(token.text)) this.unsupported(token, `'${token.text}'`);
    switch (token.text) {
      case 'return': return this.returnStatement();
      case 'if': return this.ifStatement();
      case 'while': return this.whileStatement();
      case 'for': return this.scoped(() => this.forStatement());
      case 'break': case 'continue':
        this.next();
        this.expect(';');
        return { js: `${token.text};`, completes: false };
      case 'throw': {
        this.next();
        const e = expression(this);
        this.expect(';');
        return { js: `throw ${e.js};`, completes: false };
      }
    }
    if (this.startsDeclaration()) {
      const js = this.declaration();
      this.expect(';');
      return { js, completes: true };
    }
    const js = this.expressionStatement();
    this.expect(';');
    return { js: `${js};`, completes: true };
  }

  private block(): { js: string; completes: boolean } {
    this.expect('{');
    const parts: string[] = [];
    let completes = true;
    while (!this.accept('}')) {
      if (this.peek().kind === 'eof') throw new JavaCompileError(this.peek().line, 'Syntax error, insert "}" to complete Block');
      const s = this.statement();
      parts.push(s.js);
      completes = s.completes;
    }
    return { js: `{\n${parts.join('\n')}\n}`, completes };
  }

  private returnStatement(): { js: string; completes: boolean } {
    const token = this.next();
    if (this.accept(';')) throw new JavaCompileError(token.line, 'This method must return a result of type ' + javaTypeText(this.returnType));
    const e = expression(this);
    this.expect(';');
    return { js: `return ${assignTo(e, this.returnType, token.line)};`, completes: false };
  }

  private condition(): string {
    this.expect('(');
    const line = this.peek().line;
    const e = expression(this);
    this.expect(')');
    return assignTo(e, BOOLEAN, line);
  }

  private ifStatement(): { js: string; completes: boolean } {
    this.next();
    const test = this.condition();
    const then = this.scoped(() => this.statement());
    if (!this.accept('else')) return { js: `if (${test}) ${then.js}`, completes: true };
    const otherwise = this.scoped(() => this.statement());
    return { js: `if (${test}) ${then.js} else ${otherwise.js}`, completes: then.completes || otherwise.completes };
  }

  private whileStatement(): { js: string; completes: boolean } {
    this.next();
    const test = this.condition();
    const body = this.scoped(() => this.statement());
    return { js: `while (${test}) { $j.tick(); ${body.js} }`, completes: loopCompletes(test, body.js) };
  }

  /** `for (T x : c)` or `for (init; condition; update)`. */
  private forStatement(): { js: string; completes: boolean } {
    this.next();
    this.expect('(');
    if (this.startsDeclaration() && this.isForEach()) {
      this.accept('final');
      const type = this.type();
      const name = this.identifier();
      this.expect(':');
      const collection = expression(this);
      this.expect(')');
      this.declare(name, type.element ?? OBJECT);
      const body = this.statement();
      return { js: `for (let ${jsName(name.text)} of $j.iter(${collection.js})) { $j.tick(); ${body.js} }`, completes: true };
    }
    const init = this.peek().text === ';' ? '' : this.startsDeclaration() ? this.declaration() : this.expressionStatement();
    this.expect(';');
    const test = this.peek().text === ';' ? 'true' : assignTo(expression(this), BOOLEAN, this.peek().line);
    this.expect(';');
    const updates: string[] = [];
    if (this.peek().text !== ')') {
      do updates.push(this.expressionStatement()); while (this.accept(','));
    }
    this.expect(')');
    const body = this.statement();
    return { js: `for (${init}; ${test}; ${updates.join(', ')}) { $j.tick(); ${body.js} }`, completes: loopCompletes(test, body.js) };
  }

  private isForEach(): boolean {
    for (let k = 1; this.peek(k).kind !== 'eof'; k++) {
      const t = this.peek(k).text;
      if (t === ':') return true;
      if (t === ';' || t === '=' || t === ')') return false;
    }
    return false;
  }

  private declaration(): string {
    this.accept('final');
    const type = this.type();
    const parts: string[] = [];
    do {
      const name = this.identifier();
      let init = '';
      if (this.accept('=')) init = ` = ${assignTo(expression(this), type, name.line)}`;
      this.declare(name, type);
      parts.push(`${jsName(name.text)}${init}`);
    } while (this.accept(','));
    return `let ${parts.join(', ')}`;
  }

  /** An assignment, increment or method call used as a statement. */
  private expressionStatement(): string {
    const token = this.peek();
    if (token.kind === 'op' && (token.text === '++' || token.text === '--')) {
      this.next();
      return this.increment(this.identifier(), token.text);
    }
    const target = token.kind === 'ident' ? this.variable(token.text) : undefined;
    if (target !== undefined) {
      const op = this.peek(2);
      if (op.text === '++' || op.text === '--') {
        this.next();
        this.next();
        return this.increment(token, op.text);
      }
      if (op.kind === 'op' && /^([-+*/%]?=)$/.test(op.text)) {
        this.next();
        this.next();
        return this.assignment(token, target, op.text);
      }
    }
    const e: Expr = expression(this);
    if (!e.js.startsWith('$j.call(')) {
      throw new JavaCompileError(token.line, 'Syntax error, insert "AssignmentOperator Expression" to complete Expression');
    }
    return e.js;
  }

  private increment(name: JavaToken, op: string): string {
    const target = this.variable(name.text);
    if (target === undefined) throw new JavaCompileError(name.line, `${name.text} cannot be resolved to a variable`);
    const one: Expr = { js: '1', type: { name: 'int', boxed: false } };
    return this.compound(name, target, op === '++' ? '+' : '-', one);
  }

  private assignment(name: JavaToken, target: { js: string; type: JavaType }, op: string): string {
    const value = expression(this);
    if (op === '=') return `${target.js} = ${assignTo(value, target.type, name.line)}`;
    return this.compound(name, target, op[0]!, value);
  }

  /** `x op= e` is `x = (T) (x op e)` (JLS §15.26.2): the result narrows back to x's type. */
  private compound(name: JavaToken, target: { js: string; type: JavaType }, op: string, value: Expr): string {
    const sum = this.binaryOf(target, op, value, name.line);
    if (target.type.name === 'String') return `${target.js} = ${sum.js}`;
    const narrow: Partial<Record<string, string>> = { int: '$j.toInt', long: '$j.toLong', short: '$j.toShort', byte: '$j.toByte', float: 'Math.fround' };
    const fn = narrow[target.type.name];
    return `${target.js} = ${fn === undefined ? sum.js : `${fn}(${sum.js})`}`;
  }

  private binaryOf(target: { js: string; type: JavaType }, op: string, value: Expr, line: number): Expr {
    const tokens: JavaToken[] = [{ kind: 'op', text: op, line }];
    const saved = { tokens: this.tokens.slice(), pos: this.pos };
    // Re-parse `target op (value)` through the expression rules, so compound assignment shares their meaning.
    this.tokens.splice(0, this.tokens.length, { kind: 'ident', text: '$target', line }, ...tokens, { kind: 'ident', text: '$value', line }, { kind: 'eof', text: '<EOF>', line });
    this.pos = 0;
    this.scopes.push(new Map([['$target', target], ['$value', { js: `(${value.js})`, type: value.type }]]));
    try {
      return expression(this);
    } finally {
      this.scopes.pop();
      this.tokens.splice(0, this.tokens.length, ...saved.tokens);
      this.pos = saved.pos;
    }
  }
}
