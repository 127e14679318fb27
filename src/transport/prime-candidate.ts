import type { CandidateStatement, PrimeCandidate } from '../cluster/index.js';
import type { Request } from '../protocol/index.js';
import type { PreparedEntry, QueryProcessor } from '../query/index.js';

/**
 * A request as primes see it: node, opcode, consistency, and its statements with their texts (an
 * EXECUTE's prepared statement's text) and values. Made only while some prime is in force.
 */
export function primeCandidate(
  nodeId: number, request: Request, keyspace: string | null, statement: PreparedEntry | undefined, processor: QueryProcessor,
): PrimeCandidate {
  const message = request.message;
  const textual = (query: string, values: CandidateStatement['values'], valueNames: readonly string[] | null): CandidateStatement => ({
    query, values, valueNames, variables: () => processor.variablesOf(query, keyspace),
  });
  switch (message.type) {
    case 'QUERY': {
      const { values, valueNames, consistency } = message.parameters;
      return { node: nodeId, opcode: message.type, consistency, statements: [textual(message.query, values, valueNames)] };
    }
    case 'EXECUTE': {
      const { values, valueNames, consistency } = message.parameters;
      const executed = { query: statement?.query ?? null, values, valueNames, variables: () => statement?.prepared ?? null };
      return { node: nodeId, opcode: message.type, consistency, statements: [executed] };
    }
    case 'PREPARE':
      return { node: nodeId, opcode: message.type, consistency: -1, statements: [textual(message.query, [], null)] };
    case 'BATCH': {
      const statements = message.children.map((c) => {
        if (c.kind === 'query') return textual(c.query, c.values, null);
        const prepared = processor.findPrepared(c.statementId);
        return { query: prepared?.query ?? null, values: c.values, valueNames: null, variables: () => prepared?.prepared ?? null };
      });
      return { node: nodeId, opcode: message.type, consistency: message.consistency, statements };
    }
    default:
      return { node: nodeId, opcode: message.type, consistency: -1, statements: [] };
  }
}
