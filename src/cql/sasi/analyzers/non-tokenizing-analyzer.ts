import type { CqlType } from '../../../types/index.js';
import { isTextType, javaBoolean, nfc, textCodec, type Analyzer } from './analyzer.js';

export const CASE_SENSITIVE = 'case_sensitive';
export const NORMALIZE_LOWERCASE = 'normalize_lowercase';
export const NORMALIZE_UPPERCASE = 'normalize_uppercase';

/**
 * NonTokenizingAnalyzer: the whole value is one term, lower-cased when `case_sensitive` is false, or
 * normalized to one case by `normalize_lowercase` / `normalize_uppercase` (which a case-sensitive index
 * only may take: the options' validation refuses both together). Values of other types yield no term.
 */
export function nonTokenizingAnalyzer(options: ReadonlyMap<string, string>, type: CqlType): Analyzer {
  if (!isTextType(type)) return { isTokenizing: false, analyze: () => [] };
  const caseSensitive = options.has(CASE_SENSITIVE) ? javaBoolean(options.get(CASE_SENSITIVE)) : true;
  const lower = !caseSensitive || javaBoolean(options.get(NORMALIZE_LOWERCASE));
  const upper = caseSensitive && javaBoolean(options.get(NORMALIZE_UPPERCASE));
  const { decode, encode } = textCodec(type);
  return {
    isTokenizing: false,
    analyze(value) {
      let text = decode(value);
      if (lower) text = text.toLowerCase();
      if (upper) text = text.toUpperCase();
      return [encode(nfc(text))];
    },
  };
}

/** NonTokenizingAnalyzer.validate's own rule, beside the column type. */
export function nonTokenizingOptionsError(options: ReadonlyMap<string, string>): string | null {
  return options.has(CASE_SENSITIVE) && (options.has(NORMALIZE_LOWERCASE) || options.has(NORMALIZE_UPPERCASE))
    ? 'case_sensitive option cannot be specified together with either normalize_lowercase or normalize_uppercase'
    : null;
}
