import { readFile } from 'node:fs/promises';
import { createSecureContext, type TlsOptions } from 'node:tls';
import { CertificateAuthority, type KeyAndCertificate, type Validity } from './tls-certificates.js';

/**
 * cassandra.yaml's client_encryption_options, with PEM in place of Java keystores: `cert` and `key` are
 * the nodes' certificate (chain) and private key, `ca` the certificates that client certificates must chain
 * to (the truststore), each as PEM text or a file holding it. `selfSigned` generates a CA and a certificate
 * per node address instead of `cert` and `key`.
 */
export interface ClientEncryptionOptions {
  readonly cert?: string;
  readonly key?: string;
  readonly selfSigned?: boolean;
  readonly ca?: string;
  /** require_client_auth: a client without a certificate that chains to `ca`, or with an expired one, is refused. */
  readonly requireClientAuth?: boolean;
  /** optional: TLS and plain connections on the same port, told apart by their first byte. */
  readonly optional?: boolean;
}

/** `tls` as startCluster takes it: 'self-signed' is `{ selfSigned: true }`. */
export type TlsOption = 'self-signed' | ClientEncryptionOptions;

/** How long a generated certificate is valid: from a day back (clocks of clients that lag) to a year on. */
const DAY_MS = 24 * 60 * 60 * 1000;
const SELF_SIGNED_DAYS = 365;

function isPem(text: string): boolean {
  return text.includes('-----BEGIN ');
}

/** PEM text as given, or the content of the file it names. */
async function pemOf(what: string, value: string): Promise<string> {
  if (isPem(value)) return value;
  try {
    return await readFile(value, 'utf8');
  } catch (e) {
    throw new Error(`Cannot read the TLS ${what} file ${value}: ${(e as Error).message}`, { cause: e });
  }
}

/** The rules the options follow, as an error message; null when they hold. */
function clientEncryptionProblem(options: ClientEncryptionOptions): string | null {
  const hasCert = options.cert !== undefined || options.key !== undefined;
  if (options.selfSigned === true && hasCert) return 'selfSigned generates the certificate: give it, or cert and key, not both';
  if (options.selfSigned !== true && (options.cert === undefined || options.key === undefined)) return 'cert and key are both needed (or selfSigned: true)';
  if (options.requireClientAuth === true && options.ca === undefined) return 'requireClientAuth needs ca: the certificates that client certificates must chain to';
  return null;
}

/**
 * The TLS of a cluster's native transport: what each node's listener serves, whether it insists on client
 * certificates, whether plain connections are still taken, and the CA that clients trust the nodes by.
 */
export class ClientEncryption {
  /** Server credentials by node address: a generated certificate names its node's address. */
  private readonly issued = new Map<string, Promise<KeyAndCertificate>>();

  private constructor(
    readonly requireClientAuth: boolean,
    readonly optional: boolean,
    /** The CA certificate clients should trust the nodes by: the generated one, else `ca` (null when not given). */
    readonly caPem: string | null,
    private readonly clientCaPem: string | null,
    private readonly issue: (address: string) => Promise<KeyAndCertificate>,
  ) {}

  /**
   * Reads the files the options name, or generates a CA for `selfSigned` valid from `now`: the real time
   * (OpenSSL checks validity against the machine's clock, whatever the cluster's clock says).
   */
  static async resolve(option: TlsOption, clusterName: string, now: Date): Promise<ClientEncryption> {
    const options: ClientEncryptionOptions = option === 'self-signed' ? { selfSigned: true } : option;
    const problem = clientEncryptionProblem(options);
    if (problem !== null) throw new TypeError(`Invalid startCluster option tls: ${problem}`);
    const clientCaPem = options.ca === undefined ? null : await pemOf('ca', options.ca);
    // Unreadable PEM fails here, at start, not at the first handshake.
    if (clientCaPem !== null) createSecureContext({ ca: clientCaPem });
    const requireClientAuth = options.requireClientAuth === true;
    const optional = options.optional === true;
    if (options.selfSigned === true) {
      const validity: Validity = { notBefore: new Date(now.getTime() - DAY_MS), notAfter: new Date(now.getTime() + SELF_SIGNED_DAYS * DAY_MS) };
      const authority = await CertificateAuthority.create(`Cassanova CA ${clusterName}`, validity);
      const issue = (address: string): Promise<KeyAndCertificate> =>
        authority.issue({ commonName: address, altNames: [address, 'localhost', '127.0.0.1', '::1'].filter((n, i, all) => all.indexOf(n) === i), validity });
      return new ClientEncryption(requireClientAuth, optional, authority.certPem, clientCaPem, issue);
    }
    const [certPem, keyPem] = await Promise.all([pemOf('cert', options.cert!), pemOf('key', options.key!)]);
    // So does a key that does not match its certificate.
    createSecureContext({ cert: certPem, key: keyPem });
    return new ClientEncryption(requireClientAuth, optional, clientCaPem, clientCaPem, () => Promise.resolve({ certPem, keyPem }));
  }

  /** Issues the certificates of these addresses side by side, before their listeners ask one by one. */
  async prepare(addresses: readonly string[]): Promise<void> {
    await Promise.all(addresses.map((address) => this.credentials(address)));
  }

  /** What the listener on `address` serves, with the CA for client certificates (generated once per address). */
  async credentials(address: string): Promise<Pick<TlsOptions, 'cert' | 'key' | 'ca'>> {
    let issued = this.issued.get(address);
    if (issued === undefined) {
      issued = this.issue(address);
      this.issued.set(address, issued);
    }
    const { certPem, keyPem } = await issued;
    return { cert: certPem, key: keyPem, ...(this.clientCaPem === null ? {} : { ca: this.clientCaPem }) };
  }
}
