/**
 * Server-side DESCRIBE / DESC, in every form Cassandra 4.1 accepts (Parser.g's describeStatement).
 */
import type { DescribeStatement, QualifiedName } from '../ast/index.js';
import type { TokenType } from '../lexer/token.js';
import { ident, isIdentifier, keyspaceName, qualifiedFunctionName, qualifiedName, userTypeName } from './identifiers.js';
import type { Parser } from './parser.js';

type Listing = 'keyspaces' | 'tables' | 'types' | 'functions' | 'aggregates';

const LISTINGS: Partial<Record<TokenType, Listing>> = {
  K_KEYSPACES: 'keyspaces', K_TABLES: 'tables', K_TYPES: 'types', K_FUNCTIONS: 'functions', K_AGGREGATES: 'aggregates',
};

export function describeStatement(p: Parser): DescribeStatement {
  if (!p.accept('K_DESC')) p.expect('K_DESCRIBE');
  const statement = describeTarget(p);
  if (!p.accept('K_WITH')) return statement;
  p.expect('K_INTERNALS');
  // Listings accept WITH INTERNALS too, and ignore it.
  switch (statement.target) {
    case 'cluster': case 'keyspaces': case 'tables': case 'types': case 'functions': case 'aggregates':
      return statement;
    default:
      return { ...statement, withInternals: true };
  }
}

function describeTarget(p: Parser): DescribeStatement {
  const type = p.type();
  const listing = LISTINGS[type];
  if (listing !== undefined) {
    p.consume();
    return { kind: 'describe', target: listing, only: false };
  }
  switch (type) {
    case 'K_CLUSTER':
      p.consume();
      return { kind: 'describe', target: 'cluster' };
    case 'K_FULL':
      p.consume();
      p.expect('K_SCHEMA');
      return { kind: 'describe', target: 'schema', full: true, withInternals: false };
    case 'K_SCHEMA':
      p.consume();
      return { kind: 'describe', target: 'schema', full: false, withInternals: false };
    case 'K_KEYSPACE':
      return describeKeyspace(p, false);
    case 'K_COLUMNFAMILY':
      p.consume();
      return named('table', qualifiedName(p));
    case 'K_INDEX':
      p.consume();
      return named('index', qualifiedName(p));
    case 'K_MATERIALIZED':
      p.consume();
      p.expect('K_VIEW');
      return named('materializedView', qualifiedName(p));
    default:
      break;
  }
  // ONLY, TYPE, FUNCTION and AGGREGATE are unreserved: alone they name a keyspace or table.
  if (type === 'K_ONLY' && p.is('K_KEYSPACE', 2)) {
    p.consume();
    return describeKeyspace(p, true);
  }
  if (!endsName(p.type(2))) {
    if (type === 'K_TYPE') {
      p.consume();
      return named('type', userTypeName(p));
    }
    if (type === 'K_FUNCTION' || type === 'K_AGGREGATE') {
      p.consume();
      return named(type === 'K_FUNCTION' ? 'function' : 'aggregate', qualifiedFunctionName(p));
    }
  }
  return named('generic', genericName(p));
}

/** Whether a token cannot continue a DESCRIBE TYPE/FUNCTION/AGGREGATE with a name. */
function endsName(type: TokenType): boolean {
  return type === "'.'" || type === 'EOF' || type === "';'" || type === 'K_WITH';
}

function describeKeyspace(p: Parser, only: boolean): DescribeStatement {
  p.expect('K_KEYSPACE');
  const keyspace = p.is('QMARK') || isIdentifier(p.type()) ? keyspaceName(p) : null;
  return { kind: 'describe', target: 'keyspace', keyspace, only, withInternals: false };
}

function named(
  target: 'table' | 'type' | 'index' | 'materializedView' | 'function' | 'aggregate' | 'generic', name: QualifiedName,
): DescribeStatement {
  return { kind: 'describe', target, name, withInternals: false };
}

/** `name` or `keyspace.name`: what a bare DESCRIBE names is decided against the schema. */
function genericName(p: Parser): QualifiedName {
  if (!isIdentifier(p.type())) p.noViable();
  const first = ident(p);
  if (!p.accept("'.'")) return { keyspace: null, name: first };
  return { keyspace: first, name: ident(p) };
}
