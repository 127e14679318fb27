import type { CqlType } from '../../../types/index.js';

/**
 * What SASI's AbstractAnalyzer does for one value: the terms a column value (or a query value) is indexed
 * and looked up by. Terms are serialized as the column's type serializes them (UTF-8 or ASCII for text).
 */
export interface Analyzer {
  /** Whether a value may yield several terms (then `=` is refused, as ColumnIndex.supports does). */
  readonly isTokenizing: boolean;
  analyze(value: Buffer): Buffer[];
}

/** The analyzers SASI ships, by the class names `analyzer_class` takes. */
export type AnalyzerName = 'NoOpAnalyzer' | 'NonTokenizingAnalyzer' | 'StandardAnalyzer' | 'DelimiterAnalyzer';

const ANALYZER_PACKAGE = 'org.apache.cassandra.index.sasi.analyzer.';

/** The analyzer an `analyzer_class` option names, or null when Cassandra would not find the class. */
export function analyzerNamed(className: string): AnalyzerName | null {
  if (!className.startsWith(ANALYZER_PACKAGE)) return null;
  const simple = className.slice(ANALYZER_PACKAGE.length);
  return simple === 'NoOpAnalyzer' || simple === 'NonTokenizingAnalyzer' || simple === 'StandardAnalyzer' || simple === 'DelimiterAnalyzer'
    ? simple : null;
}

/** UTF8Type and AsciiType: the types SASI treats as text (TOKENIZABLE_TYPES, VALID_ANALYZABLE_TYPES). */
export function isTextType(type: CqlType): type is { kind: 'native'; name: 'text' | 'ascii' } {
  return type.kind === 'native' && (type.name === 'text' || type.name === 'ascii');
}

/** Java's Boolean.parseBoolean: only "true", in any case, is true. */
export function javaBoolean(value: string | undefined): boolean {
  return value !== undefined && value.toLowerCase() === 'true';
}

/** The text of a value of a text type, and the way back (ASCII values stay single bytes). */
export function textCodec(type: { name: 'text' | 'ascii' }): { decode: (b: Buffer) => string; encode: (s: string) => Buffer } {
  const encoding = type.name === 'ascii' ? 'latin1' : 'utf8';
  return { decode: (b) => b.toString(encoding), encode: (s) => Buffer.from(s, encoding) };
}

/** AbstractAnalyzer.normalize: terms in Unicode normal form C. */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** NoOpAnalyzer: the value is its only term. */
export const NO_OP_ANALYZER: Analyzer = { isTokenizing: false, analyze: (value) => [value] };
