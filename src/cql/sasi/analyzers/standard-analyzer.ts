import type { CqlType } from '../../../types/index.js';
import { isTextType, javaBoolean, nfc, textCodec, type Analyzer } from './analyzer.js';
import { stemEnglish } from './english-stemmer.js';
import { ENGLISH_STOP_WORDS } from './english-stop-words.js';

export const TOKENIZATION_ENABLE_STEMMING = 'tokenization_enable_stemming';
export const TOKENIZATION_SKIP_STOP_WORDS = 'tokenization_skip_stop_words';
export const TOKENIZATION_LOCALE = 'tokenization_locale';
export const TOKENIZATION_NORMALIZE_LOWERCASE = 'tokenization_normalize_lowercase';
export const TOKENIZATION_NORMALIZE_UPPERCASE = 'tokenization_normalize_uppercase';

/** StandardTokenizerOptions' bounds on a token's length, in UTF-16 units as Java counts them. */
const MAX_TOKEN_LENGTH = 255;
/** Lucene's StandardTokenizer gives each ideograph and each hiragana its own token. */
const SINGLE_CHARACTER_TOKENS = /[\p{Script=Han}\p{Script=Hiragana}]/u;

/** StandardTokenizerOptions.build: both normalizations at once are refused. */
export function standardOptionsError(options: ReadonlyMap<string, string>): string | null {
  return javaBoolean(options.get(TOKENIZATION_NORMALIZE_LOWERCASE)) && javaBoolean(options.get(TOKENIZATION_NORMALIZE_UPPERCASE))
    ? 'Options to normalize terms cannot be both uppercase and lowercase at the same time'
    : null;
}

/**
 * StandardAnalyzer: words as Unicode text segmentation (UAX #29, which Lucene's StandardTokenizer
 * implements) finds them, then, as the options ask, one case, stop words of the locale skipped and
 * stems of the locale's language. Only English has stop words and a stemmer here.
 */
export function standardAnalyzer(options: ReadonlyMap<string, string>, type: CqlType): Analyzer {
  if (!isTextType(type)) return { isTokenizing: true, analyze: () => [] };
  const { decode, encode } = textCodec(type);
  const filter = termFilter(options);
  const segmenter = new Intl.Segmenter('en', { granularity: 'word' });
  return {
    isTokenizing: true,
    analyze(value) {
      const terms: Buffer[] = [];
      for (const { segment, isWordLike } of segmenter.segment(decode(value))) {
        if (isWordLike !== true) continue;
        for (const token of splitIdeographs(segment)) {
          if (token.length > MAX_TOKEN_LENGTH) continue;
          const term = filter(token);
          if (term !== null) terms.push(encode(nfc(term)));
        }
      }
      return terms;
    },
  };
}

/** The filter pipeline of StandardAnalyzer: lower or upper case, stop words (null: skipped), stemming. */
function termFilter(options: ReadonlyMap<string, string>): (token: string) => string | null {
  const lower = javaBoolean(options.get(TOKENIZATION_NORMALIZE_LOWERCASE));
  const upper = javaBoolean(options.get(TOKENIZATION_NORMALIZE_UPPERCASE));
  // new Locale(value).getLanguage(), cut to its first two letters as the stop-word and stemmer factories do.
  const language = options.get(TOKENIZATION_LOCALE)?.toLowerCase().slice(0, 2);
  const stopWords = javaBoolean(options.get(TOKENIZATION_SKIP_STOP_WORDS)) && language === 'en' ? ENGLISH_STOP_WORDS : null;
  const stem = javaBoolean(options.get(TOKENIZATION_ENABLE_STEMMING)) && language === 'en';
  return (token) => {
    let term = lower ? token.toLowerCase() : upper ? token.toUpperCase() : token;
    if (stopWords?.has(term) === true) return null;
    if (stem) term = stemEnglish(term);
    return term;
  };
}

function splitIdeographs(segment: string): string[] {
  if (!SINGLE_CHARACTER_TOKENS.test(segment)) return [segment];
  const tokens: string[] = [];
  let run = '';
  for (const ch of segment) {
    if (SINGLE_CHARACTER_TOKENS.test(ch)) {
      if (run !== '') tokens.push(run);
      tokens.push(ch);
      run = '';
    } else {
      run += ch;
    }
  }
  if (run !== '') tokens.push(run);
  return tokens;
}
