/**
 * CREATE [OR REPLACE] FUNCTION / AGGREGATE and DROP FUNCTION / AGGREGATE (Cql.g). REPLACE, CALLED,
 * RETURNS, INPUT, LANGUAGE, SFUNC, STYPE, FINALFUNC and INITCOND are unreserved words the lexer gives
 * as identifiers; they are matched by their text.
 */
import type {
  CreateAggregateStatement, CreateFunctionStatement, DropAggregateStatement, DropFunctionStatement, QualifiedName,
} from '../ast/index.js';
import { ifExists, ifNotExists } from './existence.js';
import { ident, qualifiedFunctionName } from './identifiers.js';
import type { Parser } from './parser.js';
import { term } from './terms.js';
import { comparatorType } from './types.js';

/** Whether the k-th token is the unreserved word `word` (upper case). */
export function isWord(p: Parser, word: string, k = 1): boolean {
  return p.is('IDENT', k) && p.text(p.la(k)).toUpperCase() === word;
}

function expectWord(p: Parser, word: string): void {
  if (!isWord(p, word)) p.noViable();
  p.consume();
}

function acceptWord(p: Parser, word: string): boolean {
  if (!isWord(p, word)) return false;
  p.consume();
  return true;
}

/** `CREATE [OR REPLACE]`: whether OR REPLACE was given. */
function createOrReplace(p: Parser): boolean {
  p.expect('K_CREATE');
  if (!p.accept('K_OR')) return false;
  expectWord(p, 'REPLACE');
  return true;
}

/** `(type, ...)`, possibly empty. */
export function typeList(p: Parser): string[] {
  p.expect("'('");
  const types: string[] = [];
  if (!p.is("')'")) {
    types.push(comparatorType(p));
    while (p.accept("','")) types.push(comparatorType(p));
  }
  p.expect("')'");
  return types;
}

export function createFunctionStatement(p: Parser): CreateFunctionStatement {
  const orReplace = createOrReplace(p);
  p.expect('K_FUNCTION');
  const notExists = ifNotExists(p);
  const fn: QualifiedName = qualifiedFunctionName(p);
  p.expect("'('");
  const args: { name: string; type: string }[] = [];
  if (!p.is("')'")) {
    do {
      const name = ident(p);
      args.push({ name, type: comparatorType(p) });
    } while (p.accept("','"));
  }
  p.expect("')'");
  let calledOnNullInput = false;
  if (acceptWord(p, 'RETURNS')) p.expect('K_NULL');
  else {
    expectWord(p, 'CALLED');
    calledOnNullInput = true;
  }
  p.expect('K_ON');
  p.expect('K_NULL');
  expectWord(p, 'INPUT');
  expectWord(p, 'RETURNS');
  const returnType = comparatorType(p);
  expectWord(p, 'LANGUAGE');
  const language = p.text(p.expect('IDENT')).toLowerCase();
  p.expect('K_AS');
  const body = p.text(p.expect('STRING_LITERAL'));
  return {
    kind: 'createFunction', function: fn, orReplace, ifNotExists: notExists, arguments: args, calledOnNullInput,
    returnType, language, body,
  };
}

export function createAggregateStatement(p: Parser): CreateAggregateStatement {
  const orReplace = createOrReplace(p);
  p.expect('K_AGGREGATE');
  const notExists = ifNotExists(p);
  const aggregate = qualifiedFunctionName(p);
  const argTypes = typeList(p);
  expectWord(p, 'SFUNC');
  const stateFunction = ident(p);
  expectWord(p, 'STYPE');
  const stateType = comparatorType(p);
  const finalFunction = acceptWord(p, 'FINALFUNC') ? ident(p) : null;
  const initcond = acceptWord(p, 'INITCOND') ? term(p) : null;
  return {
    kind: 'createAggregate', aggregate, orReplace, ifNotExists: notExists, argTypes, stateFunction, stateType,
    finalFunction, initcond,
  };
}

export function dropFunctionStatement(p: Parser): DropFunctionStatement {
  p.expect('K_DROP');
  p.expect('K_FUNCTION');
  const exists = ifExists(p);
  const fn = qualifiedFunctionName(p);
  return { kind: 'dropFunction', function: fn, ifExists: exists, argTypes: p.is("'('") ? typeList(p) : null };
}

export function dropAggregateStatement(p: Parser): DropAggregateStatement {
  p.expect('K_DROP');
  p.expect('K_AGGREGATE');
  const exists = ifExists(p);
  const aggregate = qualifiedFunctionName(p);
  return { kind: 'dropAggregate', aggregate, ifExists: exists, argTypes: p.is("'('") ? typeList(p) : null };
}
