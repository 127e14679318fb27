import type { CqlType } from '../../types/index.js';
import type { ExecutionContext } from '../statements/query-options.js';

/** A native scalar function (Cassandra's system.* functions), working on serialized values. */
export interface NativeFunction {
  readonly name: string;
  readonly argTypes: readonly CqlType[];
  readonly returnType: CqlType;
  /** Functions like now() give a new value per call: they are never folded at prepare time. */
  readonly pure: boolean;
  execute(args: readonly (Buffer | null)[], ctx: ExecutionContext): Buffer | null;
}

export function formatSignature(fn: NativeFunction): string {
  return `system.${fn.name}`;
}
