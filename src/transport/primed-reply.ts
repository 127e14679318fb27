import type { Scheduler } from '../common/index.js';
import { ConsistencyLevel } from '../errors/index.js';
import type { CompiledRows, PrimeAction } from '../cluster/index.js';
import type { Request, ResponseMessage } from '../protocol/index.js';
import type { Connection } from './connection.js';
import { CONNECTION_CLOSED, reply, UNANSWERED, type Reply } from './reply.js';

/** The request a prime answers, and where: its connection, its keyspace, the cluster's scheduler. */
export interface PrimedRequest {
  readonly request: Request;
  readonly connection: Connection;
  readonly keyspace: string | null;
  readonly scheduler: Scheduler;
}

/**
 * Answers a request as its prime says: a primed error or result (encoded like any other response), the
 * real answer after a delay, no answer until the connection closes, or the connection closed. Delays
 * run on the cluster's scheduler, so a virtual clock moves them; a connection that closes meanwhile
 * leaves the request unanswered. Primed answers never reach the statement, so no data changes.
 */
export function primedReply(action: PrimeAction, primed: PrimedRequest, realAnswer: () => Promise<Reply>): Promise<Reply> {
  switch (action.kind) {
    case 'no-answer':
      return new Promise((resolve) => primed.connection.whenClosed(() => resolve(UNANSWERED)));
    case 'delay':
      return later(primed, action.delayMs, realAnswer);
    case 'close-connection':
      return later(primed, action.delayMs, () => {
        primed.connection.close();
        return CONNECTION_CLOSED;
      });
    case 'error': {
      const { request } = primed;
      const statementId = request.message.type === 'EXECUTE' ? request.message.statementId : null;
      return later(primed, action.delayMs, () => reply({ type: 'ERROR', error: action.build(consistencyOf(request), statementId) }));
    }
    case 'rows':
      return later(primed, action.delayMs, () => reply(rowsMessage(action.rows, primed.keyspace)));
    case 'void':
      return later(primed, action.delayMs, () => reply({ type: 'RESULT', result: { kind: 'void' } }));
  }
}

function later(primed: PrimedRequest, delayMs: number, answer: () => Reply | Promise<Reply>): Promise<Reply> {
  if (delayMs === 0) return Promise.resolve(answer());
  const connection = primed.connection;
  if (connection.isClosed) return Promise.resolve(UNANSWERED);
  return new Promise((resolve, reject) => {
    const timer = primed.scheduler.schedule(delayMs, () => {
      forgetClose();
      try {
        resolve(answer());
      } catch (e) {
        reject(e);
      }
    });
    const forgetClose = connection.whenClosed(() => {
      timer.cancel();
      resolve(UNANSWERED);
    });
  });
}

/** The level an error reports by default: the request's own (ONE for requests that have none). */
function consistencyOf(request: Request): ConsistencyLevel {
  const message = request.message;
  if (message.type === 'QUERY' || message.type === 'EXECUTE') return message.parameters.consistency;
  if (message.type === 'BATCH') return message.consistency;
  return ConsistencyLevel.ONE;
}

/** A ROWS result with full metadata, whatever the client asked to skip: its prepared metadata may not fit. */
function rowsMessage(rows: CompiledRows, requestKeyspace: string | null): ResponseMessage {
  const keyspace = rows.keyspace ?? requestKeyspace ?? '';
  const columns = rows.columns.map((c) => ({ keyspace, table: rows.table, name: c.name, type: c.type }));
  return {
    type: 'RESULT',
    result: { kind: 'rows', metadata: { columns, pagingState: null, skipMetadata: false, newMetadataId: null }, rows: rows.rows },
  };
}
