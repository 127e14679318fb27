/**
 * One request to a cluster's admin HTTP API with Node's own fetch: the test helpers reach the run's cluster
 * from any worker process this way, without a driver or anything of the cluster loaded.
 */

/** A refusal of the admin API (4xx), or an answer it should not give; `status` is the HTTP status. */
export class AdminRequestError extends Error {
  constructor(message: string, readonly status: number) {
    super(message);
    this.name = 'AdminRequestError';
  }
}

/** Sends `method path` with a JSON body (when given) and returns the JSON answer (undefined for 204). */
export async function adminRequest(adminUrl: string, method: 'GET' | 'POST' | 'DELETE', path: string, body?: object): Promise<unknown> {
  const url = adminUrl.replace(/\/+$/, '') + path;
  let response: Response;
  try {
    response = await fetch(url, body === undefined
      ? { method }
      : { method, headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    throw new Error(`Cassanova admin API at ${adminUrl} did not answer ${method} ${path} (${cause?.code ?? cause?.message ?? (e as Error).message}): `
      + 'is the cluster of the global setup still running?', { cause: e });
  }
  const text = await response.text();
  if (response.ok) return text === '' ? undefined : JSON.parse(text) as unknown;
  throw new AdminRequestError(`Cassanova admin API: ${method} ${path} answered ${response.status}: ${messageOf(text)}`, response.status);
}

/** The message of the API's error body ({ statusCode, error, message }), or the body itself. */
function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not JSON (a proxy's page, say): shown as it came.
  }
  return text.slice(0, 200);
}
