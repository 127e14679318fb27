import type { Clock } from '../common/index.js';
import { AuthenticationError, CqlError } from '../errors/index.js';
import { AuthenticatedUser } from './authenticated-user.js';
import { checkPassword } from './password-hash.js';
import type { RoleManager } from './role-manager.js';

/** The class AUTHENTICATE names, which drivers match to pick their SASL mechanism. */
export const PASSWORD_AUTHENTICATOR_CLASS = 'org.apache.cassandra.auth.PasswordAuthenticator';

/** credentials_validity (2000 ms) and credentials_cache_max_entries (1000), cassandra.yaml's defaults. */
const CREDENTIALS_VALIDITY_MS = 2000;
const CREDENTIALS_CACHE_MAX_ENTRIES = 1000;

/**
 * Cassandra's PasswordAuthenticator: SASL PLAIN credentials checked against the bcrypt hash stored in
 * system_auth.roles. Like Cassandra's CredentialsCache, a node keeps each role's hash for
 * credentials_validity after reading it (only hashes that exist are kept), so a password changed on
 * another node may still log in here for up to two seconds; the bcrypt check itself runs on every login.
 */
export class PasswordAuthenticator {
  private readonly hashes = new Map<string, { readonly hash: string; readonly readAtMs: number }>();

  constructor(private readonly roles: RoleManager, private readonly clock: Clock) {}

  newSaslNegotiator(): PlainTextSaslNegotiator {
    return new PlainTextSaslNegotiator(this);
  }

  /** The user `username` logs in as, or AuthenticationError with Cassandra's message. */
  async authenticate(username: string, password: string): Promise<AuthenticatedUser> {
    const hash = await this.hashOf(username);
    if (hash === null || !(await checkPassword(password, hash))) throw incorrect(username);
    return new AuthenticatedUser(username);
  }

  private async hashOf(username: string): Promise<string | null> {
    const now = this.clock.nowMs();
    const cached = this.hashes.get(username);
    if (cached !== undefined && now - cached.readAtMs < CREDENTIALS_VALIDITY_MS) return cached.hash;
    let hash: string | null;
    try {
      hash = await this.roles.saltedHash(username);
    } catch (e) {
      if (e instanceof AuthenticationError || !(e instanceof CqlError)) throw e;
      throw new AuthenticationError(`Unable to perform authentication: ${e.message}`);
    }
    this.hashes.delete(username);
    if (hash === null) return null;
    if (this.hashes.size >= CREDENTIALS_CACHE_MAX_ENTRIES) this.hashes.delete(this.hashes.keys().next().value!);
    this.hashes.set(username, { hash, readAtMs: now });
    return hash;
  }
}

function incorrect(username: string): AuthenticationError {
  return new AuthenticationError(`Provided username ${username} and/or password are incorrect`);
}

const NUL = 0;

/**
 * SASL PLAIN (RFC 4616) as PasswordAuthenticator reads it: `authzid NUL authcid NUL password`, split from
 * the end; the authorization id is ignored. One response completes the exchange.
 */
export class PlainTextSaslNegotiator {
  private credentials: { readonly username: string; readonly password: string } | null = null;

  constructor(private readonly authenticator: PasswordAuthenticator) {}

  /** Takes the client's token; PLAIN has no challenge, so the answer is always null. */
  evaluateResponse(token: Buffer): Buffer | null {
    this.credentials = decodeCredentials(token);
    return null;
  }

  get isComplete(): boolean {
    return this.credentials !== null;
  }

  authenticatedUser(): Promise<AuthenticatedUser> {
    if (this.credentials === null) return Promise.reject(new AuthenticationError('SASL negotiation not complete'));
    return this.authenticator.authenticate(this.credentials.username, this.credentials.password);
  }
}

export function decodeCredentials(token: Buffer): { username: string; password: string } {
  let user: Buffer | null = null;
  let pass: Buffer | null = null;
  let end = token.length;
  for (let i = token.length - 1; i >= 0; i--) {
    if (token[i] !== NUL) continue;
    if (pass === null) pass = token.subarray(i + 1, end);
    else if (user === null) user = token.subarray(i + 1, end);
    else throw new AuthenticationError('Credential format error: username or password is empty or contains NUL(\\0) character');
    end = i;
  }
  if (pass === null || pass.length === 0) throw new AuthenticationError('Password must not be null');
  if (user === null || user.length === 0) throw new AuthenticationError('Authentication ID must not be null');
  return { username: user.toString('utf8'), password: pass.toString('utf8') };
}
