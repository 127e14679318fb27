/** CREATE / DROP FUNCTION and AGGREGATE (Cql.g's createFunctionStatement and friends), types as written. */
import type { QualifiedName } from './statement.js';
import type { Term } from './term.js';

export interface CreateFunctionStatement {
  readonly kind: 'createFunction';
  readonly function: QualifiedName;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly arguments: readonly { readonly name: string; readonly type: string }[];
  readonly calledOnNullInput: boolean;
  readonly returnType: string;
  /** Lower-cased, as Cql.g keeps it. */
  readonly language: string;
  readonly body: string;
}

export interface DropFunctionStatement {
  readonly kind: 'dropFunction';
  readonly function: QualifiedName;
  readonly ifExists: boolean;
  /** The argument types given, or null when the statement names the function alone. */
  readonly argTypes: readonly string[] | null;
}

export interface CreateAggregateStatement {
  readonly kind: 'createAggregate';
  readonly aggregate: QualifiedName;
  readonly orReplace: boolean;
  readonly ifNotExists: boolean;
  readonly argTypes: readonly string[];
  readonly stateFunction: string;
  readonly stateType: string;
  readonly finalFunction: string | null;
  readonly initcond: Term | null;
}

export interface DropAggregateStatement {
  readonly kind: 'dropAggregate';
  readonly aggregate: QualifiedName;
  readonly ifExists: boolean;
  readonly argTypes: readonly string[] | null;
}

export type FunctionSchemaStatement =
  | CreateFunctionStatement | DropFunctionStatement | CreateAggregateStatement | DropAggregateStatement;
