import { invariant } from '../../common/index.js';

/**
 * Serialized partition keys as Cassandra stores and hashes them: a single-column key is the column's value
 * itself; a composite key uses CompositeType's layout, each component as `uint16 length ‖ bytes ‖ 0x00`
 * (the trailing end-of-component byte). Drivers build the same bytes as their routing key.
 */

const MAX_COMPONENT_BYTES = 0xffff;

export function serializePartitionKey(components: readonly Buffer[]): Buffer {
  invariant(components.length > 0, 'a partition key has at least one component');
  if (components.length === 1) return components[0]!;
  let size = 0;
  for (const c of components) {
    invariant(c.length <= MAX_COMPONENT_BYTES, 'a composite key component fits an unsigned short length');
    size += c.length + 3;
  }
  const out = Buffer.allocUnsafe(size);
  let offset = 0;
  for (const c of components) {
    out.writeUInt16BE(c.length, offset);
    c.copy(out, offset + 2);
    offset += c.length + 2;
    out[offset++] = 0;
  }
  return out;
}

/** The components of a serialized key (views into `key`, not copies); `count` is the partition key column count. */
export function splitPartitionKey(key: Buffer, count: number): Buffer[] {
  invariant(count > 0, 'a partition key has at least one component');
  if (count === 1) return [key];
  const components: Buffer[] = [];
  let offset = 0;
  for (let i = 0; i < count; i++) {
    invariant(offset + 2 <= key.length, 'composite partition key is truncated');
    const length = key.readUInt16BE(offset);
    const end = offset + 2 + length;
    invariant(end < key.length, 'composite partition key is truncated');
    components.push(key.subarray(offset + 2, end));
    offset = end + 1;
  }
  invariant(offset === key.length, 'composite partition key has trailing bytes');
  return components;
}
