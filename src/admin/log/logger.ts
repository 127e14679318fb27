import type { Clock } from '../../common/index.js';
import { colourFor, prettyDestination, type LineSink } from './pretty-destination.js';

/** pino's levels, and 'silent' for none. */
export const LOG_LEVELS = ['silent', 'fatal', 'error', 'warn', 'info', 'debug', 'trace'] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/** How log lines are written: one JSON object per line (for log shippers), or one readable line each. */
export type LogFormat = 'json' | 'pretty';

/** The structured logger the cluster and the admin API write to (pino's, or one that drops everything). */
export interface Logger {
  error(fields: object, message: string): void;
  warn(fields: object, message: string): void;
  info(fields: object, message: string): void;
  debug(fields: object, message: string): void;
}

export interface LoggerOptions {
  readonly level: LogLevel;
  readonly format: LogFormat;
  readonly destination: LineSink & { readonly isTTY?: boolean };
  /** Log lines carry the cluster's time: under a virtual clock, the time the simulation is at. */
  readonly clock: Clock;
}

const ignore = (): void => {};

/** Drops everything without formatting anything: what a cluster logs by default (tests stay quiet). */
export const SILENT_LOGGER: Logger = { error: ignore, warn: ignore, info: ignore, debug: ignore };

/** A pino logger, loaded only when something is to be logged (importing pino costs tens of milliseconds). */
export async function createLogger(options: LoggerOptions): Promise<Logger> {
  if (options.level === 'silent') return SILENT_LOGGER;
  const { pino } = await import('pino');
  const destination = options.format === 'pretty' ? prettyDestination(options.destination, colourFor(options.destination)) : options.destination;
  const logger: Logger = pino({
    level: options.level,
    base: undefined,
    timestamp: () => `,"time":${Math.round(options.clock.nowMs())}`,
  }, destination);
  return logger;
}
