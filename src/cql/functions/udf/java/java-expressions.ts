/**
 * Expressions of the Java subset, parsed by precedence (JLS §15) and emitted as JavaScript with Java's
 * meaning: int arithmetic wraps, integer division truncates and fails on zero, `+` with a String
 * concatenates Java's string forms, boxed values unbox (NullPointerException on null) where used as
 * numbers, methods go through the runtime's dispatch. Each expression carries its static type.
 */
import { JavaCompileError, type JavaToken } from './java-lexer.js';
import { staticMember } from './java-static-members.js';
import {
  BOOLEAN, DOUBLE, INT, LONG, NULL, OBJECT, STRING, assignable, declaredType, isIntegral, isNumeric, javaTypeText, jt,
  methodType, promote, type JavaType,
} from './java-types.js';

export interface Expr {
  readonly js: string;
  readonly type: JavaType;
}

/** What expressions read: the tokens, and the variables in scope. */
export interface ExpressionSource {
  peek(k?: number): JavaToken;
  next(): JavaToken;
  expect(text: string): JavaToken;
  accept(text: string): boolean;
  variable(name: string): { js: string; type: JavaType } | undefined;
  unsupported(token: JavaToken, what: string): never;
}

const STATIC_CLASSES = new Set(['Math', 'String', 'Integer', 'Long', 'Double', 'Float', 'Short', 'Byte', 'Boolean', 'Objects', 'Character']);
const PRIMITIVES = new Set(['int', 'long', 'short', 'byte', 'double', 'float', 'boolean', 'char']);
const BINARY_LEVELS: readonly (readonly string[])[] = [
  ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!='], ['<', '>', '<=', '>='], ['<<', '>>', '>>>'], ['+', '-'], ['*', '/', '%'],
];

export function mismatch(line: number, from: JavaType, to: JavaType): JavaCompileError {
  return new JavaCompileError(line, `Type mismatch: cannot convert from ${javaTypeText(from)} to ${javaTypeText(to)}`);
}

/** A value used as a number or boolean: boxed ones are unboxed, failing on null as Java does. */
export function unboxed(e: Expr): string {
  return e.type.boxed ? `$j.u(${e.js})` : e.js;
}

export function stringOf(e: Expr): string {
  if (e.type.name === 'String' && !e.type.boxed) return e.js;
  const floating = e.type.name === 'double' || e.type.name === 'float';
  return `$j.str(${e.js}${floating ? ', true' : ''})`;
}

/** The value of `e` converted for a variable or result of type `to` (checked as Java's assignment). */
export function assignTo(e: Expr, to: JavaType, line: number): string {
  if (!assignable(e.type, to)) throw mismatch(line, e.type, to);
  if (to.name === 'float' && e.type.name !== 'float' && isNumeric(e.type)) return `Math.fround(${unboxed(e)})`;
  return !to.boxed && (isNumeric(to) || to.name === 'boolean') ? unboxed(e) : e.js;
}

export function expression(src: ExpressionSource): Expr {
  const condition = binary(src, 0);
  if (!src.accept('?')) return condition;
  const a = expression(src);
  src.expect(':');
  const b = expression(src);
  const type = isNumeric(a.type) && isNumeric(b.type) ? promote(a.type, b.type) : a.type.name === 'null' ? b.type : a.type;
  return { js: `(${unboxed(condition)} ? ${a.js} : ${b.js})`, type };
}

function binary(src: ExpressionSource, level: number): Expr {
  if (level === BINARY_LEVELS.length) return unary(src);
  let left = binary(src, level + 1);
  for (;;) {
    const token = src.peek();
    if (token.kind !== 'op' || !BINARY_LEVELS[level]!.includes(token.text)) {
      if (token.kind === 'ident' && token.text === 'instanceof' && level === 6) src.unsupported(token, 'instanceof');
      return left;
    }
    src.next();
    left = operation(token, left, binary(src, level + 1));
  }
}

function operation(token: JavaToken, a: Expr, b: Expr): Expr {
  const op = token.text;
  const line = token.line;
  if (op === '+' && (a.type.name === 'String' || b.type.name === 'String')) return { js: `(${stringOf(a)} + ${stringOf(b)})`, type: STRING };
  if (op === '==' || op === '!=') {
    const numeric = isNumeric(a.type) && isNumeric(b.type);
    const js = numeric ? `(${unboxed(a)} ${op}= ${unboxed(b)})` : `(${a.js} ${op}= ${b.js})`;
    return { js, type: BOOLEAN };
  }
  if (op === '&&' || op === '||') {
    for (const e of [a, b]) if (e.type.name !== 'boolean' && e.type.name !== 'Object') throw mismatch(line, e.type, BOOLEAN);
    return { js: `(${unboxed(a)} ${op} ${unboxed(b)})`, type: BOOLEAN };
  }
  for (const e of [a, b]) {
    if (!isNumeric(e.type) && e.type.name !== 'Object' && !(e.type.name === 'boolean' && '&|^'.includes(op))) {
      throw new JavaCompileError(line, `The operator ${op} is undefined for the argument type(s) ${javaTypeText(a.type)}, ${javaTypeText(b.type)}`);
    }
  }
  const x = unboxed(a);
  const y = unboxed(b);
  if (['<', '>', '<=', '>='].includes(op)) return { js: `(${x} ${op} ${y})`, type: BOOLEAN };
  if (a.type.name === 'boolean') return { js: `((${x} ${op} ${y}) !== 0)`, type: BOOLEAN };
  const type = promote(a.type, b.type);
  return { js: arithmetic(op, x, y, type, token), type };
}

const BIT_OPERATORS = new Set(['&', '|', '^', '<<', '>>', '>>>']);

function arithmetic(op: string, x: string, y: string, type: JavaType, token: JavaToken): string {
  const integral = isIntegral(type);
  if (op === '/' && integral) return `$j.idiv(${x}, ${y})${type.name === 'int' ? ' | 0' : ''}`;
  if (op === '%' && integral) return `$j.irem(${x}, ${y})`;
  if (type.name === 'int') return op === '*' ? `Math.imul(${x}, ${y})` : `((${x} ${op} ${y}) | 0)`;
  // JavaScript's bit operators work on 32 bits: a long's would be wrong.
  if (BIT_OPERATORS.has(op)) {
    throw new JavaCompileError(token.line, `Cassanova's Java UDF subset does not support the operator ${op} on ${type.name}`);
  }
  if (type.name === 'float') return `Math.fround(${x} ${op} ${y})`;
  return `(${x} ${op} ${y})`;
}

function unary(src: ExpressionSource): Expr {
  const token = src.peek();
  if (token.kind === 'op' && (token.text === '-' || token.text === '+' || token.text === '!' || token.text === '~')) {
    src.next();
    const e = unary(src);
    if (token.text === '!') {
      if (e.type.name !== 'boolean' && e.type.name !== 'Object') throw new JavaCompileError(token.line, `The operator ! is undefined for the argument type(s) ${javaTypeText(e.type)}`);
      return { js: `(!${unboxed(e)})`, type: BOOLEAN };
    }
    if (!isNumeric(e.type) && e.type.name !== 'Object') {
      throw new JavaCompileError(token.line, `The operator ${token.text} is undefined for the argument type(s) ${javaTypeText(e.type)}`);
    }
    const type = promote(e.type, INT);
    if (token.text === '+') return { js: `(+${unboxed(e)})`, type };
    if (token.text === '~') return { js: `(~${unboxed(e)})`, type };
    return { js: type.name === 'int' ? `((-${unboxed(e)}) | 0)` : `(-${unboxed(e)})`, type };
  }
  if (token.kind === 'op' && (token.text === '++' || token.text === '--')) src.unsupported(token, `${token.text} inside an expression`);
  if (token.kind === 'op' && token.text === '(' && isCast(src)) return cast(src);
  return postfix(src, primary(src));
}

/** `(type) expr`: a primitive type, or a known class name that is not a variable, in parentheses. */
function isCast(src: ExpressionSource): boolean {
  const name = src.peek(2);
  if (name.kind !== 'ident' || src.variable(name.text) !== undefined) return false;
  if (PRIMITIVES.has(name.text)) return src.peek(3).text === ')';
  if (declaredType(name.text, []) === undefined) return false;
  const after = src.peek(3).text === '<' ? null : src.peek(4);
  return after !== null && src.peek(3).text === ')' && (after.kind !== 'op' || after.text === '(');
}

function cast(src: ExpressionSource): Expr {
  const open = src.expect('(');
  const name = src.next().text;
  src.expect(')');
  const e = unary(src);
  const target = declaredType(name, [])!;
  if (!PRIMITIVES.has(name)) return { js: e.js, type: target };
  if (name === 'boolean' || name === 'char') {
    if (e.type.name !== target.name && e.type.name !== 'Object') throw new JavaCompileError(open.line, `Cannot cast from ${javaTypeText(e.type)} to ${name}`);
    return { js: unboxed(e), type: target };
  }
  if (!isNumeric(e.type) && e.type.name !== 'Object') throw new JavaCompileError(open.line, `Cannot cast from ${javaTypeText(e.type)} to ${name}`);
  const x = unboxed(e);
  // Narrowing a long keeps its low bits; narrowing a floating-point value saturates (JLS §5.1.3).
  const js = { int: isIntegral(e.type) ? `$j.l2i(${x})` : `$j.toInt(${x})`, long: `$j.toLong(${x})`, short: `$j.toShort(${x})`, byte: `$j.toByte(${x})`, float: `Math.fround(${x})`, double: `(+${x})` }[name]!;
  return { js, type: target };
}

function literal(token: JavaToken): Expr | null {
  switch (token.kind) {
    case 'int': return { js: String(Number(token.text)), type: INT };
    case 'long': return { js: String(Number(token.text)), type: LONG };
    case 'float': return { js: `Math.fround(${Number(token.text)})`, type: jt('float') };
    case 'double': return { js: String(Number(token.text)), type: DOUBLE };
    case 'string': return { js: JSON.stringify(token.text), type: jt('String') };
    case 'char': return { js: JSON.stringify(token.text), type: jt('char') };
    default: return null;
  }
}

function primary(src: ExpressionSource): Expr {
  const token = src.next();
  const value = literal(token);
  if (value !== null) return value;
  if (token.kind === 'op' && token.text === '(') {
    const e = expression(src);
    src.expect(')');
    return { js: `(${e.js})`, type: e.type };
  }
  if (token.kind !== 'ident') throw new JavaCompileError(token.line, `Syntax error on token "${token.text}", Expression expected`);
  switch (token.text) {
    case 'true': case 'false': return { js: token.text, type: BOOLEAN };
    case 'null': return { js: 'null', type: NULL };
    case 'new': return construct(src, token);
    case 'this': case 'super': case 'switch': case 'class': return src.unsupported(token, token.text);
  }
  const variable = src.variable(token.text);
  if (variable !== undefined) return variable;
  if (STATIC_CLASSES.has(token.text) && src.peek().text === '.') return staticMember(src, token);
  if (token.text === 'java' || token.text === 'System' || token.text === 'Thread' || token.text === 'Runtime') {
    return src.unsupported(token, `${token.text}.*`);
  }
  throw new JavaCompileError(token.line, `${token.text} cannot be resolved to a variable`);
}

export function argumentsOf(src: ExpressionSource): Expr[] {
  src.expect('(');
  const args: Expr[] = [];
  if (!src.accept(')')) {
    do args.push(expression(src)); while (src.accept(','));
    src.expect(')');
  }
  return args;
}

function postfix(src: ExpressionSource, e: Expr): Expr {
  let current = e;
  for (;;) {
    const token = src.peek();
    if (token.text === '[' && token.kind === 'op') src.unsupported(token, 'arrays');
    if (token.text === '::' || token.text === '->') src.unsupported(token, 'lambdas and method references');
    if (token.kind !== 'op' || token.text !== '.') return current;
    src.next();
    const name = src.next();
    if (src.peek().text !== '(') {
      if (name.text === 'length') throw new JavaCompileError(name.line, 'length cannot be resolved or is not a field');
      return src.unsupported(name, `field access (.${name.text})`);
    }
    const args = argumentsOf(src);
    const floating = args.length === 1 && current.type.name === 'StringBuilder' && (args[0]!.type.name === 'double' || args[0]!.type.name === 'float');
    const jsArgs = `[${args.map((a) => a.js).join(', ')}${floating ? ', true' : ''}]`;
    current = { js: `$j.call(${current.js}, ${JSON.stringify(name.text)}, ${jsArgs})`, type: methodType(current.type, name.text) };
  }
}

/** `new ArrayList<>(c)`, `new HashSet<>()`, `new HashMap<>(m)`, `new StringBuilder(s)`, `new RuntimeException(msg)`. */
function construct(src: ExpressionSource, at: JavaToken): Expr {
  const name = src.next();
  if (src.accept('<')) {
    let depth = 1;
    while (depth > 0) {
      const t = src.next();
      if (t.kind === 'eof') throw new JavaCompileError(t.line, 'Syntax error, insert ">" to complete type arguments');
      if (t.text === '<') depth++;
      else if (t.text === '>') depth--;
      else if (t.text === '>>') depth -= 2;
    }
  }
  const args = argumentsOf(src);
  const arg = args[0]?.js ?? '';
  const type = declaredType(name.text, []);
  if (/Exception$|^Error$/.test(name.text)) {
    const cls = /^(IllegalArgument|IllegalState|Runtime|Arithmetic|UnsupportedOperation|NullPointer)Exception$/.test(name.text) ? `java.lang.${name.text}` : name.text;
    return { js: `$j.ex(${JSON.stringify(cls)}${args.length > 0 ? `, ${stringOf(args[0]!)}` : ''})`, type: OBJECT };
  }
  switch (type?.name) {
    case 'List': return { js: `$j.newList(${arg})`, type };
    case 'Set': return { js: `$j.newSet(${arg})`, type };
    case 'Map': return { js: `$j.newMap(${arg})`, type };
    case 'StringBuilder': return { js: `$j.builder(${args.length > 0 ? stringOf(args[0]!) : ''})`, type };
    default: return src.unsupported(at, `new ${name.text}`);
  }
}
