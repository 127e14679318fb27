import type { ActivityLog, ActivitySlot } from '../cluster/index.js';
import type { Request } from '../protocol/index.js';
import type { ClientState, PreparedEntry, QueryProcessor } from '../query/index.js';
import { AUTHENTICATE_SENT, CONNECTION_CLOSED, NO_RESPONSE, UNANSWERED, type Reply } from './reply.js';

/**
 * The keyspace a statement runs in, as the QueryProcessor picks it: the request's own (v5), else an
 * EXECUTE's prepared statement's, else the connection's (USE).
 */
export function statementKeyspace(request: Request, state: ClientState, statement: PreparedEntry | undefined): string | null {
  const message = request.message;
  switch (message.type) {
    case 'QUERY':
      return message.parameters.keyspace ?? state.keyspace;
    case 'EXECUTE':
      return statement?.keyspace ?? state.keyspace;
    case 'PREPARE':
    case 'BATCH':
      return message.keyspace ?? state.keyspace;
    default:
      return state.keyspace;
  }
}

/**
 * Fills a slot with what a statement request asks for, before it runs (a USE changes the connection's
 * keyspace only after): texts, parameters, and the bind markers of prepared statements, so that values
 * can be decoded however the statement fares later.
 */
export function recordStatement(
  slot: ActivitySlot, request: Request, state: ClientState, statement: PreparedEntry | undefined, processor: QueryProcessor,
): void {
  const message = request.message;
  const keyspace = statementKeyspace(request, state, statement);
  switch (message.type) {
    case 'QUERY':
      slot.statement(keyspace, message.query, null, processor, message.parameters);
      return;
    case 'EXECUTE':
      slot.statement(keyspace, statement?.query ?? null, statement?.prepared ?? null, null, message.parameters);
      return;
    case 'PREPARE':
      slot.prepare(keyspace, message.query);
      return;
    case 'BATCH': {
      slot.batch(keyspace, message.batchType, processor, message.consistency, message.serialConsistency);
      for (const c of message.children) {
        if (c.kind === 'query') {
          slot.batchStatement(c.query, null, c.values);
        } else {
          const prepared = processor.findPrepared(c.statementId);
          slot.batchStatement(prepared?.query ?? null, prepared?.prepared ?? null, c.values);
        }
      }
      return;
    }
    default:
  }
}

/** Records what the request got: the response's type and, for a result or an error, what it was. */
export function recordReply(log: ActivityLog, slot: ActivitySlot, seq: number, reply: Reply): void {
  if (reply === NO_RESPONSE) return log.complete(slot, seq, 'READY');
  if (reply === AUTHENTICATE_SENT) return log.complete(slot, seq, 'AUTHENTICATE');
  if (reply === UNANSWERED) return log.complete(slot, seq, 'NO_ANSWER');
  if (reply === CONNECTION_CLOSED) return log.complete(slot, seq, 'CONNECTION_CLOSED');
  const message = reply.message;
  if (message.type === 'ERROR') return log.complete(slot, seq, 'ERROR', '', -1, false, message.error);
  if (message.type !== 'RESULT') return log.complete(slot, seq, message.type);
  const result = message.result;
  if (result.kind !== 'rows') return log.complete(slot, seq, 'RESULT', result.kind);
  log.complete(slot, seq, 'RESULT', 'rows', result.rows.length, (result.metadata.pagingState ?? null) !== null);
}
