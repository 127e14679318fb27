/**
 * The helpers a translated Java body calls, as source evaluated once in the function's own sandbox (so
 * they are objects of its realm, not of the server's): Java's arithmetic (integer division, narrowing
 * casts), string conversion (Double.toString's "1.0"), null unboxing, and the methods of String, the
 * boxed types, List, Set, Map, Map.Entry, StringBuilder and the driver's TupleValue/UDTValue, dispatched
 * on the value at run time. Exceptions carry Java's class names: Cassandra reports them by toString().
 */
export const JAVA_RUNTIME = String.raw`
var $j = (function () {
  'use strict';
  // The body's own timer: Date here is the sandbox's, the real time vm's watchdog would measure.
  var deadline = 0, ticks = 0;
  function start(ms) { deadline = Date.now() + ms; ticks = 0; }
  function tick() {
    if ((++ticks & 1023) === 0 && Date.now() > deadline) { var e = new Error('timeout'); e.name = '$timeout'; throw e; }
  }
  function ex(cls, msg) { var e = new Error(msg === undefined ? '' : msg); e.name = cls; return e; }
  function npe() { return ex('java.lang.NullPointerException', 'null'); }
  function tag(v) { return Object.prototype.toString.call(v).slice(8, -1); }
  function isEntry(v) { return v !== null && typeof v === 'object' && v.$entry === true; }
  function isBuilder(v) { return v !== null && typeof v === 'object' && v.$builder === true; }
  function dbl(x) {
    if (x !== x) return 'NaN';
    if (x === Infinity) return 'Infinity';
    if (x === -Infinity) return '-Infinity';
    if (x === 0) return 1 / x < 0 ? '-0.0' : '0.0';
    var a = Math.abs(x);
    if (a >= 1e-3 && a < 1e7) { var s = String(x); return s.indexOf('.') < 0 ? s + '.0' : s; }
    var e = x.toExponential().split('e');
    return (e[0].indexOf('.') < 0 ? e[0] + '.0' : e[0]) + 'E' + Number(e[1]);
  }
  function str(v, floating) {
    if (v === null || v === undefined) return 'null';
    if (typeof v === 'number') return floating || !Number.isInteger(v) ? dbl(v) : String(v);
    if (typeof v !== 'object') return String(v);
    if (isBuilder(v)) return v.s;
    if (isEntry(v)) return str(v.k) + '=' + str(v.v);
    var t = tag(v);
    if (t === 'Array' || t === 'Set') return '[' + Array.from(v, function (e) { return str(e); }).join(', ') + ']';
    if (t === 'Map') return '{' + Array.from(v, function (e) { return str(e[0]) + '=' + str(e[1]); }).join(', ') + '}';
    if (t === 'Date') return v.toISOString();
    return String(v);
  }
  function u(v) { if (v === null || v === undefined) throw npe(); return v; }
  function toInt(x) { if (x !== x) return 0; return Math.trunc(Math.max(-2147483648, Math.min(2147483647, Number(x)))); }
  function l2i(x) { return Number(BigInt.asIntN(32, BigInt(x))); }
  function toLong(x) { if (x !== x) return 0; return Math.trunc(Number(x)); }
  function idiv(a, b) { if (u(b) === 0) throw ex('java.lang.ArithmeticException', '/ by zero'); return Math.trunc(u(a) / b); }
  function irem(a, b) { if (u(b) === 0) throw ex('java.lang.ArithmeticException', '/ by zero'); return u(a) % b; }
  function cmp(a, b) { return a < b ? -1 : a > b ? 1 : 0; }
  function eq(a, b) {
    if (a === b) return true;
    if (a === null || b === null || typeof a !== 'object' || typeof b !== 'object') return false;
    if (tag(a) === 'Date' && tag(b) === 'Date') return a.getTime() === b.getTime();
    return str(a) === str(b);
  }
  function index(list, i) {
    if (i < 0 || i >= list.length) throw ex('java.lang.IndexOutOfBoundsException', 'Index ' + i + ' out of bounds for length ' + list.length);
    return list[i];
  }
  function range(s, a, b) {
    if (a < 0 || b > s.length || a > b) throw ex('java.lang.StringIndexOutOfBoundsException', 'begin ' + a + ', end ' + b + ', length ' + s.length);
    return s.substring(a, b);
  }
  function entry(k, v) { return { $entry: true, k: k, v: v }; }
  function builder(s) { return { $builder: true, s: s === undefined ? '' : str(s) }; }
  function stringMethod(s, m, a) {
    switch (m) {
      case 'length': return s.length;
      case 'isEmpty': return s.length === 0;
      case 'substring': return range(s, a[0], a.length > 1 ? a[1] : s.length);
      case 'charAt': return range(s, a[0], a[0] + 1);
      case 'toUpperCase': return s.toUpperCase();
      case 'toLowerCase': return s.toLowerCase();
      case 'trim': case 'strip': return s.trim();
      case 'indexOf': return s.indexOf(str(a[0]), a[1]);
      case 'lastIndexOf': return s.lastIndexOf(str(a[0]));
      case 'contains': return s.indexOf(str(u(a[0]))) >= 0;
      case 'startsWith': return s.startsWith(u(a[0]));
      case 'endsWith': return s.endsWith(u(a[0]));
      case 'equals': return s === a[0];
      case 'equalsIgnoreCase': return typeof a[0] === 'string' && s.toLowerCase() === a[0].toLowerCase();
      case 'compareTo': return cmp(s, u(a[0]));
      case 'compareToIgnoreCase': return cmp(s.toLowerCase(), u(a[0]).toLowerCase());
      case 'replace': return s.split(str(a[0])).join(str(a[1]));
      case 'concat': return s + u(a[0]);
      case 'repeat': return s.repeat(a[0]);
      case 'toString': return s;
      case 'hashCode': { var h = 0; for (var i = 0; i < s.length; i++) h = (Math.imul(31, h) + s.charCodeAt(i)) | 0; return h; }
    }
    return undefined;
  }
  function numberMethod(x, m, a) {
    switch (m) {
      case 'intValue': return Number.isInteger(x) ? l2i(x) : toInt(x);
      case 'longValue': return toLong(x);
      case 'shortValue': return (toInt(x) << 16) >> 16;
      case 'byteValue': return (toInt(x) << 24) >> 24;
      case 'doubleValue': return Number(x);
      case 'floatValue': return Math.fround(Number(x));
      case 'toString': return str(x);
      case 'equals': return x === a[0];
      case 'compareTo': return cmp(x, u(a[0]));
      case 'isNaN': return x !== x;
      case 'add': return x + u(a[0]);
      case 'subtract': return x - u(a[0]);
      case 'multiply': return x * u(a[0]);
      case 'divide': if (u(a[0]) === 0) throw ex('java.lang.ArithmeticException', 'Division by zero'); return x / a[0];
      case 'mod': return irem(x, a[0]);
      case 'negate': return -x;
      case 'abs': return Math.abs(x);
      case 'pow': return Math.pow(x, a[0]);
      case 'signum': return Math.sign(x);
      case 'max': return Math.max(x, u(a[0]));
      case 'min': return Math.min(x, u(a[0]));
      case 'booleanValue': return x;
    }
    return undefined;
  }
  function listMethod(l, m, a) {
    switch (m) {
      case 'size': return l.length;
      case 'isEmpty': return l.length === 0;
      case 'get': return index(l, a[0]);
      case 'contains': return l.some(function (e) { return eq(e, a[0]); });
      case 'indexOf': return l.findIndex(function (e) { return eq(e, a[0]); });
      case 'add': if (a.length === 2) { l.splice(a[0], 0, a[1]); return undefined; } l.push(a[0]); return true;
      case 'addAll': Array.prototype.push.apply(l, Array.from(a[0])); return true;
      case 'set': { var old = index(l, a[0]); l[a[0]] = a[1]; return old; }
      case 'remove': { var r = index(l, a[0]); l.splice(a[0], 1); return r; }
      case 'equals': return eq(l, a[0]);
      case 'toString': return str(l);
    }
    if (/^get[A-Z]/.test(m)) return index(l, a[0]);
    if (/^set[A-Z]/.test(m)) { index(l, a[0]); l[a[0]] = a[1]; return l; }
    return undefined;
  }
  function setMethod(s, m, a) {
    switch (m) {
      case 'size': return s.size;
      case 'isEmpty': return s.size === 0;
      case 'contains': return s.has(a[0]);
      case 'add': if (s.has(a[0])) return false; s.add(a[0]); return true;
      case 'remove': return s.delete(a[0]);
      case 'addAll': { var before = s.size; Array.from(a[0]).forEach(function (e) { s.add(e); }); return s.size !== before; }
      case 'equals': return eq(s, a[0]);
      case 'toString': return str(s);
    }
    return undefined;
  }
  function mapMethod(mp, m, a) {
    switch (m) {
      case 'size': return mp.size;
      case 'isEmpty': return mp.size === 0;
      case 'get': return mp.has(a[0]) ? mp.get(a[0]) : null;
      case 'getOrDefault': return mp.has(a[0]) ? mp.get(a[0]) : a[1];
      case 'containsKey': return mp.has(a[0]);
      case 'containsValue': return Array.from(mp.values()).some(function (v) { return eq(v, a[0]); });
      case 'put': { var old = mp.has(a[0]) ? mp.get(a[0]) : null; mp.set(a[0], a[1]); return old; }
      case 'remove': { var r = mp.has(a[0]) ? mp.get(a[0]) : null; mp.delete(a[0]); return r; }
      case 'keySet': return new Set(mp.keys());
      case 'values': return Array.from(mp.values());
      case 'entrySet': return new Set(Array.from(mp, function (e) { return entry(e[0], e[1]); }));
      case 'equals': return eq(mp, a[0]);
      case 'toString': return str(mp);
    }
    return undefined;
  }
  function objectMethod(o, m, a) {
    if (isEntry(o)) return m === 'getKey' ? o.k : m === 'getValue' ? o.v : m === 'toString' ? str(o) : undefined;
    if (isBuilder(o)) {
      switch (m) {
        case 'append': o.s += str(a[0], a[1] === true); return o;
        case 'length': return o.s.length;
        case 'toString': return o.s;
        case 'reverse': o.s = Array.from(o.s).reverse().join(''); return o;
      }
      return undefined;
    }
    switch (tag(o)) {
      case 'Array': return listMethod(o, m, a);
      case 'Set': return setMethod(o, m, a);
      case 'Map': return mapMethod(o, m, a);
      case 'Date': return m === 'getTime' ? o.getTime() : m === 'equals' ? eq(o, a[0]) : m === 'toString' ? str(o) : undefined;
    }
    if (o.$context === true && typeof o[m] === 'function') return o[m].apply(o, a);
    if (/^get[A-Z]/.test(m) && typeof a[0] === 'string') return Object.prototype.hasOwnProperty.call(o, a[0]) ? o[a[0]] : null;
    if (/^set[A-Z]/.test(m) && typeof a[0] === 'string') { o[a[0]] = a[1]; return o; }
    if (m === 'toString') return str(o);
    if (m === 'equals') return eq(o, a[0]);
    return undefined;
  }
  function call(o, m, a) {
    if (o === null || o === undefined) throw npe();
    var r;
    switch (typeof o) {
      case 'string': r = stringMethod(o, m, a); break;
      case 'number': case 'bigint': r = numberMethod(o, m, a); break;
      case 'boolean': r = m === 'booleanValue' ? o : m === 'toString' ? String(o) : m === 'equals' ? o === a[0] : undefined; break;
      default: r = objectMethod(o, m, a);
    }
    if (r === undefined && m !== 'add') throw ex('java.lang.NoSuchMethodError', m);
    return r === undefined ? null : r;
  }
  function iter(v) {
    if (v === null || v === undefined) throw npe();
    var t = tag(v);
    if (t === 'Array' || t === 'Set') return v;
    if (t === 'Map') throw ex('java.lang.ClassCastException', 'Map is not Iterable');
    return Array.from(v);
  }
  function parse(s, integral) {
    var t = String(u(s)).trim();
    var n = integral ? (/^[+-]?\d+$/.test(t) ? Number(t) : NaN) : Number(t);
    if (t === '' || n !== n && t !== 'NaN') throw ex('java.lang.NumberFormatException', 'For input string: "' + s + '"');
    return n;
  }
  return {
    start: start, tick: tick, ex: ex, str: str, u: u, toInt: toInt, l2i: l2i, toLong: toLong, idiv: idiv, irem: irem, call: call, iter: iter, eq: eq,
    parse: parse, builder: builder, cmp: cmp,
    toShort: function (x) { return (toInt(x) << 16) >> 16; },
    toByte: function (x) { return (toInt(x) << 24) >> 24; },
    newList: function (c) { return c === undefined ? [] : Array.from(iter(c)); },
    newSet: function (c) { return c === undefined ? new Set() : new Set(iter(c)); },
    newMap: function (m) { return m === undefined ? new Map() : new Map(u(m)); },
  };
})();
`;
