import type { RequestContext } from '../../common/index.js';
import type { Mutation, Partitioner, ReadCommand, ReadPartition } from '../../data/index.js';
import type { ConsistencyLevel, WriteType } from '../../errors/index.js';

/**
 * What statements need from the layers below (the coordinator of the node that received the request):
 * cql/ stays free of cluster/ and storage/ imports, as the dependency rules require. Reads and writes
 * carry the client request's context (warnings, tracing session).
 */
export interface StatementEnvironment {
  readonly partitioner: Partitioner;
  read(command: ReadCommand, consistency: ConsistencyLevel, request: RequestContext): Promise<ReadPartition[]>;
  mutate(mutations: readonly Mutation[], consistency: ConsistencyLevel, writeType: WriteType, request: RequestContext): Promise<void>;
}
