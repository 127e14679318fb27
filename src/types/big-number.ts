/**
 * varint and decimal (spec §6.17, §6.5): varints are minimal big-endian two's complement (Java's
 * BigInteger.toByteArray); decimals are an int scale followed by the varint unscaled value, worth
 * unscaled × 10^-scale.
 */
export interface DecimalValue {
  readonly unscaled: bigint;
  readonly scale: number;
}

export function varintToBytes(value: bigint): Buffer {
  // Bytes needed so that the top bit is the sign bit: bit length of the magnitude in the sign's frame, plus one.
  const magnitude = value < 0n ? -value - 1n : value;
  const byteCount = Math.floor(magnitude.toString(2).length / 8) + 1;
  const out = Buffer.alloc(byteCount);
  let rest = BigInt.asUintN(byteCount * 8, value);
  for (let i = byteCount - 1; i >= 0; i--) {
    out[i] = Number(rest & 0xffn);
    rest >>= 8n;
  }
  return out;
}

export function varintFromBytes(buf: Buffer): bigint {
  if (buf.length === 0) return 0n;
  if (buf.length <= 6) return BigInt(buf.readIntBE(0, buf.length));
  return BigInt.asIntN(buf.length * 8, BigInt('0x' + buf.toString('hex')));
}

const DECIMAL_TEXT = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/;

/** Java's new BigDecimal(String): keeps every digit written, so '1.50' has scale 2 and '1e3' scale -3. */
export function parseDecimal(text: string): DecimalValue | undefined {
  const m = DECIMAL_TEXT.exec(text);
  if (m === null) return undefined;
  const [, sign, whole = '', fraction = '', exponent = '0'] = m;
  if (whole === '' && fraction === '') return undefined;
  const scale = fraction.length - Number(exponent);
  if (!Number.isSafeInteger(scale) || scale > 2147483647 || scale < -2147483648) return undefined;
  const unscaled = BigInt(whole + fraction || '0');
  return { unscaled: sign === '-' ? -unscaled : unscaled, scale };
}

export function decimalToBytes(value: DecimalValue): Buffer {
  const scale = Buffer.alloc(4);
  scale.writeInt32BE(value.scale);
  return Buffer.concat([scale, varintToBytes(value.unscaled)]);
}

export function decimalFromBytes(buf: Buffer): DecimalValue {
  return { scale: buf.readInt32BE(0), unscaled: varintFromBytes(buf.subarray(4)) };
}

/** BigDecimal.toPlainString: no exponent, trailing zeros kept. */
export function formatDecimalPlain({ unscaled, scale }: DecimalValue): string {
  const negative = unscaled < 0n;
  const digits = (negative ? -unscaled : unscaled).toString();
  let body: string;
  if (scale <= 0) {
    body = unscaled === 0n ? '0' : digits + '0'.repeat(-scale);
  } else if (digits.length > scale) {
    body = `${digits.slice(0, digits.length - scale)}.${digits.slice(digits.length - scale)}`;
  } else {
    body = `0.${'0'.repeat(scale - digits.length)}${digits}`;
  }
  return negative ? '-' + body : body;
}

/** Numeric order (1.0 equals 1.00), as BigDecimal.compareTo. */
export function compareDecimals(a: DecimalValue, b: DecimalValue): number {
  const signA = sign(a.unscaled);
  const signB = sign(b.unscaled);
  if (signA !== signB || signA === 0) return Math.sign(signA - signB);
  // Compare orders of magnitude first so that wildly different scales never build huge powers of ten.
  const exponentA = digitCount(a.unscaled) - a.scale;
  const exponentB = digitCount(b.unscaled) - b.scale;
  if (exponentA !== exponentB) return exponentA > exponentB ? signA : -signA;
  const common = Math.max(a.scale, b.scale);
  const left = a.unscaled * 10n ** BigInt(common - a.scale);
  const right = b.unscaled * 10n ** BigInt(common - b.scale);
  return left < right ? -1 : left > right ? 1 : 0;
}

function sign(v: bigint): number {
  return v < 0n ? -1 : v > 0n ? 1 : 0;
}

function digitCount(v: bigint): number {
  return (v < 0n ? -v : v).toString().length;
}
