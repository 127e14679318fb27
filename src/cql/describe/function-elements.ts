/**
 * User-defined functions and aggregates as DESCRIBE prints them (UDFunction.toCqlString,
 * UDAggregate.toCqlString); their element name carries the argument types: `plus(int, int)`.
 */
import { userFunctionsOf, type KeyspaceMetadata, type UserFunctionDefinition } from '../../schema/index.js';
import { formatCqlType, formatValue, maybeQuoteIdentifier } from '../../types/index.js';
import { qualifiedName } from './cql-identifier.js';
import type { SchemaElement } from './schema-elements.js';

function signatureName(f: UserFunctionDefinition): string {
  return `${maybeQuoteIdentifier(f.name)}(${f.argTypes.map(formatCqlType).join(', ')})`;
}

export function functionCql(f: UserFunctionDefinition): string {
  if (f.kind === 'function') {
    const args = f.argNames.map((n, i) => `${maybeQuoteIdentifier(n)} ${formatCqlType(f.argTypes[i]!)}`).join(', ');
    return `CREATE FUNCTION ${qualifiedName(f.keyspace, f.name)}(${args})\n` +
      `    ${f.calledOnNullInput ? 'CALLED' : 'RETURNS NULL'} ON NULL INPUT\n` +
      `    RETURNS ${formatCqlType(f.returnType)}\n` +
      `    LANGUAGE ${f.language}\n` +
      `    AS $$${f.body}$$;`;
  }
  const lines = [
    `CREATE AGGREGATE ${qualifiedName(f.keyspace, f.name)}(${f.argTypes.map(formatCqlType).join(', ')})`,
    `    SFUNC ${maybeQuoteIdentifier(f.stateFunction)}`,
    `    STYPE ${formatCqlType(f.stateType)}`,
  ];
  if (f.finalFunction !== null) lines.push(`    FINALFUNC ${maybeQuoteIdentifier(f.finalFunction)}`);
  if (f.initcond !== null) lines.push(`    INITCOND ${formatValue(f.stateType, f.initcond)}`);
  return `${lines.join('\n')};`;
}

function functionElement(f: UserFunctionDefinition): SchemaElement {
  // The element name is already quoted where needed, as the listing prints it.
  return { keyspace: f.keyspace, type: f.kind, name: signatureName(f), quoted: true, createStatement: () => functionCql(f) };
}

/** The keyspace's functions or aggregates in name order (overloads in creation order). */
export function functionElements(ks: KeyspaceMetadata, kind: 'function' | 'aggregate', name?: string): SchemaElement[] {
  return userFunctionsOf(ks)
    .filter((f) => f.kind === kind && (name === undefined || f.name === name))
    .map(functionElement)
    .sort((a, b) => {
      const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
      return x < y ? -1 : x > y ? 1 : 0;
    });
}
