/**
 * Raw terms as the parser produces them: not yet typed. A term gets its type (and so its bytes) only
 * when a statement is prepared against the schema, the way Cassandra's Term.Raw becomes a Term.
 */
import type { Constant } from '../../types/index.js';

export type { Constant };

/** A bind marker: `?` (anonymous) or `:name`. Index is its position among the statement's markers. */
export interface BindMarker {
  readonly kind: 'bind';
  readonly index: number;
  readonly name: string | null;
}

export interface FunctionCall {
  readonly kind: 'function';
  /**
   * Lower-cased unless quoted; keyspace-qualified functions keep `ks.name`. As in Cassandra, operators
   * are calls too: `_add`, `_substract`, `_multiply`, `_divide`, `_modulo` (two args), `_negate` (one),
   * and CAST(x AS int) is a call to `system.castAsInt` (`castAs` + the capitalised type name).
   */
  readonly name: string;
  readonly args: readonly Term[];
}

/** `(int) ?` or `(text) 'x'`: a type hint. */
export interface TypeCast {
  readonly kind: 'cast';
  readonly type: string;
  readonly term: Term;
}

export type Term =
  | { readonly kind: 'constant'; readonly value: Constant }
  | { readonly kind: 'null' }
  | BindMarker
  | { readonly kind: 'list'; readonly items: readonly Term[] }             // [a, b]
  | { readonly kind: 'set'; readonly items: readonly Term[] }              // {a, b}; {} is an empty map/set/udt
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Term, Term])[] } // {k: v}
  | { readonly kind: 'tuple'; readonly items: readonly Term[] }            // (a, b)
  | { readonly kind: 'udt'; readonly fields: readonly (readonly [string, Term])[] } // {f: v} with identifier keys
  | FunctionCall
  | TypeCast;

/** Position of a token in the statement text, 1-based line and 0-based column as Cassandra reports them. */
export interface SourcePosition {
  readonly line: number;
  readonly column: number;
}
