/**
 * Shorthands for the parser's tests: expected AST fragments, and the error a statement fails with.
 */
import type { BindMarker, Statement, Term } from '../../ast/index.js';
import { parseStatement } from '../statement.js';

export function parse(source: string): Statement {
  return parseStatement(source).statement;
}

export function int(text: string): Term {
  return { kind: 'constant', value: { kind: 'integer', text } };
}

export function str(value: string): Term {
  return { kind: 'constant', value: { kind: 'string', value } };
}

export function bind(index: number, name: string | null = null): BindMarker {
  return { kind: 'bind', index, name };
}

/** The error a statement fails with: its class name and message. */
export function failure(source: string): { type: string; message: string } {
  try {
    parseStatement(source);
  } catch (e) {
    if (!(e instanceof Error)) throw e;
    return { type: e.constructor.name, message: e.message };
  }
  throw new Error(`expected ${source} to fail`);
}

/** The message of the SyntaxError a statement fails with. */
export function syntaxError(source: string): string {
  const { type, message } = failure(source);
  if (type !== 'SyntaxError') throw new Error(`expected a SyntaxError from ${source}, got ${type}: ${message}`);
  return message;
}
