import bcrypt from 'bcryptjs';
import type { SeededRandom } from '../common/index.js';

/** 2^10 rounds, CassandraRoleManager's default (cassandra.auth_bcrypt_gensalt_log2_rounds). */
export const BCRYPT_LOG2_ROUNDS = 10;
const SALT_BYTES = 16;

/**
 * A bcrypt hash as Cassandra's jBCrypt writes it: `$2a$10$` then salt and hash. The salt comes from the
 * cluster's seeded random, so that a seeded run stores the same hashes. Hashing yields to the event loop
 * (bcryptjs' async form), as it takes tens of milliseconds.
 */
export function hashPassword(password: string, random: SeededRandom): Promise<string> {
  const rounds = String(BCRYPT_LOG2_ROUNDS).padStart(2, '0');
  const salt = `$2a$${rounds}$${bcrypt.encodeBase64(random.bytes(SALT_BYTES), SALT_BYTES)}`;
  return bcrypt.hash(password, salt);
}

/** Whether `password` matches `hash`; a malformed hash never matches (PasswordAuthenticator.checkpw). */
export async function checkPassword(password: string, hash: string): Promise<boolean> {
  try {
    return await bcrypt.compare(password, hash);
  } catch {
    return false;
  }
}

/** Whether `hash` is a bcrypt hash that jBCrypt could check (HASHED PASSWORD values). */
export function isBcryptHash(hash: string): boolean {
  return /^\$2[abxy]?\$\d{2}\$[./A-Za-z0-9]{53}$/.test(hash);
}
