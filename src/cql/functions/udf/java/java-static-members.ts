/**
 * The static members of java.lang the Java subset has: Math's functions and constants, String.valueOf,
 * the boxed types' parse/valueOf/compare/MAX_VALUE, Boolean.parseBoolean and Objects.equals/isNull.
 */
import {
  argumentsOf, mismatch, stringOf, unboxed, type Expr, type ExpressionSource,
} from './java-expressions.js';
import { JavaCompileError, type JavaToken } from './java-lexer.js';
import { BOOLEAN, DOUBLE, INT, LONG, STRING, assignable, isIntegral, javaTypeText, jt, promote, type JavaType } from './java-types.js';

const MATH_DOUBLE = new Set(['sqrt', 'cbrt', 'pow', 'exp', 'log', 'log10', 'sin', 'cos', 'tan', 'asin', 'acos', 'atan', 'atan2', 'floor', 'ceil', 'hypot', 'toRadians', 'toDegrees', 'rint']);

/** Math.*, String.valueOf, Integer.parseInt and the other static members the subset has. */
export function staticMember(src: ExpressionSource, cls: JavaToken): Expr {
  src.expect('.');
  const member = src.next();
  const key = `${cls.text}.${member.text}`;
  const constants: Readonly<Record<string, Expr>> = {
    'Math.PI': { js: 'Math.PI', type: DOUBLE }, 'Math.E': { js: 'Math.E', type: DOUBLE },
    'Integer.MAX_VALUE': { js: '2147483647', type: INT }, 'Integer.MIN_VALUE': { js: '-2147483648', type: INT },
    'Long.MAX_VALUE': { js: '9223372036854775807', type: LONG }, 'Long.MIN_VALUE': { js: '-9223372036854775808', type: LONG },
    'Double.MAX_VALUE': { js: 'Number.MAX_VALUE', type: DOUBLE }, 'Double.MIN_VALUE': { js: 'Number.MIN_VALUE', type: DOUBLE },
    'Double.NaN': { js: 'NaN', type: DOUBLE }, 'Double.POSITIVE_INFINITY': { js: 'Infinity', type: DOUBLE },
    'Double.NEGATIVE_INFINITY': { js: '-Infinity', type: DOUBLE },
  };
  if (src.peek().text !== '(') {
    const constant = constants[key];
    if (constant === undefined) throw new JavaCompileError(member.line, `${member.text} cannot be resolved or is not a field`);
    return constant;
  }
  const args = argumentsOf(src);
  const a = args.map(unboxed);
  const one = (type: JavaType, js: string): Expr => {
    if (args.length !== 1) throw new JavaCompileError(member.line, `The method ${member.text} is undefined for the type ${cls.text}`);
    return { js, type };
  };
  if (cls.text === 'Math') {
    if (member.text === 'random') return src.unsupported(member, 'Math.random()');
    if (MATH_DOUBLE.has(member.text)) return { js: `Math.${member.text}(${a.join(', ')})`, type: DOUBLE };
    switch (member.text) {
      case 'abs': return one(promote(args[0]!.type, INT), `Math.abs(${a[0]})`);
      case 'signum': return one(DOUBLE, `Math.sign(${a[0]})`);
      case 'round': return one(args[0]!.type.name === 'float' ? INT : LONG, `Math.floor(${a[0]} + 0.5)`);
      case 'max': case 'min':
        if (args.length !== 2) break;
        return { js: `Math.${member.text}(${a[0]}, ${a[1]})`, type: promote(args[0]!.type, args[1]!.type) };
      case 'floorDiv': return { js: `Math.floor(${a[0]} / ${a[1]})`, type: promote(args[0]!.type, args[1]!.type) };
      case 'floorMod': return { js: `((${a[0]} % ${a[1]}) + ${a[1]}) % ${a[1]}`, type: promote(args[0]!.type, args[1]!.type) };
    }
  }
  if ((member.text === 'valueOf' || member.text === 'toString') && args.length === 1) {
    if (cls.text === 'String' || member.text === 'toString') return { js: stringOf(args[0]!), type: STRING };
  }
  const parsed: Readonly<Record<string, Expr | undefined>> = {
    'Integer.parseInt': { js: '', type: INT }, 'Integer.valueOf': { js: '', type: jt('int', true) },
    'Long.parseLong': { js: '', type: LONG }, 'Long.valueOf': { js: '', type: jt('long', true) },
    'Short.parseShort': { js: '', type: jt('short') }, 'Byte.parseByte': { js: '', type: jt('byte') },
    'Double.parseDouble': { js: '', type: DOUBLE }, 'Double.valueOf': { js: '', type: jt('double', true) },
    'Float.parseFloat': { js: '', type: jt('float') }, 'Float.valueOf': { js: '', type: jt('float', true) },
  };
  const conversion = parsed[key];
  if (conversion !== undefined) {
    const arg = args[0]!;
    if (arg.type.name === 'String') return one(conversion.type, `$j.parse(${arg.js}, ${isIntegral(conversion.type)})`);
    if (!assignable(arg.type, conversion.type)) throw mismatch(member.line, arg.type, conversion.type);
    return one(conversion.type, arg.js);
  }
  switch (key) {
    case 'Boolean.parseBoolean': case 'Boolean.valueOf': return one(BOOLEAN, `(String(${args[0]?.js}).toLowerCase() === 'true')`);
    case 'Objects.equals': return { js: `$j.eq(${args[0]?.js}, ${args[1]?.js})`, type: BOOLEAN };
    case 'Objects.isNull': return one(BOOLEAN, `(${args[0]?.js} === null)`);
    case 'Objects.nonNull': return one(BOOLEAN, `(${args[0]?.js} !== null)`);
    case 'Integer.compare': case 'Long.compare': case 'Double.compare': return { js: `$j.cmp(${a[0]}, ${a[1]})`, type: INT };
    case 'Integer.max': case 'Integer.min': case 'Long.max': case 'Long.min':
      return { js: `Math.${member.text}(${a[0]}, ${a[1]})`, type: promote(args[0]!.type, args[1]!.type) };
    case 'Integer.sum': case 'Long.sum': return { js: `(${a[0]} + ${a[1]})`, type: promote(args[0]!.type, args[1]!.type) };
  }
  throw new JavaCompileError(member.line, `The method ${member.text}(${args.map((x) => javaTypeText(x.type)).join(', ')}) is undefined for the type ${cls.text}`);
}
