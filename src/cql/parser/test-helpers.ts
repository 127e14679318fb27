/**
 * Shorthands for the parser's tests: build expected AST fragments and capture error messages.
 */
import { expect } from 'vitest';
import type { BindMarker, Statement, Term } from '../ast/index.js';
import { parseStatement } from './statement.js';

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
    expect(e).toBeInstanceOf(Error);
    return { type: (e as Error).constructor.name, message: (e as Error).message };
  }
  throw new Error(`expected ${source} to fail`);
}

/** The message of the SyntaxError a statement fails with. */
export function syntaxError(source: string): string {
  const { type, message } = failure(source);
  expect(type).toBe('SyntaxError');
  return message;
}
