import type { Mutation, Partitioner, ReadCommand, ReadPartition } from '../../data/index.js';
import type { ConsistencyLevel, WriteType } from '../../errors/index.js';

/**
 * What statements need from the layers below (the coordinator of the node that received the request):
 * cql/ stays free of cluster/ and storage/ imports, as the dependency rules require.
 */
export interface StatementEnvironment {
  readonly partitioner: Partitioner;
  read(command: ReadCommand, consistency: ConsistencyLevel): Promise<ReadPartition[]>;
  mutate(mutations: readonly Mutation[], consistency: ConsistencyLevel, writeType: WriteType): Promise<void>;
}
