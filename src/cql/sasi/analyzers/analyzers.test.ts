import { describe, expect, it } from 'vitest';
import { native } from '../../../types/index.js';
import { analyzerNamed } from './analyzer.js';
import { delimiterAnalyzer } from './delimiter-analyzer.js';
import { stemEnglish } from './english-stemmer.js';
import { nonTokenizingAnalyzer } from './non-tokenizing-analyzer.js';
import { standardAnalyzer } from './standard-analyzer.js';

const text = native('text');
const terms = (buffers: Buffer[]): string[] => buffers.map((b) => b.toString('utf8'));
const options = (o: Record<string, string>): ReadonlyMap<string, string> => new Map(Object.entries(o));

describe('NonTokenizingAnalyzer', () => {
  it('keeps the whole value, lower-cased when case_sensitive is false, else normalized as asked', () => {
    expect(terms(nonTokenizingAnalyzer(options({}), text).analyze(Buffer.from('Jean-Claude')))).toEqual(['Jean-Claude']);
    expect(terms(nonTokenizingAnalyzer(options({ case_sensitive: 'false' }), text).analyze(Buffer.from('Jean-Claude')))).toEqual(['jean-claude']);
    expect(terms(nonTokenizingAnalyzer(options({ normalize_uppercase: 'TRUE' }), text).analyze(Buffer.from('Jean')))).toEqual(['JEAN']);
    expect(terms(nonTokenizingAnalyzer(options({ normalize_lowercase: 'true' }), text).analyze(Buffer.from('JEAN')))).toEqual(['jean']);
  });

  it('gives values in normal form C, and no term for values of other types', () => {
    expect(terms(nonTokenizingAnalyzer(options({}), text).analyze(Buffer.from('e\u0301')))).toEqual(['\u00e9']);
    expect(nonTokenizingAnalyzer(options({}), native('int')).analyze(Buffer.from([0, 0, 0, 1]))).toEqual([]);
  });
});

describe('StandardAnalyzer', () => {
  it('splits words as Unicode text segmentation does, keeping case unless asked', () => {
    expect(terms(standardAnalyzer(options({}), text).analyze(Buffer.from('The Quick brown-fox, 3.14 e-mail!')))).toEqual(
      ['The', 'Quick', 'brown', 'fox', '3.14', 'e', 'mail']);
    expect(terms(standardAnalyzer(options({ tokenization_normalize_lowercase: 'true' }), text).analyze(Buffer.from('Jean-Claude'))))
      .toEqual(['jean', 'claude']);
  });

  it('gives each ideograph its own term, as Lucene’s StandardTokenizer', () => {
    expect(terms(standardAnalyzer(options({}), text).analyze(Buffer.from('美加 八田')))).toEqual(['美', '加', '八', '田']);
  });

  it('skips English stop words and stems English words when the locale is English', () => {
    const english = options({
      tokenization_normalize_lowercase: 'true', tokenization_skip_stop_words: 'true', tokenization_enable_stemming: 'true', tokenization_locale: 'en',
    });
    expect(terms(standardAnalyzer(english, text).analyze(Buffer.from('The runners were running quickly through the hills'))))
      .toEqual(['runner', 'run', 'quick', 'hill']);
    const french = options({ tokenization_skip_stop_words: 'true', tokenization_enable_stemming: 'true', tokenization_locale: 'fr' });
    expect(terms(standardAnalyzer(french, text).analyze(Buffer.from('the running')))).toEqual(['the', 'running']);
  });
});

describe('DelimiterAnalyzer', () => {
  it('splits on the delimiter (a comma unless set), skipping empty pieces', () => {
    expect(terms(delimiterAnalyzer(options({}), text).analyze(Buffer.from('a,b,,c,')))).toEqual(['a', 'b', 'c']);
    expect(terms(delimiterAnalyzer(options({ delimiter: ';' }), text).analyze(Buffer.from('x;y,z')))).toEqual(['x', 'y,z']);
  });
});

describe('the English (Porter2) stemmer', () => {
  it.each([
    ['caresses', 'caress'], ['ponies', 'poni'], ['ties', 'tie'], ['cats', 'cat'], ['hopping', 'hop'], ['hoping', 'hope'],
    ['agreed', 'agre'], ['national', 'nation'], ['quickly', 'quick'], ['generously', 'generous'], ['running', 'run'],
    ['dying', 'die'], ['skies', 'sky'], ['news', 'news'], ['consignment', 'consign'], ['happy', 'happi'], ['by', 'by'],
  ])('%s → %s', (word, stem) => {
    expect(stemEnglish(word)).toBe(stem);
  });
});

describe('analyzer_class', () => {
  it('names one of SASI’s analyzers by its full class name', () => {
    expect(analyzerNamed('org.apache.cassandra.index.sasi.analyzer.StandardAnalyzer')).toBe('StandardAnalyzer');
    expect(analyzerNamed('StandardAnalyzer')).toBeNull();
    expect(analyzerNamed('org.apache.cassandra.index.sasi.analyzer.Other')).toBeNull();
  });
});
