/**
 * CREATE [CUSTOM] INDEX and DROP INDEX.
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { CreateIndexStatement, DropIndexStatement, Properties } from '../ast/index.js';
import { ifExists, ifNotExists } from './existence.js';
import { cident, ident, isIdentifier, qualifiedName } from './identifiers.js';
import type { TokenType } from '../lexer/token.js';
import type { Parser } from './parser.js';
import { properties } from './properties.js';

type IndexTarget = CreateIndexStatement['target'];

export function createIndexStatement(p: Parser): CreateIndexStatement {
  p.expect('K_CREATE');
  const custom = p.accept('K_CUSTOM');
  p.expect('K_INDEX');
  const notExists = ifNotExists(p);
  let name: string | null = null;
  if (p.is('QMARK')) {
    p.consume();
    p.recognitionError('Bind variables cannot be used for index names');
  }
  if (isIdentifier(p.type())) name = ident(p);
  p.expect('K_ON');
  const table = qualifiedName(p);
  p.expect("'('");
  const targets: IndexTarget[] = [];
  if (!p.is("')'")) {
    do targets.push(indexTarget(p)); while (p.accept("','"));
  }
  p.expect("')'");
  const using = p.accept('K_USING') ? p.text(p.expect('STRING_LITERAL')) : null;
  const props: Properties = p.accept('K_WITH') ? properties(p) : { entries: [] };
  const target = singleTarget(targets, custom);
  return { kind: 'createIndex', table, name, ifNotExists: notExists, target, using, properties: props, custom };
}

const TARGET_WRAPPERS: Partial<Record<TokenType, IndexTarget['type']>> = {
  K_VALUES: 'values', K_KEYS: 'keys', K_ENTRIES: 'entries', K_FULL: 'full',
};

/** indexIdent: `c`, `values(c)`, `keys(c)`, `entries(c)` or `full(c)`; values and keys may also name a column. */
function indexTarget(p: Parser): IndexTarget {
  const wrapper = TARGET_WRAPPERS[p.type()];
  if (wrapper === undefined || ((wrapper === 'values' || wrapper === 'keys') && !p.is("'('", 2))) {
    return { column: cident(p), type: 'simple' };
  }
  p.consume();
  p.expect("'('");
  const column = cident(p);
  p.expect("')'");
  return { column, type: wrapper };
}

/** Cassandra's CreateIndexStatement rules on the number of targets; the AST holds exactly one. */
function singleTarget(targets: readonly IndexTarget[], custom: boolean): IndexTarget {
  const [first] = targets;
  if (first === undefined && !custom) {
    throw new InvalidRequestError('Only CUSTOM indexes can be created without specifying a target column');
  }
  if (targets.length > 1 && !custom) throw new InvalidRequestError('Only CUSTOM indexes support multiple columns');
  if (first === undefined || targets.length > 1) {
    throw new InvalidRequestError('CUSTOM indexes on zero or several columns are not supported in Cassanova');
  }
  return first;
}

export function dropIndexStatement(p: Parser): DropIndexStatement {
  p.expect('K_DROP');
  p.expect('K_INDEX');
  const exists = ifExists(p);
  return { kind: 'dropIndex', index: qualifiedName(p, 'index'), ifExists: exists };
}
