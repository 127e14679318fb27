import { describe, expect, it } from 'vitest';
import { AuthenticationError } from '../errors/index.js';
import { decodeCredentials } from './password-authenticator.js';

const token = (...parts: string[]): Buffer => Buffer.from(parts.join('\0'));

describe('SASL PLAIN credentials', () => {
  it('reads authzid NUL authcid NUL password, ignoring the authorization id', () => {
    expect(decodeCredentials(token('', 'cassandra', 'pw'))).toEqual({ username: 'cassandra', password: 'pw' });
    expect(decodeCredentials(token('someone', 'bob', 'p w'))).toEqual({ username: 'bob', password: 'p w' });
  });

  it('refuses what PasswordAuthenticator refuses, with its messages', () => {
    const message = (t: Buffer): string => {
      try {
        decodeCredentials(t);
      } catch (e) {
        expect(e).toBeInstanceOf(AuthenticationError);
        return (e as Error).message;
      }
      return 'accepted';
    };
    expect(message(token('cassandra'))).toBe('Password must not be null');
    expect(message(token('', 'cassandra', ''))).toBe('Password must not be null');
    expect(message(token('cassandra', 'pw'))).toBe('Authentication ID must not be null');
    expect(message(token('', '', 'pw'))).toBe('Authentication ID must not be null');
    expect(message(token('a', 'b', 'c', 'd'))).toBe('Credential format error: username or password is empty or contains NUL(\\0) character');
  });
});
