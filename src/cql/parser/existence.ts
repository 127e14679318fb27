/**
 * The IF NOT EXISTS / IF EXISTS flags that INSERT and the DDL statements share.
 */
import type { Parser } from './parser.js';

/** `IF NOT EXISTS`, if present. */
export function ifNotExists(p: Parser): boolean {
  if (!p.accept('K_IF')) return false;
  p.expect('K_NOT');
  p.expect('K_EXISTS');
  return true;
}

/** `IF EXISTS`, if present. */
export function ifExists(p: Parser): boolean {
  if (!p.accept('K_IF')) return false;
  p.expect('K_EXISTS');
  return true;
}
