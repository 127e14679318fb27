import type { Partitioner } from '../../data/index.js';
import { murmur3Token } from './murmur3.js';
import { serializePartitionKey, splitPartitionKey } from './partition-key.js';

export const MURMUR3_PARTITIONER_CLASS = 'org.apache.cassandra.dht.Murmur3Partitioner';

/** Cassandra's Murmur3Partitioner: keys are serialized (CompositeType when compound) and hashed. */
export const murmur3Partitioner: Partitioner = {
  decorateKey(components) {
    const key = serializePartitionKey(components);
    return { key, token: murmur3Token(key) };
  },
  splitKey(key, componentCount) {
    return splitPartitionKey(key, componentCount);
  },
};
