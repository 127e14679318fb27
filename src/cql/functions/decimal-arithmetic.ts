/**
 * BigDecimal arithmetic under MathContext.DECIMAL128 (34 significant digits, rounding HALF_EVEN), which
 * Cassandra's DecimalType uses for the arithmetic operators: the scales of the results follow Java's
 * rules (sum: the larger scale; product: the sum of scales; quotient: as exact as 34 digits allow, with
 * trailing zeros stripped down to the preferred scale).
 */
import type { DecimalValue } from '../../types/index.js';

const PRECISION = 34;

/** An arithmetic failure, with Java's message (ArithmeticException). */
export class ArithmeticFailure extends Error {}

function digitCount(n: bigint): number {
  return n === 0n ? 1 : (n < 0n ? -n : n).toString().length;
}

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Drops `drop` digits of `unscaled`, rounding half to even; `sticky` says digits beyond were not all zero. */
function roundOff(unscaled: bigint, drop: number, sticky: boolean): bigint {
  const divisor = pow10(drop);
  const negative = unscaled < 0n;
  const magnitude = negative ? -unscaled : unscaled;
  let q = magnitude / divisor;
  const r = magnitude % divisor;
  const twice = 2n * r;
  if (twice > divisor || (twice === divisor && (sticky || q % 2n === 1n))) q += 1n;
  return negative ? -q : q;
}

/** Rounds to 34 significant digits; `sticky` marks a value already known to be inexact below its last digit. */
function round(value: DecimalValue, sticky = false): DecimalValue {
  let { unscaled, scale } = value;
  const drop = digitCount(unscaled) - PRECISION;
  if (drop <= 0) return value;
  unscaled = roundOff(unscaled, drop, sticky);
  scale -= drop;
  if (digitCount(unscaled) > PRECISION) { // 99..9 rounded up to 10..0
    unscaled /= 10n;
    scale -= 1;
  }
  return { unscaled, scale };
}

function rescale(value: DecimalValue, scale: number): bigint {
  return value.unscaled * pow10(scale - value.scale);
}

export function decimalAdd(a: DecimalValue, b: DecimalValue): DecimalValue {
  const scale = Math.max(a.scale, b.scale);
  return round({ unscaled: rescale(a, scale) + rescale(b, scale), scale });
}

export function decimalNegate(a: DecimalValue): DecimalValue {
  return { unscaled: -a.unscaled, scale: a.scale };
}

export function decimalSubtract(a: DecimalValue, b: DecimalValue): DecimalValue {
  return decimalAdd(a, decimalNegate(b));
}

export function decimalMultiply(a: DecimalValue, b: DecimalValue): DecimalValue {
  return round({ unscaled: a.unscaled * b.unscaled, scale: a.scale + b.scale });
}

function checkDivisor(a: DecimalValue, b: DecimalValue): void {
  if (b.unscaled !== 0n) return;
  throw new ArithmeticFailure(a.unscaled === 0n ? 'Division undefined' : 'Division by zero');
}

/** Strips trailing zeros while the scale stays above `preferred`; a zero takes the preferred scale. */
function stripTo(value: DecimalValue, preferred: number): DecimalValue {
  let { unscaled, scale } = value;
  while (scale > preferred && unscaled % 10n === 0n && unscaled !== 0n) {
    unscaled /= 10n;
    scale -= 1;
  }
  return { unscaled, scale: unscaled === 0n ? preferred : scale };
}

/** BigDecimal.divide(divisor, DECIMAL128). */
export function decimalDivide(a: DecimalValue, b: DecimalValue): DecimalValue {
  checkDivisor(a, b);
  const preferred = a.scale - b.scale;
  if (a.unscaled === 0n) return { unscaled: 0n, scale: preferred };
  // Enough extra digits that an inexact quotient shows more than 34 of them.
  const extra = Math.max(0, PRECISION + 1 + digitCount(b.unscaled) - digitCount(a.unscaled));
  const numerator = a.unscaled * pow10(extra);
  const q = numerator / b.unscaled;
  const exact = numerator % b.unscaled === 0n;
  const value = { unscaled: q, scale: preferred + extra };
  return exact ? round(stripTo(value, preferred)) : round(value, true);
}

/** BigDecimal.remainder(divisor, DECIMAL128): this - divideToIntegralValue(divisor) * divisor. */
export function decimalRemainder(a: DecimalValue, b: DecimalValue): DecimalValue {
  checkDivisor(a, b);
  const scale = Math.max(a.scale, b.scale);
  const whole = rescale(a, scale) / rescale(b, scale);
  const preferred = a.scale - b.scale;
  // The integral quotient carries the preferred scale: padded with zeros above 0, stripped below it.
  const quotient = preferred >= 0
    ? { unscaled: whole * pow10(preferred), scale: preferred }
    : stripTo({ unscaled: whole, scale: 0 }, preferred);
  return decimalSubtract(a, decimalMultiply(quotient, b));
}
