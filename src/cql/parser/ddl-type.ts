/**
 * CREATE / ALTER / DROP TYPE (user-defined types).
 */
import { InvalidRequestError } from '../../errors/index.js';
import type { AlterTypeOperation, AlterTypeStatement, CreateTypeStatement, DropTypeStatement } from '../ast/index.js';
import { ifExists, ifNotExists } from './existence.js';
import { ident, userTypeName } from './identifiers.js';
import type { Parser } from './parser.js';
import { comparatorType } from './types.js';

export function createTypeStatement(p: Parser): CreateTypeStatement {
  p.expect('K_CREATE');
  p.expect('K_TYPE');
  const notExists = ifNotExists(p);
  const type = userTypeName(p);
  p.expect("'('");
  const fields = [field(p)];
  while (p.accept("','")) {
    if (!p.is("')'")) fields.push(field(p));
  }
  p.expect("')'");
  return { kind: 'createType', type, ifNotExists: notExists, fields };
}

function field(p: Parser): { name: string; type: string } {
  const name = ident(p);
  return { name, type: comparatorType(p) };
}

export function alterTypeStatement(p: Parser): AlterTypeStatement {
  p.expect('K_ALTER');
  p.expect('K_TYPE');
  const exists = ifExists(p);
  const type = userTypeName(p);
  return { kind: 'alterType', type, ifExists: exists, operation: alterTypeOperation(p) };
}

function alterTypeOperation(p: Parser): AlterTypeOperation {
  switch (p.type()) {
    case 'K_ADD': {
      p.consume();
      const notExists = ifNotExists(p);
      const added = field(p);
      return { kind: 'add', field: added.name, type: added.type, ifNotExists: notExists };
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
    case 'K_ALTER':
      // Still in the grammar, refused by every Cassandra since 3.x whatever the types.
      p.consume();
      ident(p);
      p.expect('K_TYPE');
      comparatorType(p);
      throw new InvalidRequestError('Altering field types is no longer supported');
    default:
      return p.noViable();
  }
}

export function dropTypeStatement(p: Parser): DropTypeStatement {
  p.expect('K_DROP');
  p.expect('K_TYPE');
  const exists = ifExists(p);
  return { kind: 'dropType', type: userTypeName(p), ifExists: exists };
}
