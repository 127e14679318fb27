import type { Relation } from './statement.js';
import { termText } from './term-text.js';

/**
 * A WHERE relation as Cassandra's Relation.toString writes it in error messages: `v != 1`,
 * `(b, c) > (1, 2)`, `token(k) > ?`, `m['k'] = 3`, `(b, c) IN ((1, 2), (3, 4))`, and a single column's
 * IN list as the Java list it prints, `c IN [1, 2]`.
 */
export function relationText(relation: Relation): string {
  const target = relation.target;
  let entity: string;
  switch (target.kind) {
    case 'column': entity = target.name; break;
    case 'mapEntry': entity = `${target.name}[${termText(target.key)}]`; break;
    case 'tuple': entity = `(${target.names.join(', ')})`; break;
    case 'token': entity = `token(${target.names.join(', ')})`; break;
  }
  const value = relation.value;
  if (relation.operator === 'IS NOT') return `${entity} IS NOT NULL`;
  if (value.kind !== 'inList') return `${entity} ${relation.operator} ${termText(value)}`;
  const items = value.items.map(termText).join(', ');
  return target.kind === 'tuple' ? `${entity} IN (${items})` : `${entity} IN [${items}]`;
}
