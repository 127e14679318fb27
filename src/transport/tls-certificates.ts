import { randomBytes, webcrypto } from 'node:crypto';
import { isIP } from 'node:net';

type X509Library = typeof import('@peculiar/x509');

let library: Promise<X509Library> | null = null;

/**
 * @peculiar/x509, loaded on first use: it needs a Reflect metadata polyfill installed first, and together
 * they take ~250 ms to import, which only clusters that generate certificates should pay.
 */
async function x509(): Promise<X509Library> {
  library ??= import('reflect-metadata').then(() => import('@peculiar/x509'));
  return library;
}

/** EC P-256 with ECDSA/SHA-256: a key pair is generated in about a millisecond (RSA 2048 takes ~100 ms). */
const ALGORITHM = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' } as const;
/** Node's WebCrypto, handed to each call rather than set as the library's global provider. */
const CRYPTO = webcrypto;

/** When a certificate is valid, by the real clock (OpenSSL checks it against the machine's time). */
export interface Validity {
  readonly notBefore: Date;
  readonly notAfter: Date;
}

/** A certificate and its private key, as PEM (PKCS#8 for the key): what node:tls takes. */
export interface KeyAndCertificate {
  readonly certPem: string;
  readonly keyPem: string;
}

/** A certificate to issue: its subject and, for a server, the names clients may dial it by. */
export interface CertificateRequest {
  readonly commonName: string;
  /** subjectAltName entries: IP addresses become IP SANs, anything else a DNS name. */
  readonly altNames?: readonly string[];
  readonly validity: Validity;
}

interface KeyPair {
  readonly privateKey: webcrypto.CryptoKey;
  readonly publicKey: webcrypto.CryptoKey;
}

async function keyPair(): Promise<KeyPair> {
  return CRYPTO.subtle.generateKey(ALGORITHM, true, ['sign', 'verify']);
}

/** A positive serial number of 64 random bits (RFC 5280 asks for unique serials per issuer). */
function serialNumber(): string {
  const bytes = randomBytes(8);
  bytes[0]! &= 0x7f;
  return bytes.toString('hex');
}

/** Escapes what a distinguished name's attribute value may not hold unescaped (RFC 4514). */
function distinguishedName(commonName: string): string {
  return `CN=${commonName.replace(/[,+"\\<>;=]/g, (c) => `\\${c}`)}`;
}

/**
 * A certificate authority made on the spot: the CA of `tls: 'self-signed'`, and of the tests' client and
 * server certificates. Certificates it issues serve as server and as client certificates alike.
 */
export class CertificateAuthority {
  private constructor(
    private readonly library: X509Library,
    private readonly keys: KeyPair,
    private readonly subject: string,
    /** The CA certificate, as PEM: what clients trust. */
    readonly certPem: string,
  ) {}

  static async create(commonName: string, validity: Validity): Promise<CertificateAuthority> {
    const lib = await x509();
    const keys = await keyPair();
    const subject = distinguishedName(commonName);
    const certificate = await lib.X509CertificateGenerator.createSelfSigned({
      serialNumber: serialNumber(),
      name: subject,
      ...validity,
      keys,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new lib.BasicConstraintsExtension(true, undefined, true),
        new lib.KeyUsagesExtension(lib.KeyUsageFlags.keyCertSign | lib.KeyUsageFlags.cRLSign, true),
      ],
    }, CRYPTO);
    return new CertificateAuthority(lib, keys, subject, certificate.toString('pem'));
  }

  /** A new key pair and a certificate for it, signed by this authority. */
  async issue(request: CertificateRequest): Promise<KeyAndCertificate> {
    const lib = this.library;
    const keys = await keyPair();
    const altNames = (request.altNames ?? []).map((name) => ({ type: isIP(name) === 0 ? 'dns' as const : 'ip' as const, value: name }));
    const certificate = await lib.X509CertificateGenerator.create({
      serialNumber: serialNumber(),
      subject: distinguishedName(request.commonName),
      issuer: this.subject,
      ...request.validity,
      signingKey: this.keys.privateKey,
      publicKey: keys.publicKey,
      signingAlgorithm: ALGORITHM,
      extensions: [
        new lib.BasicConstraintsExtension(false, undefined, true),
        new lib.KeyUsagesExtension(lib.KeyUsageFlags.digitalSignature | lib.KeyUsageFlags.keyAgreement, true),
        new lib.ExtendedKeyUsageExtension([lib.ExtendedKeyUsage.serverAuth, lib.ExtendedKeyUsage.clientAuth]),
        ...(altNames.length > 0 ? [new lib.SubjectAlternativeNameExtension(altNames)] : []),
      ],
    }, CRYPTO);
    const pkcs8 = await CRYPTO.subtle.exportKey('pkcs8', keys.privateKey);
    return { certPem: certificate.toString('pem'), keyPem: lib.PemConverter.encode(pkcs8, 'PRIVATE KEY') };
  }
}
