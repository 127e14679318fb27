import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type { Command } from 'commander';
import type { CassanovaCluster, TlsOption } from '../main.js';
import { CliError } from './cli-io.js';

/** The TLS flags of start and run, as commander parses them. */
export interface TlsCommandOptions {
  readonly tlsCert?: string;
  readonly tlsKey?: string;
  readonly tlsCa?: string;
  readonly tlsRequireClientAuth?: boolean;
  readonly tlsSelfSigned?: boolean;
  readonly tlsOptional?: boolean;
  readonly tlsCaOut?: string;
}

/** client_encryption_options on the command line. */
export function addTlsOptions(command: Command): Command {
  return command
    .option('--tls-self-signed', 'serve CQL over TLS with a CA and node certificates generated at start; the CA is written to a file for clients (see --tls-ca-out)')
    .option('--tls-cert <file>', "serve CQL over TLS with this certificate (PEM; with --tls-key)")
    .option('--tls-key <file>', "the private key of --tls-cert (PEM)")
    .option('--tls-ca <file>', 'the CA certificates (PEM) that client certificates must chain to (a truststore)')
    .option('--tls-require-client-auth', 'refuse clients without a certificate from --tls-ca')
    .option('--tls-optional', 'take plain connections on the same port too')
    .option('--tls-ca-out <file>', "where --tls-self-signed writes its CA (default: ca.pem in --data-dir or --dir, else in a temporary folder)");
}

/** The startCluster `tls` option the flags stand for; a combination that makes no sense is a usage error. */
export function tlsOption(opts: TlsCommandOptions): TlsOption | undefined {
  const selfSigned = opts.tlsSelfSigned === true;
  const certificate = opts.tlsCert !== undefined || opts.tlsKey !== undefined;
  const anyOther = opts.tlsCa !== undefined || opts.tlsRequireClientAuth === true || opts.tlsOptional === true || opts.tlsCaOut !== undefined;
  if (!selfSigned && !certificate) {
    if (anyOther) throw new CliError('TLS needs --tls-self-signed, or --tls-cert and --tls-key', 2);
    return undefined;
  }
  if (selfSigned && certificate) throw new CliError('--tls-self-signed generates the certificate: give it, or --tls-cert and --tls-key, not both', 2);
  if (!selfSigned && (opts.tlsCert === undefined || opts.tlsKey === undefined)) throw new CliError('--tls-cert and --tls-key go together', 2);
  if (!selfSigned && opts.tlsCaOut !== undefined) throw new CliError('--tls-ca-out is for --tls-self-signed', 2);
  if (opts.tlsRequireClientAuth === true && opts.tlsCa === undefined) throw new CliError('--tls-require-client-auth needs --tls-ca', 2);
  return {
    ...(selfSigned ? { selfSigned } : { cert: opts.tlsCert, key: opts.tlsKey }),
    ca: opts.tlsCa,
    requireClientAuth: opts.tlsRequireClientAuth,
    optional: opts.tlsOptional,
  };
}

/** The CA file written for clients, and how to let go of it when the cluster stops. */
export interface CaFile {
  readonly path: string;
  /** Removes a temporary folder made for it; a file the user placed stays. */
  remove(): void;
}

/**
 * Writes the generated CA where clients can read it: --tls-ca-out, else ca.pem in the cluster's folder,
 * else in a temporary folder removed when the cluster stops. Null when the CA was not generated here.
 */
export function writeCaFile(cluster: CassanovaCluster, opts: TlsCommandOptions, folder: string | undefined): CaFile | null {
  if (opts.tlsSelfSigned !== true || cluster.tlsCa === null) return null;
  const temporary = opts.tlsCaOut === undefined && folder === undefined ? mkdtempSync(join(tmpdir(), 'cassanova-tls-')) : null;
  const path = resolve(opts.tlsCaOut ?? join(folder ?? temporary!, 'ca.pem'));
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, cluster.tlsCa);
  return { path, remove: () => { if (temporary !== null) rmSync(temporary, { recursive: true, force: true }); } };
}
