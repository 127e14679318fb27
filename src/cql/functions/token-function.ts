import type { TableMetadata } from '../../schema/index.js';
import { int64Bytes, native } from '../../types/index.js';
import type { ScalarFunction } from './native-function.js';

/**
 * token(k1, ..., kn) (TokenFct): the only function whose signature depends on the table it is called on,
 * taking the partition key's types and giving the partitioner's token; a null component gives null.
 */
export function tokenFunction(table: TableMetadata): ScalarFunction {
  return {
    kind: 'scalar', name: 'token', argTypes: table.partitionKey.map((c) => c.type), returnType: native('bigint'),
    execute: (args, ctx) => (args.some((a) => a == null) ? null : int64Bytes(ctx.tokenOf(args as Buffer[]))),
  };
}
