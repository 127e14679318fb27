import { InvalidRequestError } from '../../errors/index.js';
import type { CqlType } from '../cql-type.js';
import { readComparatorPart, startingOffset, type CompositeLayout } from './composite-layout.js';

/**
 * AbstractCompositeType.validate, with Cassandra's MarshalException messages (sent as Invalid requests):
 * each component's comparator, [short] length, value (validated by its own type) and end-of-component
 * byte, which may be non-zero only on the last component. `validateComponent` checks one component value.
 */
export function validateComposite(layout: CompositeLayout, buf: Buffer, validateComponent: (t: CqlType, value: Buffer) => void): void {
  let offset = startingOffset(layout, buf);
  for (let i = 0; offset < buf.length; i++) {
    const comparator = validateComparator(layout, buf, offset, i);
    offset += comparator.sizeBytes;
    if (buf.length - offset < 2) throw marshal(`Not enough bytes to read value size of component ${i}`);
    const length = buf.readUInt16BE(offset);
    offset += 2;
    if (buf.length - offset < length) throw marshal(`Not enough bytes to read value of component ${i}`);
    validateComponent(comparator.type, buf.subarray(offset, offset + length));
    offset += length;
    if (offset >= buf.length) throw marshal(`Not enough bytes to read the end-of-component byte of component${i}`);
    const endOfComponent = buf[offset++]!;
    if (endOfComponent !== 0 && offset < buf.length) throw marshal(`Invalid bytes remaining after an end-of-component at component${i}`);
  }
}

function validateComparator(layout: CompositeLayout, buf: Buffer, offset: number, i: number): { type: CqlType; sizeBytes: number } {
  if (layout.kind === 'composite') {
    const type = layout.components[i];
    if (type === undefined) throw marshal('Too many bytes for comparator');
    return { type, sizeBytes: 0 };
  }
  if (buf.length - offset < 2) throw marshal(`Not enough bytes to header of the comparator part of component ${i}`);
  const header = buf.readUInt16BE(offset);
  if ((header & 0x8000) === 0 && buf.length - offset - 2 < header) {
    throw marshal(`Not enough bytes to read comparator name of component ${i}`);
  }
  const part = readComparatorPart(layout.aliases, buf, offset);
  if (part.type === undefined) throw marshal(`Cannot find comparator for component ${i}`);
  return { type: part.type, sizeBytes: part.sizeBytes };
}

function marshal(message: string): InvalidRequestError {
  return new InvalidRequestError(message);
}
