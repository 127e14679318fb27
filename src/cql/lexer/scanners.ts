/**
 * Character classes and the sub-scanners of Lexer.g's composite rules (EXPONENT, DURATION, UUID).
 * Each returns the offset where its match ends, so the lexer can pick the longest match.
 */

export function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Lexer.g's LETTER: ASCII only. */
export function isLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export function isHex(c: number): boolean {
  return isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

function digitsEnd(s: string, at: number): number {
  while (isDigit(s.charCodeAt(at))) at++;
  return at;
}

/** EXPONENT: E ('+' | '-')? DIGIT+. Returns `at` when there is none. */
export function scanExponent(s: string, at: number): number {
  if ((s.charCodeAt(at) | 0x20) !== 0x65 /* e */) return at;
  let i = at + 1;
  const sign = s.charCodeAt(i);
  if (sign === 0x2b || sign === 0x2d) i++;
  const end = digitsEnd(s, i);
  return end > i ? end : at;
}

/** DURATION_UNIT, case-insensitive: y mo w d h m s ms us µs ns. Returns -1 when none starts here. */
function scanUnit(s: string, at: number): number {
  const c = s.charCodeAt(at) | 0x20;
  const next = s.charCodeAt(at + 1) | 0x20;
  switch (c) {
    case 0x79: case 0x77: case 0x64: case 0x68: case 0x73: return at + 1; // y w d h s
    case 0x6d: return next === 0x6f || next === 0x73 ? at + 2 : at + 1; // mo ms m
    case 0x75: case 0x6e: return next === 0x73 ? at + 2 : -1; // us ns
    case 0xb5: return s.charCodeAt(at) === 0xb5 && next === 0x73 ? at + 2 : -1; // µs
    default: return -1;
  }
}

/**
 * The rest of a `DIGIT+ DURATION_UNIT (DIGIT+ DURATION_UNIT)*` duration whose first digits end at
 * `at`; returns `at` when no unit follows.
 */
export function scanDuration(s: string, at: number): number {
  let end = scanUnit(s, at);
  if (end < 0) return at;
  for (;;) {
    const digits = digitsEnd(s, end);
    if (digits === end) return end;
    const unit = scanUnit(s, digits);
    if (unit < 0) return end;
    end = unit;
  }
}

/**
 * `DIGIT+ X` groups whose designators X appear in the given order, each at most once (the ISO 8601
 * designator forms). Returns the end of the last complete group, or 0 if there is none.
 */
function scanDesignators(s: string, at: number, designators: string): number {
  let end = 0;
  let next = 0;
  for (let i = at; ;) {
    const digits = digitsEnd(s, i);
    if (digits === i) return end;
    const found = designators.indexOf(s.charAt(digits), next);
    if (found < 0 || digits >= s.length) return end;
    next = found + 1;
    i = end = digits + 1;
  }
}

/** `P0001-02-03T04:05:06`: ISO 8601's alternative format, digit counts fixed. */
function scanAlternativeFormat(s: string, at: number): number {
  const shape = 'dddd-dd-ddTdd:dd:dd';
  for (let k = 0; k < shape.length; k++) {
    const expected = shape.charAt(k);
    const c = s.charCodeAt(at + k);
    if (expected === 'd' ? !isDigit(c) : s.charAt(at + k) !== expected) return 0;
  }
  return at + shape.length;
}

/**
 * An ISO 8601 duration starting with the (case-sensitive) 'P' at `at`: P1Y2M3DT4H5M6S, PT1H, P2W or
 * the alternative format. Returns its end, or 0 if none matches.
 */
export function scanIsoDuration(s: string, at: number): number {
  if (s.charCodeAt(at) !== 0x50) return 0;
  let best = scanAlternativeFormat(s, at + 1);
  if (s.charCodeAt(at + 1) === 0x54 /* T */) best = Math.max(best, scanDesignators(s, at + 2, 'HMS'));
  const week = digitsEnd(s, at + 1);
  if (week > at + 1 && s.charCodeAt(week) === 0x57 /* W */) best = Math.max(best, week + 1);
  const date = scanDesignators(s, at + 1, 'YMD');
  if (date > 0) {
    const time = s.charCodeAt(date) === 0x54 ? scanDesignators(s, date + 1, 'HMS') : 0;
    best = Math.max(best, time > 0 ? time : date);
  }
  return best;
}

export type UuidScan =
  | { readonly kind: 'none' }
  | { readonly kind: 'uuid'; readonly end: number }
  /** Committed to a UUID but it is malformed at `end`, where a dash or a hex digit was expected. */
  | { readonly kind: 'malformed'; readonly end: number; readonly expectDash: boolean };

const UUID_GROUPS = [8, 4, 4, 4, 12];

/** A UUID starts wherever eight hex digits are followed by a dash. */
export function scanUuid(s: string, at: number): UuidScan {
  for (let k = 0; k < 8; k++) if (!isHex(s.charCodeAt(at + k))) return { kind: 'none' };
  if (s.charCodeAt(at + 8) !== 0x2d) return { kind: 'none' };
  let i = at + 9;
  for (let g = 1; g < UUID_GROUPS.length; g++) {
    const size = UUID_GROUPS[g] ?? 0;
    for (let k = 0; k < size; k++, i++) {
      if (!isHex(s.charCodeAt(i))) return { kind: 'malformed', end: i, expectDash: false };
    }
    if (g < UUID_GROUPS.length - 1) {
      if (s.charCodeAt(i) !== 0x2d) return { kind: 'malformed', end: i, expectDash: true };
      i++;
    }
  }
  return { kind: 'uuid', end: i };
}
