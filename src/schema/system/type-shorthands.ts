import { native, type CqlType, type MapType, type SetType, type ListType } from '../../types/index.js';

/** Short names for the column types of the built-in tables, so their definitions read like Cassandra's CQL. */
export const text = native('text');
export const int = native('int');
export const bigint = native('bigint');
export const boolean = native('boolean');
export const double = native('double');
export const blob = native('blob');
export const inet = native('inet');
export const uuid = native('uuid');
export const timeuuid = native('timeuuid');
export const timestamp = native('timestamp');

export function listOf(element: CqlType, frozen = false): ListType {
  return { kind: 'list', element, frozen };
}
export function setOf(element: CqlType, frozen = false): SetType {
  return { kind: 'set', element, frozen };
}
export function mapOf(key: CqlType, value: CqlType, frozen = false): MapType {
  return { kind: 'map', key, value, frozen };
}
