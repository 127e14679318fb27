import { UNSET, type BoundValue } from '../../common/index.js';
import { ConsistencyLevel, errorCodeName, type ConsistencyName } from '../../errors/index.js';
import { deserialize, validateValue, type CqlType } from '../../types/index.js';
import type { ActivityOutcome, ActivityRecord, ActivityStatement } from './activity-record.js';
import { variableType, type ActivitySlot, type StatementVariables } from './activity-slot.js';

/**
 * Turns slots into records: names for codes, bound values decoded by their statements' bind markers. A
 * statement sent as text is prepared again, once per text and render, to find its bind markers.
 */
export class ActivityRenderer {
  private readonly resolved = new Map<string, StatementVariables | null>();

  render(slot: ActivitySlot): ActivityRecord {
    return {
      seq: slot.seq,
      time: new Date(slot.timeMs),
      node: slot.nodeId,
      clientAddress: slot.clientAddress,
      clientPort: slot.clientPort,
      connectionId: slot.connectionId,
      streamId: slot.streamId,
      protocolVersion: slot.version,
      opcode: slot.opcode,
      keyspace: slot.keyspace,
      query: slot.query,
      values: slot.batchType !== null ? null : this.decoded(slot, 0, slot.query, slot.variables, slot.valueNames),
      valueNames: slot.valueNames,
      statements: slot.batchType === null ? null : Array.from({ length: slot.batchSize }, (_, i): ActivityStatement => {
        const query = slot.batchQuery(i);
        return { query, values: this.decoded(slot, i, query, slot.batchStatementVariables(i), null) };
      }),
      batchType: slot.batchType,
      consistency: consistencyName(slot.consistency),
      serialConsistency: consistencyName(slot.serialConsistency),
      pageSize: slot.pageSize,
      pagingState: slot.pagingState,
      primed: slot.primeId === 0 ? null : slot.primeId,
      outcome: outcomeOf(slot),
      latencyMicros: slot.outcome === '' ? null : Math.round((slot.endMs - slot.timeMs) * 1000),
      replicas: slot.replicas,
    };
  }

  /** The values of the slot's `index`th statement, decoded by its bind markers (found if need be). */
  private decoded(
    slot: ActivitySlot, index: number, query: string | null, variables: StatementVariables | null, names: readonly string[] | null,
  ): unknown[] | null {
    const values = slot.values.valuesOf(index);
    return values === null ? null : decodeValues(values, names, variables ?? this.variablesOf(slot, query));
  }

  private variablesOf(slot: ActivitySlot, query: string | null): StatementVariables | null {
    if (query === null || slot.resolver === null) return null;
    const key = `${slot.nodeId}\u0000${slot.keyspace ?? ''}\u0000${query}`;
    let variables = this.resolved.get(key);
    if (variables === undefined) {
      variables = slot.resolver.variablesOf(query, slot.keyspace);
      this.resolved.set(key, variables);
    }
    return variables;
  }
}

/** The CQL text of a slot's statement, or of each statement of its batch. */
export function slotQueries(slot: ActivitySlot): readonly (string | null)[] {
  return slot.batchType === null ? [slot.query] : Array.from({ length: slot.batchSize }, (_, i) => slot.batchQuery(i));
}

function consistencyName(code: number): ConsistencyName | null {
  return code < 0 ? null : (ConsistencyLevel[code] as ConsistencyName | undefined) ?? null;
}

function outcomeOf(slot: ActivitySlot): ActivityOutcome | null {
  switch (slot.outcome) {
    case '':
      return null;
    case 'RESULT':
      return {
        type: 'RESULT',
        kind: slot.resultKind as Extract<ActivityOutcome, { type: 'RESULT' }>['kind'],
        rowCount: slot.rowCount < 0 ? null : slot.rowCount,
        hasMorePages: slot.hasMorePages,
      };
    case 'ERROR': {
      const error = slot.error!;
      return { type: 'ERROR', code: error.code, error: errorCodeName(error.code), message: error.message };
    }
    default:
      return { type: slot.outcome as Exclude<ActivityOutcome['type'], 'RESULT' | 'ERROR'> };
  }
}

/**
 * Decodes bound values by the bind markers they were sent for (by name when the client named them);
 * a value with no known marker, or whose bytes do not fit its type, stays as it came.
 */
export function decodeValues(values: readonly BoundValue[], names: readonly string[] | null, variables: StatementVariables | null): unknown[] {
  return values.map((value, i) => {
    if (value === UNSET) return undefined;
    if (value === null) return null;
    const type = variables === null ? undefined : variableType(variables, i, names);
    return type === undefined ? value : decodeValue(type, value);
  });
}

function decodeValue(type: CqlType, value: Buffer): unknown {
  try {
    validateValue(type, value);
    return deserialize(type, value);
  } catch {
    return value;
  }
}
