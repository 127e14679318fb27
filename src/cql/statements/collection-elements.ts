import { InvalidRequestError } from '../../errors/index.js';
import { splitCollection } from '../../types/index.js';

/**
 * The elements of a serialized list or set (perEntry 1), or the keys and values of a map alternately
 * (perEntry 2), e.g. the value bound to `IN ?`. Elements of a collection may not be null.
 */
export function collectionElements(value: Buffer, perEntry: 1 | 2 = 1): Buffer[] {
  const parts = splitCollection(value, perEntry === 2 ? 'map' : 'list');
  if (parts.some((p) => p === null)) throw new InvalidRequestError('null is not supported inside collections');
  return parts as Buffer[];
}
