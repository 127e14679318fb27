import type { BindMarker, SourcePosition, Term } from './term.js';
import type { FunctionSchemaStatement } from './function-statements.js';
import type { RoleStatement } from './role-statements.js';

/**
 * The raw statement AST. Identifiers are already case-folded: unquoted ones lower-cased, quoted ones
 * kept as written. Names are optional-keyspace qualified.
 */
export interface QualifiedName {
  readonly keyspace: string | null;
  readonly name: string;
}

export type Operator = '=' | '<' | '<=' | '>' | '>=' | '!=' | 'IN' | 'CONTAINS' | 'CONTAINS KEY' | 'LIKE' | 'IS NOT';

/** The left side of a WHERE relation. */
export type RelationTarget =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'tuple'; readonly names: readonly string[] }   // (c1, c2) > (1, 2)
  | { readonly kind: 'token'; readonly names: readonly string[] }   // token(k1, k2) > ?
  | { readonly kind: 'mapEntry'; readonly name: string; readonly key: Term }; // m['k'] = ?

export interface Relation {
  readonly target: RelationTarget;
  readonly operator: Operator;
  /** For IN: a list of terms, or a single bind marker standing for the whole list (`IN ?`). */
  readonly value: Term | { readonly kind: 'inList'; readonly items: readonly Term[] };
}

/**
 * A selector in SELECT: column, function, writetime/ttl, cast, count(*), with optional alias.
 * Arithmetic and negation are `function` selectors named `_add`, `_substract`, `_multiply`, `_divide`,
 * `_modulo` and `_negate`, as in Cassandra.
 */
export type Selector =
  | { readonly kind: 'column'; readonly name: string }
  | { readonly kind: 'writetime' | 'ttl' | 'maxwritetime'; readonly column: string }
  | { readonly kind: 'function'; readonly name: string; readonly args: readonly Selector[] }
  | { readonly kind: 'countStar' }                                   // count(*) / count(1)
  | { readonly kind: 'cast'; readonly selector: Selector; readonly type: string }
  | { readonly kind: 'term'; readonly term: Term }                   // literal or bind marker in a selection
  | { readonly kind: 'parenthesized'; readonly selector: Selector }  // (a + b): named with its parentheses
  | { readonly kind: 'typeHint'; readonly type: string; readonly selector: Selector } // (int)(a + b); on terms, a 'cast' term
  | { readonly kind: 'field'; readonly selector: Selector; readonly field: string } // udtcol.field
  | { readonly kind: 'element'; readonly selector: Selector; readonly key: Term }   // m['k'], l[0] (4.0+)
  | { readonly kind: 'slice'; readonly selector: Selector; readonly from: Term | null; readonly to: Term | null }; // s[a..b] (4.0+)

export interface SelectClause {
  readonly selector: Selector;
  readonly alias: string | null;
}

export interface SelectStatement {
  readonly kind: 'select';
  readonly table: QualifiedName;
  readonly json: boolean;
  readonly distinct: boolean;
  /** null means `*`. */
  readonly selection: readonly SelectClause[] | null;
  readonly where: readonly Relation[];
  readonly groupBy: readonly string[];
  readonly orderBy: readonly { readonly column: string; readonly descending: boolean }[];
  readonly perPartitionLimit: Term | null;
  readonly limit: Term | null;
  readonly allowFiltering: boolean;
}

export interface UsingClause {
  readonly ttl: Term | null;
  readonly timestamp: Term | null;
}

export interface InsertStatement {
  readonly kind: 'insert';
  readonly table: QualifiedName;
  readonly columns: readonly string[];
  /** VALUES terms, one per column; null when the statement is INSERT … JSON. */
  readonly values: readonly Term[] | null;
  readonly json: Term | null;
  readonly jsonDefaultUnset: boolean;
  readonly ifNotExists: boolean;
  readonly using: UsingClause;
}

/** An assignment in UPDATE SET. */
export type Assignment =
  | { readonly kind: 'set'; readonly column: string; readonly value: Term }                     // c = v
  | { readonly kind: 'setElement'; readonly column: string; readonly key: Term; readonly value: Term } // c[k] = v
  | { readonly kind: 'setField'; readonly column: string; readonly field: string; readonly value: Term } // c.f = v
  | { readonly kind: 'add'; readonly column: string; readonly value: Term }                     // c = c + v
  | { readonly kind: 'prepend'; readonly column: string; readonly value: Term }                 // c = v + c
  | { readonly kind: 'subtract'; readonly column: string; readonly value: Term };               // c = c - v

/** An IF condition of a conditional update or delete. */
export interface Condition {
  readonly column: string;
  /** Element access (`c[k]`) or field access (`c.f`) on the column, if any. */
  readonly element: Term | null;
  readonly field: string | null;
  readonly operator: Operator;
  readonly value: Term | { readonly kind: 'inList'; readonly items: readonly Term[] };
}

export type Conditions =
  | { readonly kind: 'none' }
  | { readonly kind: 'exists' }      // IF EXISTS
  | { readonly kind: 'columns'; readonly conditions: readonly Condition[] };

export interface UpdateStatement {
  readonly kind: 'update';
  readonly table: QualifiedName;
  readonly using: UsingClause;
  readonly assignments: readonly Assignment[];
  readonly where: readonly Relation[];
  readonly conditions: Conditions;
}

/** A DELETE target: whole column, a collection element (`c[k]`) or a UDT field (`c.f`). */
export interface Deletion {
  readonly column: string;
  readonly element: Term | null;
  readonly field: string | null;
}

export interface DeleteStatement {
  readonly kind: 'delete';
  readonly table: QualifiedName;
  readonly columns: readonly Deletion[];
  readonly timestamp: Term | null;
  readonly where: readonly Relation[];
  readonly conditions: Conditions;
}

export type ModificationStatement = InsertStatement | UpdateStatement | DeleteStatement;

export interface BatchStatement {
  readonly kind: 'batch';
  readonly type: 'LOGGED' | 'UNLOGGED' | 'COUNTER';
  readonly using: UsingClause;
  readonly statements: readonly ModificationStatement[];
}

export interface UseStatement {
  readonly kind: 'use';
  readonly keyspace: string;
}

export interface TruncateStatement {
  readonly kind: 'truncate';
  readonly table: QualifiedName;
}

/** WITH options: `replication = {...}`, `comment = 'x'`, `compaction = {...}`, `durable_writes = false`. */
export type OptionValue =
  | { readonly kind: 'constant'; readonly text: string; readonly quoted: boolean }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [string, string])[] };

export interface Properties {
  readonly entries: readonly (readonly [string, OptionValue])[];
}

export interface CreateKeyspaceStatement {
  readonly kind: 'createKeyspace';
  readonly keyspace: string;
  readonly ifNotExists: boolean;
  readonly properties: Properties;
}

export interface AlterKeyspaceStatement {
  readonly kind: 'alterKeyspace';
  readonly keyspace: string;
  readonly ifExists: boolean;
  readonly properties: Properties;
}

export interface DropKeyspaceStatement {
  readonly kind: 'dropKeyspace';
  readonly keyspace: string;
  readonly ifExists: boolean;
}

export interface ColumnDefinition {
  readonly name: string;
  /** The type as written, e.g. `frozen<map<text, int>>`; resolved against the keyspace's user types. */
  readonly type: string;
  readonly isStatic: boolean;
  readonly isPrimaryKey: boolean; // `k int PRIMARY KEY`
}

export interface CreateTableStatement {
  readonly kind: 'createTable';
  readonly table: QualifiedName;
  readonly ifNotExists: boolean;
  readonly columns: readonly ColumnDefinition[];
  /** Partition key columns (one or more) and clustering columns, from PRIMARY KEY ((a, b), c, d). */
  readonly partitionKey: readonly string[];
  readonly clusteringColumns: readonly string[];
  readonly clusteringOrder: readonly { readonly column: string; readonly descending: boolean }[];
  readonly compactStorage: boolean;
  readonly properties: Properties;
}

export type AlterTableOperation =
  | { readonly kind: 'add'; readonly columns: readonly ColumnDefinition[]; readonly ifNotExists: boolean }
  | { readonly kind: 'drop'; readonly columns: readonly string[]; readonly ifExists: boolean; readonly timestamp: Term | null }
  | { readonly kind: 'rename'; readonly renames: readonly (readonly [string, string])[]; readonly ifExists: boolean }
  | { readonly kind: 'alterType'; readonly column: string; readonly type: string }
  | { readonly kind: 'with'; readonly properties: Properties }
  | { readonly kind: 'dropCompactStorage' };

export interface AlterTableStatement {
  readonly kind: 'alterTable';
  readonly table: QualifiedName;
  readonly ifExists: boolean;
  readonly operation: AlterTableOperation;
}

export interface DropTableStatement {
  readonly kind: 'dropTable';
  readonly table: QualifiedName;
  readonly ifExists: boolean;
}

/** CREATE MATERIALIZED VIEW (Cassandra's CreateViewStatement.Raw). */
export interface CreateViewStatement {
  readonly kind: 'createView';
  readonly view: QualifiedName;
  readonly baseTable: QualifiedName;
  readonly ifNotExists: boolean;
  /** null means `*`. */
  readonly selection: readonly SelectClause[] | null;
  readonly where: readonly Relation[];
  readonly partitionKey: readonly string[];
  readonly clusteringColumns: readonly string[];
  /** CLUSTERING ORDER BY, in the order written; a column ordered twice is refused while parsing. */
  readonly clusteringOrder: readonly { readonly column: string; readonly descending: boolean }[];
  readonly properties: Properties;
  /** Bind markers are refused when the statement is prepared, after the keyspace check. */
  readonly hasBindMarkers: boolean;
}

export interface AlterViewStatement {
  readonly kind: 'alterView';
  readonly view: QualifiedName;
  readonly ifExists: boolean;
  readonly properties: Properties;
}

export interface DropViewStatement {
  readonly kind: 'dropView';
  readonly view: QualifiedName;
  readonly ifExists: boolean;
}

export interface CreateTypeStatement {
  readonly kind: 'createType';
  readonly type: QualifiedName;
  readonly ifNotExists: boolean;
  readonly fields: readonly { readonly name: string; readonly type: string }[];
}

export type AlterTypeOperation =
  | { readonly kind: 'add'; readonly field: string; readonly type: string; readonly ifNotExists: boolean }
  | { readonly kind: 'rename'; readonly renames: readonly (readonly [string, string])[]; readonly ifExists: boolean };

export interface AlterTypeStatement {
  readonly kind: 'alterType';
  readonly type: QualifiedName;
  readonly ifExists: boolean;
  readonly operation: AlterTypeOperation;
}

export interface DropTypeStatement {
  readonly kind: 'dropType';
  readonly type: QualifiedName;
  readonly ifExists: boolean;
}

export interface CreateIndexStatement {
  readonly kind: 'createIndex';
  readonly table: QualifiedName;
  readonly name: string | null;
  readonly ifNotExists: boolean;
  /** `values(c)`, `keys(m)`, `entries(m)`, `full(c)` or plain column (`values`). */
  readonly target: { readonly column: string; readonly type: 'values' | 'keys' | 'entries' | 'full' | 'simple' };
  readonly using: string | null;
  readonly properties: Properties;
  /** CREATE CUSTOM INDEX: IndexAttributes.isCustom, checked against `using` when the statement is prepared. */
  readonly custom: boolean;
}

export interface DropIndexStatement {
  readonly kind: 'dropIndex';
  readonly index: QualifiedName;
  readonly ifExists: boolean;
}

/** Server-side DESCRIBE (Cassandra 4.0+). */
export type DescribeStatement =
  | { readonly kind: 'describe'; readonly target: 'cluster' }
  | { readonly kind: 'describe'; readonly target: 'keyspaces' | 'tables' | 'types' | 'functions' | 'aggregates'; readonly only: false }
  | { readonly kind: 'describe'; readonly target: 'schema'; readonly full: boolean; readonly withInternals: boolean }
  | { readonly kind: 'describe'; readonly target: 'keyspace'; readonly keyspace: string | null; readonly only: boolean; readonly withInternals: boolean }
  | { readonly kind: 'describe'; readonly target: 'table' | 'type' | 'index' | 'materializedView' | 'function' | 'aggregate'; readonly name: QualifiedName; readonly withInternals: boolean }
  | { readonly kind: 'describe'; readonly target: 'generic'; readonly name: QualifiedName; readonly withInternals: boolean }; // DESCRIBE ks or ks.t

export type Statement =
  | SelectStatement | InsertStatement | UpdateStatement | DeleteStatement | BatchStatement
  | UseStatement | TruncateStatement
  | CreateKeyspaceStatement | AlterKeyspaceStatement | DropKeyspaceStatement
  | CreateTableStatement | AlterTableStatement | DropTableStatement
  | CreateTypeStatement | AlterTypeStatement | DropTypeStatement
  | CreateIndexStatement | DropIndexStatement
  | CreateViewStatement | AlterViewStatement | DropViewStatement
  | FunctionSchemaStatement
  | RoleStatement
  | DescribeStatement;

/** What parse() returns: the statement and its bind markers in order (names for `:name` markers). */
export interface ParsedStatement {
  readonly statement: Statement;
  readonly bindMarkers: readonly BindMarker[];
  readonly source: string;
}

export type { SourcePosition };
