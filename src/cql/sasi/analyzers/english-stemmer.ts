/**
 * The Snowball English ("Porter2") stemmer, which Cassandra's StemmerFactory picks for an English
 * `tokenization_locale`: words reduced to a stem ("running" → "run", "generously" → "generous").
 */
const VOWELS = new Set(['a', 'e', 'i', 'o', 'u', 'y']);
const DOUBLES = ['bb', 'dd', 'ff', 'gg', 'mm', 'nn', 'pp', 'rr', 'tt'];
const LI_ENDINGS = new Set(['c', 'd', 'e', 'g', 'h', 'k', 'm', 'n', 'r', 't']);
const EXCEPTIONS: Readonly<Record<string, string>> = {
  skis: 'ski', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', idly: 'idl', gently: 'gentl', ugly: 'ugli',
  early: 'earli', only: 'onli', singly: 'singl', sky: 'sky', news: 'news', howe: 'howe', atlas: 'atlas',
  cosmos: 'cosmos', bias: 'bias', andes: 'andes',
};
const AFTER_STEP_1A = new Set(['inning', 'outing', 'canning', 'herring', 'earring', 'proceed', 'exceed', 'succeed']);

const STEP_2: readonly (readonly [string, string])[] = [
  ['ization', 'ize'], ['ational', 'ate'], ['fulness', 'ful'], ['ousness', 'ous'], ['iveness', 'ive'], ['tional', 'tion'],
  ['biliti', 'ble'], ['lessli', 'less'], ['entli', 'ent'], ['ation', 'ate'], ['alism', 'al'], ['aliti', 'al'], ['ousli', 'ous'],
  ['iviti', 'ive'], ['fulli', 'ful'], ['enci', 'ence'], ['anci', 'ance'], ['abli', 'able'], ['izer', 'ize'], ['ator', 'ate'],
  ['alli', 'al'], ['bli', 'ble'], ['ogi', 'og'], ['li', ''],
];
const STEP_3: readonly (readonly [string, string])[] = [
  ['ational', 'ate'], ['tional', 'tion'], ['alize', 'al'], ['icate', 'ic'], ['iciti', 'ic'], ['ative', ''], ['ical', 'ic'],
  ['ness', ''], ['ful', ''],
];
const STEP_4 = ['ement', 'ance', 'ence', 'able', 'ible', 'ment', 'ant', 'ent', 'ism', 'ate', 'iti', 'ous', 'ive', 'ize', 'ion', 'al', 'er', 'ic'];

const isVowel = (c: string | undefined): boolean => c !== undefined && VOWELS.has(c);

/** The start of the region after the first non-vowel following a vowel, from `from` on. */
function regionAfter(word: string, from: number): number {
  for (let i = from + 1; i < word.length; i++) if (!isVowel(word[i]) && isVowel(word[i - 1])) return i + 1;
  return word.length;
}

function endsWithShortSyllable(word: string): boolean {
  const n = word.length;
  if (n === 2) return isVowel(word[0]) && !isVowel(word[1]);
  const last = word[n - 1]!;
  return n > 2 && !isVowel(last) && !['w', 'x', 'Y'].includes(last) && isVowel(word[n - 2]) && !isVowel(word[n - 3]);
}

/** The longest of `suffixes` the word ends with. */
function longest(word: string, suffixes: readonly string[]): string | undefined {
  return suffixes.filter((s) => word.endsWith(s)).sort((a, b) => b.length - a.length)[0];
}

export function stemEnglish(input: string): string {
  if (input.length <= 2) return input;
  let word = input.startsWith("'") ? input.slice(1) : input;
  const exception = EXCEPTIONS[word];
  if (exception !== undefined) return exception;
  word = word.replace(/^y/, 'Y').replace(/([aeiouy])y/g, '$1Y');
  const prefix = /^(gener|commun|arsen)/.exec(word);
  const r1 = prefix !== null ? prefix[0].length : regionAfter(word, 0);
  const r2 = regionAfter(word, r1);
  word = step1a(step0(word));
  if (AFTER_STEP_1A.has(word)) return word;
  word = step1c(step1b(word, r1));
  word = step4(step3(step2(word, r1), r1, r2), r2);
  return step5(word, r1, r2).replace(/Y/g, 'y');
}

function step0(word: string): string {
  const suffix = longest(word, ["'s'", "'s", "'"]);
  return suffix === undefined ? word : word.slice(0, -suffix.length);
}

function step1a(word: string): string {
  const suffix = longest(word, ['sses', 'ied', 'ies', 'us', 'ss', 's']);
  if (suffix === 'sses') return word.slice(0, -2);
  if (suffix === 'ied' || suffix === 'ies') return word.slice(0, -3) + (word.length > 4 ? 'i' : 'ie');
  if (suffix === 's' && /[aeiouy]./.test(word.slice(0, -1))) return word.slice(0, -1);
  return word;
}

function step1b(word: string, r1: number): string {
  const suffix = longest(word, ['eedly', 'ingly', 'edly', 'eed', 'ing', 'ed']);
  if (suffix === undefined) return word;
  const stem = word.slice(0, -suffix.length);
  if (suffix === 'eed' || suffix === 'eedly') return stem.length >= r1 ? `${stem}ee` : word;
  if (!/[aeiouy]/.test(stem)) return word;
  if (/(at|bl|iz)$/.test(stem)) return `${stem}e`;
  if (DOUBLES.some((d) => stem.endsWith(d))) return stem.slice(0, -1);
  return r1 >= stem.length && endsWithShortSyllable(stem) ? `${stem}e` : stem;
}

function step1c(word: string): string {
  return word.length > 2 && /[yY]$/.test(word) && !isVowel(word[word.length - 2]) ? `${word.slice(0, -1)}i` : word;
}

function step2(word: string, r1: number): string {
  const rule = longestRule(word, STEP_2);
  if (rule === undefined || word.length - rule[0].length < r1) return word;
  const stem = word.slice(0, -rule[0].length);
  if (rule[0] === 'ogi' && !stem.endsWith('l')) return word;
  if (rule[0] === 'li' && !LI_ENDINGS.has(stem[stem.length - 1] ?? '')) return word;
  return stem + rule[1];
}

function step3(word: string, r1: number, r2: number): string {
  const rule = longestRule(word, STEP_3);
  if (rule === undefined) return word;
  const start = word.length - rule[0].length;
  if (start < r1 || (rule[0] === 'ative' && start < r2)) return word;
  return word.slice(0, start) + rule[1];
}

function step4(word: string, r2: number): string {
  const suffix = longest(word, STEP_4);
  if (suffix === undefined || word.length - suffix.length < r2) return word;
  const stem = word.slice(0, -suffix.length);
  if (suffix === 'ion' && !/[st]$/.test(stem)) return word;
  return stem;
}

function step5(word: string, r1: number, r2: number): string {
  const last = word.length - 1;
  if (word.endsWith('e')) {
    const stem = word.slice(0, -1);
    if (last >= r2 || (last >= r1 && !endsWithShortSyllable(stem))) return stem;
  }
  if (word.endsWith('ll') && last >= r2) return word.slice(0, -1);
  return word;
}

function longestRule(word: string, rules: readonly (readonly [string, string])[]): readonly [string, string] | undefined {
  return rules.filter(([s]) => word.endsWith(s)).sort((a, b) => b[0].length - a[0].length)[0];
}
