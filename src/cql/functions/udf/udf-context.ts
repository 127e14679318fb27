/**
 * The `udfContext` a body may use to make tuple and user type values (Cassandra's UDFContext:
 * newReturnUDTValue, newArgUDTValue, newReturnTupleValue, newArgTupleValue, newTupleValue), as source
 * evaluated in the function's sandbox. A user type value is an object with every field null, a tuple an
 * array of nulls; both take the driver's getX/setX methods (see javascript-runtime.ts and the Java
 * runtime).
 */
import type { UserFunctionMetadata } from '../../../schema/index.js';
import type { CqlType } from '../../../types/index.js';

type Shape = { readonly udt: readonly string[] } | { readonly tuple: number } | null;

function shapeOf(t: CqlType): Shape {
  if (t.kind === 'udt') return { udt: t.fields.map((f) => f.name) };
  if (t.kind === 'tuple') return { tuple: t.elements.length };
  return null;
}

export function udfContextSource(meta: UserFunctionMetadata): string {
  const shapes = { result: shapeOf(meta.returnType), names: meta.argNames, args: meta.argTypes.map(shapeOf) };
  return String.raw`
var udfContext = (function (shapes) {
  'use strict';
  function fail(message) { var e = new Error(message); e.name = 'java.lang.IllegalArgumentException'; return e; }
  function make(shape, what, kind) {
    if (shape === null || shape === undefined || (kind === 'udt') !== (shape.udt !== undefined)) throw fail(what + ' is not a ' + (kind === 'udt' ? 'user type' : 'tuple'));
    if (kind === 'tuple') { var t = []; for (var i = 0; i < shape.tuple; i++) t.push(null); return t; }
    var o = {}; shape.udt.forEach(function (f) { o[f] = null; }); return o;
  }
  function arg(key) {
    var i = typeof key === 'number' ? key : shapes.names.indexOf(key);
    if (i < 0 || i >= shapes.args.length) throw fail('Function does not declare an argument named ' + key);
    return shapes.args[i];
  }
  return Object.freeze({
    $context: true,
    newReturnUDTValue: function () { return make(shapes.result, 'the return type', 'udt'); },
    newReturnTupleValue: function () { return make(shapes.result, 'the return type', 'tuple'); },
    newArgUDTValue: function (key) { return make(arg(key), 'argument ' + key, 'udt'); },
    newArgTupleValue: function (key) { return make(arg(key), 'argument ' + key, 'tuple'); },
    newTupleValue: function (definition) {
      var inner = String(definition).replace(/^\s*(frozen\s*<\s*)?tuple\s*</i, '');
      var depth = 0, count = 1;
      for (var i = 0; i < inner.length; i++) {
        var c = inner[i];
        if (c === '<') depth++; else if (c === '>') depth--; else if (c === ',' && depth === 0) count++;
      }
      return make({ tuple: count }, definition, 'tuple');
    },
    newUDTValue: function (name) { throw fail('Cassanova does not make values of user type ' + name + ' by name; use newReturnUDTValue or newArgUDTValue'); }
  });
})(${JSON.stringify(shapes)});
`;
}
