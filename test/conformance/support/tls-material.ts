/**
 * Certificates for the TLS tests, made in-process with the library behind `tls: 'self-signed'`: a CA, a
 * server certificate for the loopback node addresses, and client certificates good, expired and from
 * another CA.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CertificateAuthority, type KeyAndCertificate, type Validity } from '../../../src/transport/index.js';

const DAY_MS = 24 * 60 * 60 * 1000;

export interface TlsMaterial {
  readonly caPem: string;
  /** For 127.0.0.1 to 127.0.0.9 and localhost. */
  readonly server: KeyAndCertificate;
  readonly client: KeyAndCertificate;
  /** Signed by the CA, valid for a day that ended yesterday. */
  readonly expiredClient: KeyAndCertificate;
  /** Valid, but from a CA the nodes do not trust. */
  readonly untrustedClient: KeyAndCertificate;
}

export async function makeTlsMaterial(): Promise<TlsMaterial> {
  const now = Date.now();
  const validity: Validity = { notBefore: new Date(now - DAY_MS), notAfter: new Date(now + DAY_MS) };
  const [ca, other] = await Promise.all([CertificateAuthority.create('Test CA', validity), CertificateAuthority.create('Other CA', validity)]);
  const addresses = Array.from({ length: 9 }, (_, i) => `127.0.0.${i + 1}`);
  return {
    caPem: ca.certPem,
    server: await ca.issue({ commonName: 'cassanova', altNames: [...addresses, 'localhost'], validity }),
    client: await ca.issue({ commonName: 'client', validity }),
    expiredClient: await ca.issue({ commonName: 'expired', validity: { notBefore: new Date(now - 3 * DAY_MS), notAfter: new Date(now - 2 * DAY_MS) } }),
    untrustedClient: await other.issue({ commonName: 'stranger', validity }),
  };
}

/** Writes PEM files into a fresh temporary folder; `remove` deletes it. */
export function writePemFiles(files: Readonly<Record<string, string>>): { readonly dir: string; path(name: string): string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'cassanova-tls-'));
  for (const [name, pem] of Object.entries(files)) writeFileSync(join(dir, name), pem);
  return { dir, path: (name) => join(dir, name), remove: () => rmSync(dir, { recursive: true, force: true }) };
}
