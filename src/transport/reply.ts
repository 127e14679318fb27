import type { ResponseMessage } from '../protocol/index.js';

/** A response, the client warnings that go with it (v4+) and the tracing session it names. */
export interface Reply {
  readonly message: ResponseMessage;
  readonly warnings: readonly string[] | null;
  readonly tracingId: Buffer | null;
}

/** A marker: the response was already written (READY to STARTUP). */
export const NO_RESPONSE: Reply = Object.freeze({ message: { type: 'READY' } as ResponseMessage, warnings: null, tracingId: null });

/** A marker: the response was already written (AUTHENTICATE to STARTUP, when clients must log in). */
export const AUTHENTICATE_SENT: Reply = Object.freeze({
  message: { type: 'AUTHENTICATE', authenticator: '' } as ResponseMessage, warnings: null, tracingId: null,
});

/** A marker: nothing was answered, and nothing will be (a prime held the request until the connection closed). */
export const UNANSWERED: Reply = Object.freeze({ message: { type: 'READY' } as ResponseMessage, warnings: null, tracingId: null });

/** A marker: a prime closed the connection instead of answering. */
export const CONNECTION_CLOSED: Reply = Object.freeze({ message: { type: 'READY' } as ResponseMessage, warnings: null, tracingId: null });

/** Whether the reply is one to write (not a marker of an answer written already or never to be). */
export function isToSend(reply: Reply): boolean {
  return reply !== NO_RESPONSE && reply !== AUTHENTICATE_SENT && reply !== UNANSWERED && reply !== CONNECTION_CLOSED;
}

export function reply(message: ResponseMessage): Reply {
  return { message, warnings: null, tracingId: null };
}
