import { INTERNAL_REQUEST } from '../../../common/index.js';
import { ConsistencyLevel, InvalidRequestError } from '../../../errors/index.js';
import type { Schema, TableMetadata, ViewRestriction } from '../../../schema/index.js';
import { termText, type Relation, type Term } from '../../ast/index.js';
import type { ExecutionContext, QueryOptions } from '../query-options.js';
import { StatementRestrictions } from '../restrictions/statement-restrictions.js';
import { columnSpec, existingColumn, quoteIfNeeded } from '../table-columns.js';
import { BindSpecifications, prepareTerm } from '../term-preparer.js';

/** A view's WHERE clause, prepared against its base table (CreateViewStatement's WHERE processing). */
export interface ViewWhere {
  /** Columns restricted at all: by IS NOT NULL or by another relation. */
  readonly restricted: ReadonlySet<string>;
  /** Columns outside the base primary key restricted by something other than IS NOT NULL. */
  readonly illegallyRestricted: readonly string[];
  readonly filter: readonly ViewRestriction[];
  /** WhereClause.toCQLString. */
  readonly text: string;
}

const FILTER_OPERATORS: ReadonlySet<string> = new Set(['=', '<', '<=', '>', '>=', 'IN']);

export function prepareViewWhere(base: TableMetadata, where: readonly Relation[], schema: Schema, nowMicros: bigint): ViewWhere {
  if (where.some((r) => r.target.kind === 'token')) {
    throw new InvalidRequestError('Cannot use token relation when defining a materialized view');
  }
  const notNull = where.filter((r) => r.operator === 'IS NOT');
  const others = where.filter((r) => r.operator !== 'IS NOT');
  const binds = new BindSpecifications(schema);
  // Its checks are the ones a view's relations go through (StatementRestrictions with allowFiltering, forView).
  new StatementRestrictions(base, others, binds, true);
  const restricted = new Set<string>();
  for (const r of notNull) restricted.add(existingColumn(base, (r.target as { name: string }).name).name);
  const illegal: string[] = [];
  const filter: ViewRestriction[] = [];
  for (const r of others) {
    const names = r.target.kind === 'tuple' ? r.target.names : [(r.target as { name: string }).name];
    for (const name of names) {
      restricted.add(name);
      const kind = existingColumn(base, name).kind;
      if ((kind === 'regular' || kind === 'static') && !illegal.includes(name)) illegal.push(name);
    }
    if (r.target.kind === 'column' && FILTER_OPERATORS.has(r.operator)) filter.push(restriction(base, r, binds, nowMicros));
    else if (illegal.length === 0) {
      throw new InvalidRequestError(`Cassanova does not support the relation ${relationCql(r)} in a materialized view's WHERE clause`);
    }
  }
  return { restricted, illegallyRestricted: illegal, filter, text: where.map(relationCql).join(' AND ') };
}

function restriction(base: TableMetadata, r: Relation, binds: BindSpecifications, nowMicros: bigint): ViewRestriction {
  const column = existingColumn(base, (r.target as { name: string }).name);
  const spec = columnSpec(base, column);
  const ctx = constantContext(nowMicros);
  const valueOf = (term: Term): Buffer => {
    const value = prepareTerm(term, spec, binds)(NO_OPTIONS, ctx);
    if (!Buffer.isBuffer(value)) throw new InvalidRequestError(`Invalid null value for column ${column.name}`);
    return value;
  };
  const value = r.value;
  const values = value.kind === 'inList' ? value.items.map(valueOf) : [valueOf(value)];
  return { column: column.name, operator: r.operator as ViewRestriction['operator'], values };
}

/** A relation as WhereClause.toCQLString writes it: quoted names, literals as written, IN lists in parentheses. */
function relationCql(r: Relation): string {
  const t = r.target;
  const entity = t.kind === 'column' ? quoteIfNeeded(t.name)
    : t.kind === 'tuple' ? `(${t.names.map(quoteIfNeeded).join(', ')})`
      : t.kind === 'mapEntry' ? `${quoteIfNeeded(t.name)}[${termText(t.key)}]`
        : `token(${t.names.map(quoteIfNeeded).join(', ')})`;
  if (r.operator === 'IS NOT') return `${entity} IS NOT NULL`;
  const value = r.value;
  return value.kind === 'inList' ? `${entity} IN (${value.items.map(termText).join(', ')})` : `${entity} ${r.operator} ${termText(value)}`;
}


const NO_OPTIONS: QueryOptions = {
  consistency: ConsistencyLevel.ONE, serialConsistency: null, values: [], pageSize: -1, pagingState: null,
  timestamp: null, nowInSeconds: null, keyspace: null, protocolVersion: 5,
};

/** The literals of a view's WHERE clause are evaluated once, when the view is created. */
function constantContext(nowMicros: bigint): ExecutionContext {
  const refuse = (): never => {
    throw new InvalidRequestError('Only literal values are supported in a materialized view\'s WHERE clause');
  };
  return {
    request: INTERNAL_REQUEST, nowMicros, nowInSec: Number(nowMicros / 1_000_000n),
    newTimeUuid: refuse, newRandomUuid: refuse, tokenOf: refuse,
  };
}
