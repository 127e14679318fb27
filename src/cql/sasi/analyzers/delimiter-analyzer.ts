import type { CqlType } from '../../../types/index.js';
import { isTextType, textCodec, type Analyzer } from './analyzer.js';

export const DELIMITER = 'delimiter';

/** DelimiterTokenizingOptions: one character, ',' unless set. */
export function delimiterOptionError(options: ReadonlyMap<string, string>): string | null {
  const value = options.get(DELIMITER);
  return value === undefined || [...value].length === 1 ? null : `Only single character delimiters supported, was ${value}`;
}

/** DelimiterAnalyzer: the pieces of the value between delimiters, empty pieces skipped; no case change. */
export function delimiterAnalyzer(options: ReadonlyMap<string, string>, type: CqlType): Analyzer {
  if (!isTextType(type)) return { isTokenizing: true, analyze: () => [] };
  const delimiter = options.get(DELIMITER) ?? ',';
  const { decode, encode } = textCodec(type);
  return {
    isTokenizing: true,
    analyze: (value) => decode(value).split(delimiter).filter((piece) => piece.length > 0).map(encode),
  };
}
