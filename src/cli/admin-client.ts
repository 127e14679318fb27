import { CliError, type CliIo } from './cli-io.js';
import { readRunLock } from './run-lock.js';
import { readClusterFile } from './cluster-file.js';

/** Where commands find the admin API when told nothing: the CLI's default port on the loopback address. */
export const DEFAULT_ADMIN_URL = 'http://127.0.0.1:8187';

/** The options every command that drives a running cluster takes. */
export interface AdminTarget {
  readonly admin?: string;
  readonly dir?: string;
}

/**
 * The admin API to talk to: --admin URL; else the cluster that `run --dir DIR` started (its lock names the
 * URL it serves, whatever port it got) or, when it is not running, DIR/cluster.json's; else
 * CASSANOVA_ADMIN_URL; else the default.
 */
export function adminUrlOf(target: AdminTarget, io: CliIo): string {
  if (target.admin !== undefined) return target.admin.replace(/\/+$/, '');
  if (target.dir !== undefined) {
    const running = readRunLock(target.dir);
    if (running?.adminUrl != null) return running.adminUrl;
    const definition = readClusterFile(target.dir);
    if (definition.adminPort === null) throw new CliError(`${target.dir}/cluster.json has no admin API (adminPort is null)`);
    const host = definition.address.includes(':') ? `[${definition.address}]` : definition.address;
    return `http://${host}:${definition.adminPort}`;
  }
  return io.env['CASSANOVA_ADMIN_URL'] ?? DEFAULT_ADMIN_URL;
}

/** JSON over HTTP to the admin API; every failure becomes a one-line CliError (exit code 1). */
export class AdminClient {
  constructor(readonly baseUrl: string, private readonly io: CliIo) {}

  async call<T>(method: 'GET' | 'POST' | 'PUT' | 'DELETE', path: string, body?: unknown): Promise<T> {
    const response = await this.send(path, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new CliError(errorMessage(text, response.status));
    return (text === '' ? undefined : JSON.parse(text)) as T;
  }

  /**
   * The lines of a live NDJSON stream as they come, until the server ends it or `signal` aborts (which
   * ends the lines quietly: the user asked to stop).
   */
  async *lines(path: string, signal: AbortSignal): AsyncGenerator<string> {
    let response: Response;
    try {
      response = await this.send(path, { headers: { accept: 'application/x-ndjson' }, signal });
    } catch (e) {
      if (signal.aborted) return;
      throw e;
    }
    if (!response.ok) throw new CliError(errorMessage(await response.text(), response.status));
    const decoder = new TextDecoder();
    let pending = '';
    try {
      for await (const chunk of response.body as AsyncIterable<Uint8Array>) {
        const lines = (pending + decoder.decode(chunk, { stream: true })).split('\n');
        pending = lines.pop()!;
        yield* lines;
      }
    } catch (e) {
      if (!signal.aborted) throw new CliError(`the admin API at ${this.baseUrl} broke off the stream: ${(e as Error).message}`);
    }
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    try {
      return await this.io.fetch(`${this.baseUrl}${path}`, init);
    } catch (e) {
      throw unreachable(this.baseUrl, e);
    }
  }
}

/** The error of a request that found no admin API at `baseUrl`. */
export function unreachable(baseUrl: string, error: unknown): CliError {
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  return new CliError(`cannot reach the admin API at ${baseUrl} (${cause?.code ?? cause?.message ?? (error as Error).message}): is a cluster running with its admin API? (cassanova start, or --admin URL)`);
}

function errorMessage(text: string, status: number): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    if (typeof parsed.message === 'string') return parsed.message;
  } catch {
    // Not the admin API's JSON: say what came back.
  }
  return `the admin API answered ${status}: ${text.slice(0, 200)}`;
}
