/**
 * CQL type text as Cassandra prints it (CQL3Type.toString): the form stored in
 * system_schema.columns.type and used in error messages. Frozen collections and UDTs print as
 * frozen<...>; tuples always as frozen<tuple<...>>.
 */
import type { CqlType } from './cql-type.js';
import { maybeQuoteIdentifier } from './identifier.js';

export function formatCqlType(t: CqlType): string {
  switch (t.kind) {
    case 'native':
      return t.name;
    case 'list':
    case 'set':
      return frozenIf(t.frozen, `${t.kind}<${formatCqlType(t.element)}>`);
    case 'map':
      return frozenIf(t.frozen, `map<${formatCqlType(t.key)}, ${formatCqlType(t.value)}>`);
    case 'tuple':
      return `frozen<tuple<${t.elements.map(formatCqlType).join(', ')}>>`;
    case 'udt':
      return frozenIf(t.frozen, maybeQuoteIdentifier(t.name));
    case 'vector':
      return `vector<${formatCqlType(t.element)}, ${t.dimension}>`;
    case 'custom':
      return `'${t.className}'`;
  }
}

function frozenIf(frozen: boolean, text: string): string {
  return frozen ? `frozen<${text}>` : text;
}
