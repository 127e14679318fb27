import { SyntaxError } from '../../../errors/index.js';
import type { OptionValue, Properties } from '../../ast/index.js';

/**
 * The WITH options of a statement, read the way Cassandra's PropertyDefinitions reads them: every value is
 * text or a map of text, and a wrongly shaped value is a syntax error.
 */
export class PropertyDefinitions {
  private readonly values = new Map<string, OptionValue>();

  constructor(properties: Properties) {
    for (const [name, value] of properties.entries) {
      if (this.values.has(name)) throw new SyntaxError(`Multiple definition for property '${name}'`);
      this.values.set(name, value);
    }
  }

  /** Rejects any property that is not one of `keywords`. */
  validate(keywords: ReadonlySet<string>): void {
    for (const name of this.values.keys()) {
      if (!keywords.has(name)) throw new SyntaxError(`Unknown property '${name}'`);
    }
  }

  has(name: string): boolean {
    return this.values.has(name);
  }

  get isEmpty(): boolean {
    return this.values.size === 0;
  }

  getString(name: string): string | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (value.kind !== 'constant') throw new SyntaxError(`Invalid value for property '${name}'. It should be a string`);
    return value.text;
  }

  getMap(name: string): Map<string, string> | undefined {
    const value = this.values.get(name);
    if (value === undefined) return undefined;
    if (value.kind !== 'map') throw new SyntaxError(`Invalid value for property '${name}'. It should be a map.`);
    return new Map(value.entries);
  }

  getBoolean(name: string): boolean | undefined {
    const value = this.getString(name);
    return value === undefined ? undefined : parseBoolean(name, value);
  }

  getInt(name: string): number | undefined {
    const value = this.getString(name);
    if (value === undefined) return undefined;
    const parsed = parseJavaInt(value);
    if (parsed === undefined) throw new SyntaxError(`Invalid integer value ${value} for '${name}'`);
    return parsed;
  }

  getDouble(name: string): number | undefined {
    const value = this.getString(name);
    if (value === undefined) return undefined;
    const parsed = parseJavaDouble(value);
    if (parsed === undefined) throw new SyntaxError(`Invalid double value ${value} for '${name}'`);
    return parsed;
  }
}

export function parseBoolean(name: string, value: string): boolean {
  const lower = value.toLowerCase();
  if (lower === '1' || lower === 'true' || lower === 'yes') return true;
  if (lower === '0' || lower === 'false' || lower === 'no') return false;
  throw new SyntaxError(
    `Invalid boolean value ${value} for '${name}'. Positive values can be '1', 'true' or 'yes' (case insensitive). ` +
      `Negative values can be '0', 'false' or 'no' (case insensitive).`,
  );
}

/** Integer.parseInt: an optional sign and decimal digits, within 32 bits. */
export function parseJavaInt(text: string): number | undefined {
  if (!/^[+-]?\d+$/.test(text)) return undefined;
  const value = Number(text);
  return value >= -2147483648 && value <= 2147483647 ? value : undefined;
}

/** Double.parseDouble for the forms CQL constants can take. */
export function parseJavaDouble(text: string): number | undefined {
  const trimmed = text.trim();
  if (!/^[+-]?(NaN|Infinity|(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?[fFdD]?)$/.test(trimmed)) return undefined;
  return Number(trimmed.replace(/[fFdD]$/, ''));
}
