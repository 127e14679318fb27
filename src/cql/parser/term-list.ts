import type { Term } from '../ast/index.js';
import { Parser } from './parser.js';
import { term } from './terms.js';

/**
 * Terms separated by commas and nothing else, as in `1, 'a', [2, 3]`: the values of a partition key
 * written as CQL literals (where nodetool getendpoints takes them as one string per key).
 */
export function parseTermList(source: string): { readonly terms: readonly Term[]; readonly bindMarkerCount: number } {
  const p = new Parser(source);
  const terms = [term(p)];
  while (p.accept("','")) terms.push(term(p));
  p.expect('EOF');
  return { terms, bindMarkerCount: p.bindMarkers().length };
}
