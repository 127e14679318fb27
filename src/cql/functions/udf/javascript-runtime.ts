/**
 * What JavaScript bodies written for Cassandra 3.x's Nashorn expect of their values, given to the
 * sandbox's own built-ins (never the server's): the Java driver's getters and setters on user types
 * and tuples (`p.getInt('x')`, `t.setString(1, 's')`), and the basic methods of java.util collections
 * on arrays (size, get, contains, isEmpty, add), sets (contains, isEmpty) and maps (containsKey, isEmpty, put).
 */
export const JAVASCRIPT_RUNTIME = String.raw`
(function () {
  'use strict';
  function def(proto, name, fn) { Object.defineProperty(proto, name, { value: fn, writable: true, configurable: true, enumerable: false }); }
  ['Int', 'Long', 'String', 'Bool', 'Double', 'Float', 'Short', 'Byte', 'Decimal', 'Varint', 'UUID', 'Timestamp', 'Date',
   'Time', 'Inet', 'Bytes', 'List', 'Set', 'Map', 'Tuple', 'UDTValue', 'TupleValue', 'Object', 'Duration'].forEach(function (t) {
    def(Object.prototype, 'get' + t, function (key) { var v = this[key]; return v === undefined ? null : v; });
    def(Object.prototype, 'set' + t, function (key, value) { this[key] = value; return this; });
  });
  def(Object.prototype, 'isNull', function (key) { return this[key] === null || this[key] === undefined; });
  def(Array.prototype, 'size', function () { return this.length; });
  def(Array.prototype, 'get', function (i) { return this[i]; });
  def(Array.prototype, 'contains', function (x) { return this.indexOf(x) >= 0; });
  def(Array.prototype, 'isEmpty', function () { return this.length === 0; });
  def(Array.prototype, 'add', function (x) { this.push(x); return true; });
  def(Set.prototype, 'contains', function (x) { return this.has(x); });
  def(Set.prototype, 'isEmpty', function () { return this.size === 0; });
  def(Map.prototype, 'containsKey', function (k) { return this.has(k); });
  def(Map.prototype, 'isEmpty', function () { return this.size === 0; });
  def(Map.prototype, 'put', function (k, v) { var old = this.has(k) ? this.get(k) : null; this.set(k, v); return old; });
})();
`;
