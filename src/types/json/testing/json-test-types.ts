/** Types shared by the JSON tests: the tables of Cassandra's JsonTest, spelled as CqlType values. */
import { native, type CqlType, type NativeTypeName, type UdtField, type UserType } from '../../cql-type.js';

export const t = (name: NativeTypeName): CqlType => native(name);
export const list = (element: CqlType, frozen = false): CqlType => ({ kind: 'list', element, frozen });
export const set = (element: CqlType, frozen = false): CqlType => ({ kind: 'set', element, frozen });
export const map = (key: CqlType, value: CqlType, frozen = false): CqlType => ({ kind: 'map', key, value, frozen });
export const tuple = (...elements: CqlType[]): CqlType => ({ kind: 'tuple', elements });
export const vector = (element: CqlType, dimension: number): CqlType => ({ kind: 'vector', element, dimension });

export function udt(name: string, fields: readonly UdtField[], frozen = true): UserType {
  return { kind: 'udt', keyspace: 'ks', name, fields, frozen };
}

/** CREATE TYPE (a int, b uuid, c set<text>), the UDT of testFromJsonFct and testToJsonFct. */
export const abcType = udt('abc', [
  { name: 'a', type: t('int') }, { name: 'b', type: t('uuid') }, { name: 'c', type: set(t('text')) },
]);
