/**
 * CREATE / ALTER / DROP KEYSPACE.
 */
import type { AlterKeyspaceStatement, CreateKeyspaceStatement, DropKeyspaceStatement } from '../ast/index.js';
import { ifExists, ifNotExists } from './existence.js';
import { keyspaceName } from './identifiers.js';
import type { Parser } from './parser.js';
import { properties } from './properties.js';

/** KEYSPACE, or its synonym SCHEMA. */
function keyspaceKeyword(p: Parser): void {
  if (!p.accept('K_SCHEMA')) p.expect('K_KEYSPACE');
}

export function createKeyspaceStatement(p: Parser): CreateKeyspaceStatement {
  p.expect('K_CREATE');
  keyspaceKeyword(p);
  const notExists = ifNotExists(p);
  const keyspace = keyspaceName(p);
  p.expect('K_WITH');
  return { kind: 'createKeyspace', keyspace, ifNotExists: notExists, properties: properties(p) };
}

export function alterKeyspaceStatement(p: Parser): AlterKeyspaceStatement {
  p.expect('K_ALTER');
  keyspaceKeyword(p);
  const exists = ifExists(p);
  const keyspace = keyspaceName(p);
  p.expect('K_WITH');
  return { kind: 'alterKeyspace', keyspace, ifExists: exists, properties: properties(p) };
}

export function dropKeyspaceStatement(p: Parser): DropKeyspaceStatement {
  p.expect('K_DROP');
  keyspaceKeyword(p);
  const exists = ifExists(p);
  return { kind: 'dropKeyspace', keyspace: keyspaceName(p), ifExists: exists };
}
