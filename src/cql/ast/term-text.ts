import type { Constant, Term } from './term.js';

/**
 * A raw term as CQL text, the way Cassandra's Term.Raw.getText() writes it: what names a term in the
 * selection clause (`(int)42`, `system.textasblob('hi')`) and error messages about it. Bind markers are
 * `?` whether named or not; type hints keep the type as written.
 */
export function termText(term: Term): string {
  switch (term.kind) {
    case 'constant': return constantText(term.value);
    case 'null': return 'NULL';
    case 'bind': return '?';
    case 'list': return `[${term.items.map(termText).join(', ')}]`;
    case 'set': return `{${term.items.map(termText).join(', ')}}`;
    case 'map': return `{${term.entries.map(([k, v]) => `${termText(k)}: ${termText(v)}`).join(', ')}}`;
    case 'tuple': return `(${term.items.map(termText).join(', ')})`;
    case 'udt': return `{${term.fields.map(([name, v]) => `${name}: ${termText(v)}`).join(', ')}}`;
    case 'function': return `${term.name}(${term.args.map(termText).join(', ')})`;
    case 'cast': return `(${term.type})${termText(term.term)}`;
  }
}

function constantText(c: Constant): string {
  switch (c.kind) {
    case 'string': return `'${c.value.replace(/'/g, "''")}'`;
    case 'boolean': return String(c.value);
    case 'hex': return `0x${c.text}`;
    default: return c.text;
  }
}
