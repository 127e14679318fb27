/**
 * Java's Double.toString and Float.toString, which Cassandra uses to print float and double values:
 * the shortest digits that read back, plain between 10^-3 and 10^7, else d.dddEn; always a '.'.
 */
export function formatJavaDouble(value: number): string {
  return formatJava(value, value.toExponential());
}

export function formatJavaFloat(value: number): string {
  if (!Number.isFinite(value) || value === 0) return formatJava(value, '');
  // The shortest decimal that rounds back to the same 32-bit float.
  for (let precision = 1; precision <= 9; precision++) {
    const candidate = value.toExponential(precision - 1);
    if (Math.fround(Number(candidate)) === value) return formatJava(value, candidate);
  }
  return formatJava(value, value.toExponential(8));
}

/** `exponential` is the value in JS exponential form (d.ddde±n) with the digits to show. */
function formatJava(value: number, exponential: string): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return 'Infinity';
  if (value === -Infinity) return '-Infinity';
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const [mantissa = '', exponentText = '0'] = exponential.split('e');
  const negative = mantissa.startsWith('-');
  const digits = mantissa.replace('-', '').replace('.', '');
  const exponent = Number(exponentText);
  const abs = Math.abs(value);
  let body: string;
  if (abs >= 1e-3 && abs < 1e7) {
    if (exponent >= 0) {
      const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
      body = `${whole}.${digits.slice(exponent + 1) || '0'}`;
    } else {
      body = `0.${'0'.repeat(-exponent - 1)}${digits}`;
    }
  } else {
    body = `${digits[0]}.${digits.slice(1) || '0'}E${exponent}`;
  }
  return negative ? '-' + body : body;
}
