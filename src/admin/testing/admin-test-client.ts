import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import type { AdminRoute } from '../route.js';
import { ADMIN_ROUTES } from '../routes/index.js';

/** What an error answer carries; the default body type of an answer. */
export interface ErrorBody {
  readonly statusCode?: number;
  readonly error?: string;
  readonly message?: string;
}

/** An answer of the admin API: its status, content type and body (JSON parsed, else text). */
export interface AdminAnswer<T = ErrorBody> {
  readonly status: number;
  readonly contentType: string;
  readonly body: T;
}

function routeOf(method: string, path: string): AdminRoute | undefined {
  const pathname = path.split('?')[0]!;
  return ADMIN_ROUTES.find((r) => r.method === method && new RegExp(`^${r.url.replace(/:\w+/g, '[^/]+')}$`).test(pathname));
}

/**
 * Talks to an admin API over real HTTP, as any client would; checks each success answer against the
 * response schema its route declares (the OpenAPI document's), and records which routes were called.
 */
export class AdminTestClient {
  readonly called = new Set<AdminRoute>();
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });

  constructor(readonly baseUrl: string) {
    addFormats.default(this.ajv);
  }

  /** Sends `body` as JSON, or as is when it is a string (to send broken JSON). */
  async call<T = ErrorBody>(method: string, path: string, body?: unknown): Promise<AdminAnswer<T>> {
    const raw = typeof body === 'string' ? body : body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(`${this.baseUrl}${path}`, {
      method, body: raw, headers: raw === undefined ? {} : { 'content-type': 'application/json' },
    });
    const text = await response.text();
    const contentType = response.headers.get('content-type') ?? '';
    const parsed = contentType.startsWith('application/json') ? JSON.parse(text) as T : text as T;
    const route = routeOf(method, path);
    if (route !== undefined) this.called.add(route);
    if (route !== undefined && response.ok && route.response !== null && contentType.startsWith('application/json')) {
      const validate = this.ajv.compile(route.response);
      if (!validate(parsed)) throw new Error(`${method} ${path}: the answer does not match its schema: ${this.ajv.errorsText(validate.errors)}\n${text}`);
    }
    return { status: response.status, contentType, body: parsed };
  }

  /** The routes no call has reached yet. */
  uncalled(): string[] {
    return ADMIN_ROUTES.filter((r) => !this.called.has(r)).map((r) => `${r.method} ${r.url}`);
  }
}
