/**
 * ALTER TABLE: ADD, DROP, DROP COMPACT STORAGE, RENAME, ALTER ... TYPE and WITH (Parser.g's alterTableStatement).
 */
import type { AlterTableOperation, AlterTableStatement, ColumnDefinition, Term } from '../ast/index.js';
import { columnDefinition } from './ddl-table.js';
import { ifExists, ifNotExists } from './existence.js';
import { cident, ident, qualifiedName } from './identifiers.js';
import type { Parser } from './parser.js';
import { properties } from './properties.js';
import { comparatorType } from './types.js';

export function alterTableStatement(p: Parser): AlterTableStatement {
  p.expect('K_ALTER');
  p.expect('K_COLUMNFAMILY');
  const exists = ifExists(p);
  const table = qualifiedName(p);
  return { kind: 'alterTable', table, ifExists: exists, operation: operation(p) };
}

function operation(p: Parser): AlterTableOperation {
  switch (p.type()) {
    case 'K_ALTER': {
      p.consume();
      const column = cident(p);
      p.expect('K_TYPE');
      return { kind: 'alterType', column, type: comparatorType(p) };
    }
    case 'K_ADD': {
      p.consume();
      const notExists = ifNotExists(p);
      return { kind: 'add', columns: parenthesisedOrSingle(p, columnDefinition), ifNotExists: notExists };
    }
    case 'K_DROP': {
      p.consume();
      if (p.is('K_COMPACT') && p.is('K_STORAGE', 2)) {
        p.consume();
        p.consume();
        return { kind: 'dropCompactStorage' };
      }
      const exists = ifExists(p);
      const columns = parenthesisedOrSingle(p, ident);
      let timestamp: Term | null = null;
      if (p.accept('K_USING')) {
        p.expect('K_TIMESTAMP');
        timestamp = { kind: 'constant', value: { kind: 'integer', text: p.text(p.expect('INTEGER')) } };
      }
      return { kind: 'drop', columns, ifExists: exists, timestamp };
    }
    case 'K_RENAME': {
      p.consume();
      const exists = ifExists(p);
      const renames: (readonly [string, string])[] = [];
      do {
        const from = ident(p);
        p.expect('K_TO');
        renames.push([from, ident(p)]);
      } while (p.accept('K_AND'));
      return { kind: 'rename', renames, ifExists: exists };
    }
    case 'K_WITH':
      p.consume();
      return { kind: 'with', properties: properties(p) };
    default:
      return p.noViable();
  }
}

/** `item` or `(item, item, ...)`. */
function parenthesisedOrSingle<T extends ColumnDefinition | string>(p: Parser, item: (p: Parser) => T): T[] {
  if (!p.accept("'('")) return [item(p)];
  const items = [item(p)];
  while (p.accept("','")) items.push(item(p));
  p.expect("')'");
  return items;
}
