import { KvError } from './kv-error.js';
import type {
  KvConditionOptions, KvDeleteOptions, KvEntry, KvListOptions, KvNamespace, KvPage, KvRequestOptions, KvSetOptions, KvWriteResult,
} from './kv-namespace.js';

/** The fetch a KvClient sends its requests with (Node's global one by default). */
export type KvFetch = (url: string, init: RequestInit) => Promise<Response>;

/**
 * The key-value API of a running cluster over HTTP, from any process: `new KvClient(adminUrl).kv('users')`
 * has the methods of `cluster.kv('users')`. A refused request throws a KvError with the answer's status,
 * message and figures; a missing key is null (get) or false (del), not an error.
 */
export class KvClient {
  private readonly baseUrl: string;

  constructor(url: string, private readonly fetchImpl: KvFetch = (input, init) => fetch(input, init)) {
    this.baseUrl = url.replace(/\/+$/, '');
  }

  kv(namespace: string): KvNamespace {
    return new HttpKvNamespace(namespace, `${this.baseUrl}/v1/kv/${encodeURIComponent(namespace)}`, this.fetchImpl);
  }
}

/** The ETag as the HTTP header carries it: quoted. */
const quoted = (etag: string): string => (etag === '*' || etag.startsWith('"') || etag.startsWith('W/') ? etag : `"${etag}"`);
const unquoted = (etag: string | null): string => (etag ?? '').replace(/^W\//, '').replace(/^"(.*)"$/, '$1');

function query(options: KvRequestOptions & Partial<KvConditionOptions & KvListOptions & { ttl: number }>): string {
  const params = new URLSearchParams();
  const add = (name: string, value: string | number | undefined): void => {
    if (value !== undefined) params.set(name, String(value));
  };
  add('consistency', options.consistency);
  add('serialConsistency', options.serialConsistency);
  add('node', options.node);
  add('ttl', options.ttl);
  add('prefix', options.prefix);
  add('limit', options.limit);
  add('cursor', options.cursor);
  const text = params.toString();
  return text === '' ? '' : `?${text}`;
}

function conditionHeaders(options: KvConditionOptions & { readonly ifNoneMatch?: '*' }): Record<string, string> {
  const headers: Record<string, string> = {};
  if (options.ifMatch !== undefined) {
    headers['if-match'] = (typeof options.ifMatch === 'string' ? [options.ifMatch] : options.ifMatch).map(quoted).join(', ');
  }
  if (options.ifNoneMatch !== undefined) headers['if-none-match'] = options.ifNoneMatch;
  return headers;
}

class HttpKvNamespace implements KvNamespace {
  constructor(readonly name: string, private readonly url: string, private readonly fetchImpl: KvFetch) {}

  async get(key: string, options: KvRequestOptions = {}): Promise<KvEntry | null> {
    const response = await this.send('GET', `/${encodeURIComponent(key)}${query(options)}`, {});
    if (response.status === 404) return null;
    await this.check(response);
    return {
      key,
      value: Buffer.from(await response.arrayBuffer()),
      contentType: response.headers.get('content-type') ?? 'application/octet-stream',
      etag: unquoted(response.headers.get('etag')),
    };
  }

  async set(key: string, value: string | Uint8Array, options: KvSetOptions = {}): Promise<KvWriteResult> {
    const contentType = options.contentType ?? (typeof value === 'string' ? 'text/plain; charset=utf-8' : 'application/octet-stream');
    const response = await this.send('PUT', `/${encodeURIComponent(key)}${query(options)}`, {
      headers: { 'content-type': contentType, ...conditionHeaders(options) },
      body: value,
    });
    await this.check(response);
    await response.arrayBuffer();
    return { created: response.status === 201, etag: unquoted(response.headers.get('etag')) };
  }

  async del(key: string, options: KvDeleteOptions = {}): Promise<boolean> {
    const response = await this.send('DELETE', `/${encodeURIComponent(key)}${query(options)}`, { headers: conditionHeaders(options) });
    if (response.status === 404) {
      await response.arrayBuffer();
      return false;
    }
    await this.check(response);
    return true;
  }

  async list(options: KvListOptions = {}): Promise<KvPage> {
    const response = await this.send('GET', query(options), {});
    await this.check(response);
    const page = (await response.json()) as KvPage;
    return { keys: page.keys, cursor: page.cursor };
  }

  private send(method: string, path: string, init: RequestInit): Promise<Response> {
    return this.fetchImpl(`${this.url}${path}`, { ...init, method });
  }

  /** Throws the KvError of an answer that is not a success. */
  private async check(response: Response): Promise<void> {
    if (response.ok) return;
    const text = await response.text();
    let body: unknown = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = { message: `the key-value API answered ${response.status}: ${text.slice(0, 200)}` };
    }
    throw KvError.fromBody(response.status, body);
  }
}
