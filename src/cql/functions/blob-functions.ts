import { InvalidRequestError } from '../../errors/index.js';
import { native, validateValue, type NativeTypeName, type NativeType } from '../../types/index.js';
import type { ScalarFunction } from './native-function.js';

/** CQL3Type.Native in its order, without blob and varchar (BytesConversionFcts.all()). */
const BLOB_CONVERTIBLE: readonly NativeTypeName[] = [
  'ascii', 'bigint', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int',
  'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varint',
];

const blob = native('blob');

function toBlob(prefix: string, type: NativeType): ScalarFunction {
  return { kind: 'scalar', name: `${prefix}asblob`, argTypes: [type], returnType: blob, execute: ([a]) => a ?? null };
}

/** blobAsType: the same bytes, once they are shown to be a valid value of the type. */
function fromBlob(suffix: string, type: NativeType): ScalarFunction {
  const name = `blobas${suffix}`;
  return {
    kind: 'scalar', name, argTypes: [blob], returnType: type,
    execute: ([a]) => {
      if (a == null) return null;
      try {
        validateValue(type, a);
      } catch {
        throw new InvalidRequestError(
          `In call to function system.${name}, value 0x${a.toString('hex')} is not a valid binary representation for type ${type.name}`,
        );
      }
      return a;
    },
  };
}

/** typeAsBlob / blobAsType for every native type, then varcharAsBlob / blobAsVarchar for text's other name. */
export function blobFunctions(): ScalarFunction[] {
  return [
    ...BLOB_CONVERTIBLE.flatMap((name) => [toBlob(name, native(name)), fromBlob(name, native(name))]),
    toBlob('varchar', native('text')),
    fromBlob('varchar', native('text')),
  ];
}
