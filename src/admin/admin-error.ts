/** The statuses the admin API answers a refused request with. */
export type AdminErrorStatus = 400 | 404 | 409;

/**
 * A request the admin API refuses on purpose: 400 for input no schema could rule out (a key that is no
 * CQL literal), 404 for an unknown node, keyspace or filter, 409 when the cluster's state forbids it
 * (starting a running node, a second topology change).
 */
export class AdminError extends Error {
  constructor(readonly statusCode: AdminErrorStatus, message: string) {
    super(message);
  }
}

export function badRequest(message: string): AdminError {
  return new AdminError(400, message);
}

export function notFound(message: string): AdminError {
  return new AdminError(404, message);
}

export function conflict(message: string): AdminError {
  return new AdminError(409, message);
}
