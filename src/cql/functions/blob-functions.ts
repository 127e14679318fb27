import { native, type NativeTypeName } from '../../types/index.js';
import type { NativeFunction } from './native-function.js';

const BLOB_CONVERTIBLE: readonly NativeTypeName[] = [
  'ascii', 'bigint', 'boolean', 'counter', 'date', 'decimal', 'double', 'duration', 'float', 'inet', 'int',
  'smallint', 'text', 'time', 'timestamp', 'timeuuid', 'tinyint', 'uuid', 'varint',
];

/** typeAsBlob / blobAsType: the bytes are the same, only the type changes (values are validated on the way in). */
export function blobFunctions(): NativeFunction[] {
  const blob = native('blob');
  return BLOB_CONVERTIBLE.flatMap((name): NativeFunction[] => [
    { name: `${name}asblob`, argTypes: [native(name)], returnType: blob, pure: true, execute: ([a]) => a ?? null },
    { name: `blobas${name}`, argTypes: [blob], returnType: native(name), pure: true, execute: ([a]) => a ?? null },
  ]);
}
