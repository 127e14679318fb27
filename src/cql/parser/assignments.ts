/**
 * UPDATE's SET clause (Parser.g's columnOperation and its variants), including the checks Parser.g
 * makes while parsing: `c = c + v` must name the same column twice, and a column may not be both
 * overwritten and modified in one statement.
 */
import type { Assignment, Term } from '../ast/index.js';
import { cident, ident, isIdentifier, startsFunctionCall } from './identifiers.js';
import type { Parser } from './parser.js';
import { term } from './terms.js';

export function assignments(p: Parser): Assignment[] {
  const list: Assignment[] = [];
  do addAssignment(p, list, columnOperation(p)); while (p.accept("','"));
  return list;
}

function columnOperation(p: Parser): Assignment {
  const column = cident(p);
  const operator = p.la();
  switch (operator.type) {
    case "'='":
      p.consume();
      return normalOperation(p, column);
    case "'+='":
      p.consume();
      return { kind: 'add', column, value: term(p) };
    case "'-='":
      p.consume();
      return { kind: 'subtract', column, value: term(p) };
    case "'['": {
      p.consume();
      const key = term(p);
      p.expect("']'");
      p.expect("'='");
      return { kind: 'setElement', column, key, value: term(p) };
    }
    case "'.'": {
      p.consume();
      const field = ident(p);
      p.expect("'='");
      return { kind: 'setField', column, field, value: term(p) };
    }
    default:
      return p.noViable();
  }
}

/** After `c =`: `v`, `v + c`, `c + v`, `c - v`, or `c -1` (lexed as a column and a negative integer). */
function normalOperation(p: Parser, column: string): Assignment {
  const first = p.la();
  const startsColumn = (first.type === 'EMPTY_QUOTED_NAME' || isIdentifier(first.type)) && !startsFunctionCall(p)
    && !(first.type === 'K_CAST' && p.is("'('", 2));
  if (!startsColumn) {
    const value = term(p);
    if (!p.accept("'+'")) return { kind: 'set', column, value };
    if (cident(p) !== column) p.recognitionError('Only expressions of the form X = <value> + X are supported.');
    return { kind: 'prepend', column, value };
  }
  const operator = p.la(2);
  if (operator.type !== "'+'" && operator.type !== "'-'" && operator.type !== 'INTEGER') p.noViable(operator, first);
  const other = cident(p);
  if (operator.type === 'INTEGER') {
    // `c = c -1` lexes as [c, =, c, INTEGER(-1)]: an addition of a negative number.
    p.consume();
    const text = p.text(operator);
    if (other !== column) {
      p.recognitionError(`Only expressions of the form X = X ${text.startsWith('-') ? '-' : '+'} <value> are supported.`);
    }
    return { kind: 'add', column, value: { kind: 'constant', value: { kind: 'integer', text } } };
  }
  p.consume();
  const sign = p.text(operator);
  const value: Term = term(p);
  if (other !== column) p.recognitionError(`Only expressions of the form X = X ${sign}<value> are supported.`);
  return sign === '+' ? { kind: 'add', column, value } : { kind: 'subtract', column, value };
}

/** Parser.g's addRawUpdate: an overwrite of a column conflicts with any other change to it. */
function addAssignment(p: Parser, list: Assignment[], assignment: Assignment): void {
  for (const existing of list) {
    if (existing.column === assignment.column && !compatible(existing, assignment)) {
      p.recognitionError(`Multiple incompatible setting of column ${assignment.column}`);
    }
  }
  list.push(assignment);
}

function compatible(existing: Assignment, added: Assignment): boolean {
  if (existing.kind === 'set') return false;
  if (existing.kind === 'setField' && added.kind === 'setField') return existing.field !== added.field;
  return added.kind !== 'set';
}
