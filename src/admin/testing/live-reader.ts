/** Reads a live stream of the admin API (NDJSON or server-sent events) as it comes, for tests. */
export class LiveReader {
  private text = '';
  private done = false;
  private readonly reader: ReadableStreamDefaultReader<Uint8Array>;
  private readonly decoder = new TextDecoder();

  private constructor(readonly response: Response, private readonly abort: AbortController) {
    this.reader = response.body!.getReader();
  }

  static async open(url: string, headers: Record<string, string> = {}): Promise<LiveReader> {
    const abort = new AbortController();
    const response = await fetch(url, { headers, signal: abort.signal });
    return new LiveReader(response, abort);
  }

  /** The next `count` pieces (lines of NDJSON, or events ending in a blank line), waiting for them up to `timeoutMs`. */
  async next(count: number, separator: '\n' | '\n\n' = '\n', timeoutMs = 5_000): Promise<string[]> {
    const deadline = Date.now() + timeoutMs;
    while (this.text.split(separator).length - 1 < count) {
      if (this.done) throw new Error(`the stream ended after ${JSON.stringify(this.text)}`);
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no ${count} pieces in time: ${JSON.stringify(this.text)}`);
      await this.read(left);
    }
    const pieces = this.text.split(separator);
    this.text = pieces.slice(count).join(separator);
    return pieces.slice(0, count);
  }

  /** Resolves once the server has ended the stream cleanly, with what came before the end. */
  async end(timeoutMs = 5_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    while (!this.done) {
      const left = deadline - Date.now();
      if (left <= 0) throw new Error('the stream did not end in time');
      await this.read(left);
    }
    return this.text;
  }

  /** The client leaves. */
  close(): void {
    this.abort.abort();
  }

  private async read(timeoutMs: number): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, fail) => { timer = setTimeout(() => fail(new Error('read timed out')), timeoutMs); });
    try {
      const chunk = await Promise.race([this.reader.read(), timeout]);
      if (chunk.done) this.done = true;
      else this.text += this.decoder.decode(chunk.value, { stream: true });
    } finally {
      clearTimeout(timer);
    }
  }
}
