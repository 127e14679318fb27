/**
 * CQL statements drawn from the grammar over a small schema (the fuzz keyspace below): SELECT, INSERT
 * (VALUES and JSON), UPDATE, DELETE, BATCH and DDL on throw-away tables and types, with literals of every
 * type (edge values, wrong types, long and unicode text), identifiers quoted and unquoted, nested terms
 * (calls, casts, hints, arithmetic, collection and tuple literals), and comments. Most statements make
 * sense; some are deliberately a little wrong. Everything random comes from one Dice, so a seed replays.
 */
import type { Dice } from './fields.js';

export const FUZZ_KEYSPACE = 'cql_fuzz';

/** A column of the fixed schema and the CQL type its values are drawn for. */
interface Column {
  readonly name: string;
  readonly type: string;
}

interface FuzzTable {
  readonly name: string;
  readonly partitionKey: readonly Column[];
  readonly clustering: readonly Column[];
  readonly regular: readonly Column[];
  readonly counter?: boolean;
}

const TABLES: readonly FuzzTable[] = [
  {
    name: 'items',
    partitionKey: [{ name: 'k', type: 'int' }],
    clustering: [{ name: 'c', type: 'text' }],
    regular: [
      { name: 'v', type: 'int' }, { name: 's', type: 'set<text>' }, { name: 'l', type: 'list<int>' },
      { name: 'm', type: 'map<text, int>' }, { name: 'b', type: 'blob' }, { name: 'd', type: 'decimal' },
      { name: 'u', type: 'uuid' }, { name: 'ts', type: 'timestamp' }, { name: 'tu', type: 'frozen<tuple<int, text>>' },
      { name: 'st', type: 'int' },
    ],
  },
  {
    name: 'kinds',
    partitionKey: [{ name: 'id', type: 'uuid' }, { name: 'part', type: 'smallint' }],
    clustering: [{ name: 'at', type: 'timestamp' }, { name: 'seq', type: 'bigint' }],
    regular: [
      { name: 'a', type: 'frozen<address>' }, { name: 'f', type: 'float' }, { name: 'db', type: 'double' },
      { name: 'vi', type: 'varint' }, { name: 'bo', type: 'boolean' }, { name: 'ip', type: 'inet' },
      { name: 'dt', type: 'date' }, { name: 'tm', type: 'time' }, { name: 'du', type: 'duration' },
      { name: 'ti', type: 'tinyint' }, { name: 'asci', type: 'ascii' }, { name: 'tid', type: 'timeuuid' },
      { name: 'fl', type: 'frozen<list<frozen<map<int, text>>>>' }, { name: '"Quoted Col"', type: 'text' },
    ],
  },
  { name: 'counts', partitionKey: [{ name: 'k', type: 'int' }], clustering: [], regular: [{ name: 'n', type: 'counter' }], counter: true },
];

/** The statements that create the schema the generator draws from. */
export const FUZZ_SCHEMA: readonly string[] = [
  `CREATE KEYSPACE IF NOT EXISTS ${FUZZ_KEYSPACE} WITH replication = {'class': 'SimpleStrategy', 'replication_factor': %RF%}`,
  `CREATE TYPE IF NOT EXISTS ${FUZZ_KEYSPACE}.address (street text, zip int, tags frozen<set<text>>)`,
  `CREATE TABLE IF NOT EXISTS ${FUZZ_KEYSPACE}.items (k int, c text, v int, s set<text>, l list<int>, m map<text, int>, b blob, d decimal, u uuid, ts timestamp, tu frozen<tuple<int, text>>, st int static, PRIMARY KEY (k, c))`,
  `CREATE TABLE IF NOT EXISTS ${FUZZ_KEYSPACE}.kinds (id uuid, part smallint, at timestamp, seq bigint, a frozen<address>, f float, db double, vi varint, bo boolean, ip inet, dt date, tm time, du duration, ti tinyint, asci ascii, tid timeuuid, fl frozen<list<frozen<map<int, text>>>>, "Quoted Col" text, PRIMARY KEY ((id, part), at, seq)) WITH CLUSTERING ORDER BY (at DESC, seq ASC)`,
  `CREATE TABLE IF NOT EXISTS ${FUZZ_KEYSPACE}.counts (k int PRIMARY KEY, n counter)`,
  `CREATE INDEX IF NOT EXISTS items_v ON ${FUZZ_KEYSPACE}.items (v)`,
];

const NUMERIC: ReadonlySet<string> = new Set(['int', 'bigint', 'counter', 'smallint', 'tinyint', 'varint', 'decimal', 'float', 'double']);
const UNICODE = ['é', 'ß', '日本', '𝄞', '\u0000', '\u202e', '\uffff', '🙂', 'Ω', '\t', '\n', "''", '"', '\\', '$$'];
const KEYWORDS = [
  'SELECT', 'FROM', 'WHERE', 'AND', 'IN', 'INSERT', 'INTO', 'VALUES', 'UPDATE', 'SET', 'DELETE', 'BATCH', 'APPLY',
  'BEGIN', 'IF', 'EXISTS', 'NOT', 'NULL', 'TOKEN', 'LIMIT', 'ALLOW', 'FILTERING', 'ORDER', 'BY', 'ASC', 'DESC',
  'CONTAINS', 'KEY', 'USING', 'TTL', 'TIMESTAMP', 'CAST', 'AS', 'JSON', 'DISTINCT', 'frozen', 'list', 'map', 'set',
  'tuple', 'CREATE', 'TABLE', 'DROP', 'ALTER', 'ADD', 'TYPE', 'WITH', 'PRIMARY', 'GROUP', 'PER', 'PARTITION', 'LIKE',
];
const PUNCTUATION = ['(', ')', '[', ']', '{', '}', ',', ';', ':', '.', '=', '<', '>', '<=', '>=', '!=', '+', '-', '*', '/', '%', '?', '..', "'", '"'];

export class CqlGrammar {
  constructor(private readonly dice: Dice) {}

  statement(): string {
    const d = this.dice;
    const roll = d.int(100);
    let text: string;
    if (roll < 30) text = this.select();
    else if (roll < 52) text = this.insert();
    else if (roll < 67) text = this.update();
    else if (roll < 77) text = this.delete();
    else if (roll < 85) text = this.batch();
    else if (roll < 89) text = this.ddl();
    else text = this.functionSelect();
    return this.decorate(text);
  }

  /** Comments, odd spacing and a trailing semicolon, now and then. */
  private decorate(text: string): string {
    const d = this.dice;
    if (d.chance(0.05)) text = `/* ${this.word()} */ ${text}`;
    // A line comment runs to the end of its line: Cassandra's lexer wants that line end even at the end of input.
    if (d.chance(0.05)) text = `${text} -- ${this.word()}\n`;
    if (d.chance(0.05)) text = `${text} // ${this.word()}\n`;
    if (d.chance(0.01)) text = `${text} -- ${this.word()}`;
    if (d.chance(0.1)) text += ';';
    if (d.chance(0.05)) text = text.replace(/ /g, () => d.pick([' ', '  ', '\n', '\t', ' /**/ ']));
    if (d.chance(0.05)) text = text.replace(/[A-Za-z]+/g, (w) => (KEYWORDS.includes(w.toUpperCase()) && d.chance(0.5) ? w.toLowerCase() : w));
    return text;
  }

  private table(): FuzzTable {
    return this.dice.pick(TABLES);
  }

  private tableName(t: FuzzTable): string {
    const d = this.dice;
    if (d.chance(0.02)) return `${FUZZ_KEYSPACE}.${this.identifier()}`;
    if (d.chance(0.05)) return `"${FUZZ_KEYSPACE}"."${t.name}"`;
    if (d.chance(0.03)) return `${FUZZ_KEYSPACE}.${t.name.toUpperCase()}`;
    return `${FUZZ_KEYSPACE}.${t.name}`;
  }

  private columnName(c: Column): string {
    const d = this.dice;
    if (d.chance(0.02)) return this.identifier();
    if (d.chance(0.04) && !c.name.startsWith('"')) return `"${c.name}"`;
    if (d.chance(0.02)) return c.name.toUpperCase();
    return c.name;
  }

  /** A random identifier: bare, quoted (with quotes and unicode inside), or a keyword. */
  identifier(): string {
    const d = this.dice;
    const roll = d.int(10);
    if (roll < 5) return `x${d.int(1000)}`;
    if (roll < 7) return `"${this.word().replace(/"/g, '""')}"`;
    if (roll < 8) return d.pick(KEYWORDS);
    if (roll < 9) return 'a'.repeat(1 + d.int(300));
    return `"${d.pick(UNICODE).replace(/"/g, '""')}${d.int(10)}"`;
  }

  private word(): string {
    const d = this.dice;
    const parts: string[] = [];
    for (let n = 1 + d.int(4); n > 0; n--) parts.push(d.chance(0.3) ? d.pick(UNICODE) : `w${d.int(100)}`);
    return parts.join('');
  }

  // ---- literals and terms ----

  /** A string literal's body: short words, unicode, quotes (escaped or not), sometimes long. */
  private stringBody(): string {
    const d = this.dice;
    const roll = d.int(20);
    if (roll === 0) return 'x'.repeat(d.pick([1000, 10_000, 70_000]));
    if (roll === 1) return '';
    return this.word().replace(/'/g, "''");
  }

  private stringLiteral(): string {
    const d = this.dice;
    if (d.chance(0.03)) return `$$${this.word().replace(/\$\$/g, '')}$$`;
    return `'${this.stringBody()}'`;
  }

  /** A literal meant for `type`; one in ten is a literal of another type. */
  literal(type: string, depth = 0): string {
    const d = this.dice;
    if (d.chance(0.05)) type = d.pick(['int', 'text', 'blob', 'uuid', 'double', 'list<int>', 'map<text, int>', 'boolean']);
    if (d.chance(0.03)) return 'null';
    const inner = (t: string): string => this.term(t, depth + 1);
    const unfrozen = type.startsWith('frozen<') && !type.startsWith('frozen<address') ? type.slice(7, -1) : type;
    const collection = /^(list|set|map|tuple)<(.*)>$/.exec(unfrozen);
    if (collection !== null) return this.collectionLiteral(collection[1]!, splitTypes(collection[2]!), inner);
    // Mostly plain values, so that statements get past validation; edge and out-of-range values now and then.
    if (NUMERIC.has(type) && d.chance(0.75)) return String(d.int(100) - (d.chance(0.2) ? 50 : 0));
    switch (type) {
      case 'int': return d.pick(['0', '1', '-1', '2147483647', '-2147483648', '2147483648', '99999999999999999999', String(d.int(100))]);
      case 'bigint': case 'counter': return d.pick(['0', '9223372036854775807', '-9223372036854775808', '9223372036854775808', String(d.int(1e9))]);
      case 'smallint': return d.pick(['0', '32767', '-32768', '32768', String(d.int(100))]);
      case 'tinyint': return d.pick(['0', '127', '-128', '128', String(d.int(100))]);
      case 'varint': return d.pick(['0', '-1', '1'.repeat(1 + d.int(400)), String(d.int(1e6))]);
      case 'decimal': return d.pick(['0', '1.5', '-0.0', '1e-400', '1E+400', '3.14159265358979323846264338327950288', 'NaN', String(d.int(1000))]);
      case 'float': case 'double': return d.pick(['0.0', '-0.0', '1.5e38', '3.5e38', '1e-50', 'NaN', 'Infinity', '-Infinity', '1.7976931348623157E309', String(d.int(1000))]);
      case 'boolean': return d.pick(['true', 'false', 'TRUE', 'False']);
      case 'text': case 'ascii': return this.stringLiteral();
      case 'blob': return d.pick(['0x', '0x00', '0xdeadbeef', '0xabc', `0x${'ab'.repeat(d.int(5000))}`, '0xZZ']);
      case 'uuid': case 'timeuuid': return d.pick(['now()', 'uuid()', '123e4567-e89b-12d3-a456-426614174000', '50554d6e-29bb-11e5-b345-feff819cdc9f', '00000000-0000-0000-0000-000000000000', d.chance(0.2) ? '123e4567-e89b-12d3-a456' : 'uuid()']);
      case 'timestamp': return d.pick(["'2024-01-01T00:00:00Z'", "'2024-02-30'", '0', '-1', '9223372036854775807', "'1970-01-01 00:00:00+0000'", 'toTimestamp(now())', "'not a date'"]);
      case 'date': return d.pick(["'2024-01-01'", "'-5877641-06-23'", "'5881580-07-11'", '2147483648', '0', '4294967296', "'2024-13-01'"]);
      case 'time': return d.pick(["'12:34:56.123456789'", "'25:00:00'", '0', '86399999999999', '86400000000000', "'00:00'"]);
      case 'duration': return d.pick(['1h2m', 'P1Y2M', 'P0001-02-03T04:05:06', '-1d', '1mo', '1y1y', '9223372036854775807ns', 'PT', "'1h'"]);
      case 'inet': return d.pick(["'127.0.0.1'", "'::1'", "'256.0.0.1'", "'fe80::1%eth0'", "''"]);
      case 'frozen<address>': return this.udtLiteral(inner);
      default: return this.stringLiteral();
    }
  }

  private collectionLiteral(kind: string, types: string[], inner: (t: string) => string): string {
    const d = this.dice;
    const count = d.chance(0.05) ? d.int(200) : d.int(4);
    const items: string[] = [];
    for (let i = 0; i < count; i++) {
      if (kind === 'map') items.push(`${inner(types[0] ?? 'int')}: ${inner(types[1] ?? 'int')}`);
      else if (kind === 'tuple') items.push(inner(types[i % Math.max(1, types.length)] ?? 'int'));
      else items.push(inner(types[0] ?? 'int'));
    }
    if (kind === 'tuple') return `(${items.length === 0 ? inner(types[0] ?? 'int') : items.join(', ')})`;
    return kind === 'list' ? `[${items.join(', ')}]` : `{${items.join(', ')}}`;
  }

  private udtLiteral(inner: (t: string) => string): string {
    const d = this.dice;
    const fields: string[] = [];
    if (d.chance(0.8)) fields.push(`street: ${inner('text')}`);
    if (d.chance(0.8)) fields.push(`zip: ${inner('int')}`);
    if (d.chance(0.3)) fields.push(`tags: ${inner('set<text>')}`);
    if (d.chance(0.05)) fields.push(`${this.identifier()}: 1`);
    return `{${fields.join(', ')}}`;
  }

  /** A term for a receiver of `type`: mostly a literal, sometimes a call, cast, hint or arithmetic. */
  term(type: string, depth = 0): string {
    const d = this.dice;
    if (depth > 4 || d.chance(0.75)) return this.literal(type, depth);
    const inner = (t: string): string => this.term(t, depth + 1);
    if (d.chance(0.02)) {
      // Deep nesting: around the parser's limit of 500 levels, or far past it.
      const n = d.chance(0.8) ? 300 + d.int(400) : d.pick([5_000, 20_000]);
      return d.pick([`${'('.repeat(n)}${inner(type)}${')'.repeat(n)}`, `${'['.repeat(n)}${']'.repeat(n)}`, `${inner(type)}${' + 1'.repeat(n)}`, `${'blobAsInt(intAsBlob('.repeat(n / 2)}${inner(type)}${'))'.repeat(n / 2)}`]);
    }
    switch (d.int(9)) {
      case 0: return `${inner(type)} ${d.pick(['+', '-', '*', '/', '%'])} ${inner(type)}`;
      case 1: return `(${type}) ${inner(type)}`;
      case 2: return `CAST(${inner(d.pick(['int', 'text', 'double']))} AS ${d.pick(['int', 'text', 'bigint', 'varint', 'ascii', 'float', 'decimal', 'date'])})`;
      case 3: return `blobAs${d.pick(['Int', 'Text', 'Bigint', 'Uuid', 'Boolean'])}(${inner('blob')})`;
      case 4: return `${d.pick(['int', 'text', 'bigint', 'uuid', 'boolean'])}AsBlob(${inner(d.pick(['int', 'text']))})`;
      case 5: return `fromJson(${this.jsonLiteral(type)})`;
      case 6: return d.pick(['now()', 'currentTimestamp()', 'currentDate()', 'minTimeuuid(0)', `maxTimeuuid(${inner('timestamp')})`, 'toDate(now())', 'toUnixTimestamp(now())']);
      case 7: return `- ${inner(type)}`;
      default: {
        const n = 1 + d.int(20);
        return `${'('.repeat(n)}${inner(type)}${')'.repeat(n)}`;
      }
    }
  }

  private jsonLiteral(type: string): string {
    const d = this.dice;
    const value = d.pick(['1', '"x"', 'null', '[1, 2]', '{"a": 1}', '"2024-01-01"', '1e400', `${'['.repeat(d.int(1200))}`, '"\\u0000"', 'true']);
    return `'${type === 'text' && d.chance(0.5) ? '"text"' : value}'`;
  }

  // ---- statements ----

  private relations(t: FuzzTable, allKeys: boolean): string {
    const d = this.dice;
    const parts: string[] = [];
    const keys = allKeys ? [...t.partitionKey, ...t.clustering] : [...t.partitionKey, ...t.clustering].filter(() => d.chance(0.7));
    for (const c of keys) {
      // Slices on the partition key need token(); they come rarely.
      const roll = t.partitionKey.includes(c) && d.chance(0.9) ? d.int(8) : d.int(10);
      if (roll < 6) parts.push(`${this.columnName(c)} = ${this.term(c.type)}`);
      else if (roll < 8) parts.push(`${this.columnName(c)} IN (${Array.from({ length: d.int(4) }, () => this.term(c.type)).join(', ')})`);
      else parts.push(`${this.columnName(c)} ${d.pick(['<', '<=', '>', '>=', '!='])} ${this.term(c.type)}`);
    }
    if (d.chance(0.1)) parts.push(`token(${t.partitionKey.map((c) => c.name).join(', ')}) > ${this.literal('bigint')}`);
    if (d.chance(0.15)) {
      const c = d.pick(t.regular);
      parts.push(d.chance(0.5) ? `${this.columnName(c)} = ${this.term(c.type)}` : `${this.columnName(c)} CONTAINS ${this.term('text')}`);
    }
    if (t.clustering.length > 1 && d.chance(0.1)) {
      parts.push(`(${t.clustering.map((c) => c.name).join(', ')}) > (${t.clustering.map((c) => this.term(c.type)).join(', ')})`);
    }
    if (parts.length === 0) return '';
    const joined = parts.join(' AND ');
    return ` WHERE ${d.chance(0.05) ? `(${joined})` : joined}`;
  }

  private selector(t: FuzzTable, depth = 0): string {
    const d = this.dice;
    const columns = [...t.partitionKey, ...t.clustering, ...t.regular];
    const c = d.pick(columns);
    if (depth > 3 || d.chance(0.6)) return this.columnName(c);
    switch (d.int(8)) {
      case 0: return `writetime(${c.name})`;
      case 1: return `ttl(${c.name})`;
      case 2: return `${d.pick(['count', 'max', 'min', 'sum', 'avg'])}(${this.selector(t, depth + 1)})`;
      case 3: return `CAST(${this.selector(t, depth + 1)} AS ${d.pick(['text', 'int', 'bigint', 'double', 'ascii'])})`;
      case 4: return `toJson(${this.selector(t, depth + 1)})`;
      case 5: return `${this.selector(t, depth + 1)} ${d.pick(['+', '-', '*', '/', '%'])} ${this.literal('int')}`;
      case 6: return `${c.name}${d.pick(['.street', "['a']", '[0]', "['a'..'z']"])}`;
      default: return `(${c.type}) ${this.literal(c.type)}`;
    }
  }

  private select(): string {
    const d = this.dice;
    const t = this.table();
    const selection = d.chance(0.3) ? '*' : Array.from({ length: 1 + d.int(4) }, () => {
      const s = this.selector(t);
      return d.chance(0.1) ? `${s} AS ${this.identifier()}` : s;
    }).join(', ');
    let text = `SELECT ${d.chance(0.05) ? 'DISTINCT ' : ''}${d.chance(0.05) ? 'JSON ' : ''}${selection} FROM ${this.tableName(t)}${this.relations(t, false)}`;
    if (d.chance(0.05)) text += ` GROUP BY ${t.partitionKey[0]!.name}`;
    if (t.clustering.length > 0 && d.chance(0.1)) text += ` ORDER BY ${t.clustering[0]!.name} ${d.pick(['ASC', 'DESC'])}`;
    if (d.chance(0.05)) text += ` PER PARTITION LIMIT ${this.literal('int')}`;
    if (d.chance(0.2)) text += ` LIMIT ${this.literal('int')}`;
    if (d.chance(0.3)) text += ' ALLOW FILTERING';
    return text;
  }

  private using(): string {
    const d = this.dice;
    const parts: string[] = [];
    if (d.chance(0.5)) parts.push(`TTL ${d.pick(['0', '1', '86400', '630720001', '-1', String(d.int(1000))])}`);
    if (d.chance(0.5)) parts.push(`TIMESTAMP ${this.literal('bigint')}`);
    return parts.length === 0 ? '' : ` USING ${parts.join(' AND ')}`;
  }

  private insert(): string {
    const d = this.dice;
    const t = this.table();
    if (t.counter && d.chance(0.9)) return this.update();
    if (d.chance(0.15)) return this.insertJson(t);
    const keys = [...t.partitionKey, ...t.clustering];
    const columns = [...keys.filter(() => d.chance(0.97)), ...t.regular.filter(() => d.chance(0.4))];
    const values = columns.map((c) => this.term(c.type));
    if (d.chance(0.03)) values.push(this.literal('int'));
    const ifNotExists = d.chance(0.1) ? ' IF NOT EXISTS' : '';
    return `INSERT INTO ${this.tableName(t)} (${columns.map((c) => this.columnName(c)).join(', ')}) VALUES (${values.join(', ')})${ifNotExists}${this.using()}`;
  }

  private insertJson(t: FuzzTable): string {
    const d = this.dice;
    const entries = [...t.partitionKey, ...t.clustering, ...t.regular.filter(() => d.chance(0.3))].map((c) => {
      const name = c.name.startsWith('"') ? `\\"${c.name.slice(1, -1)}\\"` : c.name;
      return `"${name}": ${d.pick(['1', '"x"', 'null', '[1, 2]', '{"a": 1}', '"2024-01-01"', '"123e4567-e89b-12d3-a456-426614174000"', '1.5', '"0x00"', 'true'])}`;
    });
    return `INSERT INTO ${this.tableName(t)} JSON '{${entries.join(', ')}}'${d.chance(0.2) ? ` DEFAULT ${d.pick(['UNSET', 'NULL'])}` : ''}`;
  }

  private assignment(t: FuzzTable): string {
    const d = this.dice;
    const c = d.pick(t.regular);
    const name = this.columnName(c);
    if (t.counter) return `${name} = ${name} ${d.pick(['+', '-'])} ${this.literal('bigint')}`;
    if (c.type.startsWith('list')) return d.pick([`${name} = ${name} + ${this.literal(c.type)}`, `${name} = ${this.literal(c.type)} + ${name}`, `${name}[${this.literal('int')}] = ${this.term('int')}`, `${name} = ${name} - ${this.literal(c.type)}`]);
    if (c.type.startsWith('set')) return d.pick([`${name} = ${name} + ${this.literal(c.type)}`, `${name} = ${name} - ${this.literal(c.type)}`]);
    if (c.type.startsWith('map')) return d.pick([`${name}[${this.literal('text')}] = ${this.term('int')}`, `${name} = ${name} + ${this.literal(c.type)}`, `${name} = ${name} - ${this.literal('set<text>')}`]);
    if (c.type === 'frozen<address>' && d.chance(0.3)) return `${name}.zip = ${this.term('int')}`;
    return `${name} = ${this.term(c.type)}`;
  }

  private update(): string {
    const d = this.dice;
    const t = this.table();
    const sets = Array.from({ length: 1 + d.int(3) }, () => this.assignment(t)).join(', ');
    let text = `UPDATE ${this.tableName(t)}${t.counter ? '' : this.using()} SET ${sets}${this.relations(t, d.chance(0.9))}`;
    if (!t.counter && d.chance(0.1)) {
      const c = d.pick(t.regular);
      text += d.chance(0.3) ? ' IF EXISTS' : ` IF ${this.columnName(c)} ${d.pick(['=', '!=', '>', 'IN'])} ${d.chance(0.5) ? this.term(c.type) : `(${this.term(c.type)})`}`;
    }
    return text;
  }

  private delete(): string {
    const d = this.dice;
    const t = this.table();
    const targets = t.regular.filter(() => d.chance(0.2)).map((c) => {
      if (c.type.startsWith('map')) return `${c.name}[${this.literal('text')}]`;
      if (c.type.startsWith('list') && d.chance(0.5)) return `${c.name}[${this.literal('int')}]`;
      return this.columnName(c);
    });
    const timestamp = d.chance(0.1) ? ` USING TIMESTAMP ${this.literal('bigint')}` : '';
    return `DELETE ${targets.join(', ')} FROM ${this.tableName(t)}${timestamp}${this.relations(t, d.chance(0.7))}${d.chance(0.05) ? ' IF EXISTS' : ''}`;
  }

  private batch(): string {
    const d = this.dice;
    const kind = d.pick(['', 'UNLOGGED ', 'COUNTER ']);
    const statements: string[] = [];
    for (let n = 1 + d.int(5); n > 0; n--) statements.push(d.pick([() => this.insert(), () => this.update(), () => this.delete()])());
    return `BEGIN ${kind}BATCH${d.chance(0.2) ? this.using() : ''} ${statements.join('; ')}; APPLY BATCH`;
  }

  private functionSelect(): string {
    const d = this.dice;
    const t = this.table();
    const args = Array.from({ length: 1 + d.int(3) }, () => this.term(d.pick(['int', 'text', 'blob', 'timestamp', 'bigint'])));
    return `SELECT ${d.pick(['token', 'blobAsInt', 'intAsBlob', 'toJson', 'fromJson', 'now', 'unknownFn', 'system.toTimestamp', 'writetime'])}(${args.join(', ')}) FROM ${this.tableName(t)}${this.relations(t, false)}`;
  }

  /** DDL on throw-away tables and types only, so that the fixed schema stays as it is. */
  private ddl(): string {
    const d = this.dice;
    const table = `${FUZZ_KEYSPACE}.scratch${d.int(3)}`;
    const type = `${FUZZ_KEYSPACE}.scratch_type${d.int(2)}`;
    const columnType = (): string => d.pick(['int', 'text', 'list<int>', 'frozen<map<text, int>>', 'set<frozen<tuple<int, text>>>', 'blob', 'counter', 'duration', 'frozen<address>', `frozen<${type.split('.')[1]!}>`, 'vector<float, 3>', 'map<text, list<int>>', "'org.apache.cassandra.db.marshal.Int32Type'", 'frozen<list<frozen<list<int>>>>', 'varchar', 'ascii', 'unknowntype']);
    switch (d.int(8)) {
      case 0: case 1: {
        const cols = Array.from({ length: d.int(4) }, (_, i) => `c${i} ${columnType()}`);
        const options = d.chance(0.3) ? ` WITH ${d.pick(["comment = 'x'", 'gc_grace_seconds = -1', "compaction = {'class': 'LeveledCompactionStrategy'}", 'default_time_to_live = 10', 'CLUSTERING ORDER BY (c0 DESC)', "caching = {'keys': 'ALL'}", 'bogus = 1'])}` : '';
        return `CREATE TABLE ${d.chance(0.8) ? 'IF NOT EXISTS ' : ''}${table} (k ${columnType()}${cols.map((c) => `, ${c}`).join('')}, PRIMARY KEY (k${cols.length > 0 && d.chance(0.5) ? ', c0' : ''}))${options}`;
      }
      case 2: return `ALTER TABLE ${table} ${d.pick([`ADD c${d.int(6)} ${columnType()}`, `DROP c${d.int(6)}`, "WITH comment = 'y'", `RENAME k TO k${d.int(3)}`, `ADD (c${d.int(6)} int, c${d.int(6)} text)`])}`;
      case 3: return `DROP TABLE ${d.chance(0.8) ? 'IF EXISTS ' : ''}${table}`;
      case 4: return `CREATE TYPE ${d.chance(0.8) ? 'IF NOT EXISTS ' : ''}${type} (f0 ${columnType()}${d.chance(0.5) ? `, f1 ${columnType()}` : ''})`;
      case 5: return `DROP TYPE ${d.chance(0.8) ? 'IF EXISTS ' : ''}${type}`;
      case 6: return `CREATE INDEX ${d.chance(0.8) ? 'IF NOT EXISTS ' : ''}ON ${table} (${d.pick(['k', 'c0', 'c1', 'keys(c0)', 'values(c1)', 'full(c0)', 'entries(c1)'])})`;
      default: return `TRUNCATE ${table}`;
    }
  }
}

/** The type arguments of a collection type's text, split at top-level commas. */
function splitTypes(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (ch === '<') depth++;
    else if (ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

/** Tokens of a statement as the mutator sees them: strings, quoted names, words, numbers, symbols, blanks. */
function tokens(text: string): string[] {
  return text.match(/'(?:[^']|'')*'|"(?:[^"]|"")*"|[A-Za-z_][A-Za-z0-9_]*|[0-9][0-9a-fA-FxX.eE+-]*|\s+|\.\.|[<>!]=|[^\sA-Za-z0-9_]/g) ?? [];
}

/**
 * Bends a statement the way a careless client or a person at a prompt would: deletes, duplicates, swaps
 * or replaces tokens, inserts random characters (quotes, brackets, unicode, NUL), cuts it short, or
 * repeats it.
 */
export function mutateStatement(dice: Dice, text: string): string {
  let parts = tokens(text);
  for (let n = 1 + dice.int(3); n > 0; n--) {
    if (parts.length === 0) parts = [''];
    const i = dice.int(parts.length);
    switch (dice.int(8)) {
      case 0: parts.splice(i, 1); break;
      case 1: parts.splice(i, 0, parts[i]!); break;
      case 2: {
        const j = dice.int(parts.length);
        [parts[i], parts[j]] = [parts[j]!, parts[i]!];
        break;
      }
      case 3: parts[i] = dice.pick(KEYWORDS); break;
      case 4: parts[i] = dice.pick(PUNCTUATION); break;
      case 5: parts.splice(i, 0, randomCharacters(dice)); break;
      case 6: parts = parts.slice(0, i); break;
      default: parts.splice(i, 0, ' ', dice.pick([...KEYWORDS, ...PUNCTUATION]), ' '); break;
    }
  }
  return parts.join('');
}

function randomCharacters(dice: Dice): string {
  let out = '';
  for (let n = 1 + dice.int(4); n > 0; n--) {
    out += dice.pick(["'", '"', '(', ')', '[', ']', '{', '}', '$', '$$', '\\', '\u0000', '\ud800', '🙂', '-', '/*', '*/', '--', ';', '?', ':', '.', '0x', 'é', '\r\n']);
  }
  return out;
}
