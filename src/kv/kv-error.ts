/** The HTTP statuses the key-value API refuses a request with. */
export type KvErrorStatus = 400 | 404 | 412 | 413 | 500 | 502 | 503 | 504;

/**
 * What a refused key-value request says, whichever door it came through: the HTTP status, its reason
 * phrase, a message, and for consistency failures the coordinator's figures (Unavailable: consistency,
 * required, alive; timeouts and failures: consistency, received, blockFor, and writeType for writes; a
 * coordinator's other errors: the protocol error's name).
 */
export interface KvErrorDetails {
  readonly consistency?: string;
  readonly required?: number;
  readonly alive?: number;
  readonly received?: number;
  readonly blockFor?: number;
  readonly writeType?: string;
  /** 502: the coordinator's error, by its protocol name (SERVER_ERROR, READ_FAILURE, ...); with failures, how many replicas failed. */
  readonly cqlError?: string;
  readonly failures?: number;
}

const REASONS: Readonly<Record<KvErrorStatus, string>> = {
  400: 'Bad Request', 404: 'Not Found', 412: 'Precondition Failed', 413: 'Payload Too Large', 500: 'Internal Server Error',
  502: 'Bad Gateway', 503: 'Service Unavailable', 504: 'Gateway Timeout',
};

export class KvError extends Error {
  constructor(readonly status: KvErrorStatus, message: string, readonly details: KvErrorDetails = {}) {
    super(message);
    this.name = 'KvError';
  }

  /** The HTTP reason phrase of the status. */
  get error(): string {
    return REASONS[this.status];
  }

  /** The admin API's error body: statusCode, error, message, and the details. */
  toJSON(): Record<string, unknown> {
    return { statusCode: this.status, error: this.error, message: this.message, ...this.details };
  }

  /** The error an error body stands for (a body that is none still makes one, with the status). */
  static fromBody(status: number, body: unknown): KvError {
    const known = (status in REASONS ? status : status >= 500 ? 500 : 400) as KvErrorStatus;
    if (typeof body !== 'object' || body === null) return new KvError(known, `the key-value API answered ${status}`);
    const { message, statusCode: _s, error: _e, ...details } = body as Record<string, unknown>;
    return new KvError(known, typeof message === 'string' ? message : `the key-value API answered ${status}`, details as KvErrorDetails);
  }
}
