import { ServerError } from '../../errors/index.js';
import type { CqlType, CustomType } from '../cql-type.js';
import { javaClassName, marshalClassName } from '../marshal-class.js';
import { isStatic, readComparatorPart, type CompositeLayout } from './composite-layout.js';

type Comparator = (a: Buffer, b: Buffer) => number;

/**
 * AbstractCompositeType.compareCustom: an empty value first, static (0xFFFF) CompositeType values before the
 * others, then component by component: the values by their type's order, then the end-of-component bytes
 * (signed: -1 < 0 < 1, so a bound ending in -1 or 1 falls before or after the values it prefixes), and a
 * value that is a prefix of the other first. Like Cassandra 4.1, the loop tests whether the right value has
 * bytes left at the left value's offset, which differs only when equal components differ in length.
 * `comparatorFor` gives each component type's order.
 */
export function compositeComparator(
  t: CustomType, layout: CompositeLayout, comparatorFor: (t: CqlType) => Comparator,
): Comparator {
  const componentComparators = layout.kind === 'composite' ? layout.components.map(comparatorFor) : [];
  return (left, right) => {
    if (left.length === 0 || right.length === 0) return (left.length === 0 ? 0 : 1) - (right.length === 0 ? 0 : 1);
    const staticL = layout.kind === 'composite' && isStatic(left);
    const staticR = layout.kind === 'composite' && isStatic(right);
    if (staticL !== staticR) return staticL ? -1 : 1;
    let offsetL = staticL ? 2 : 0;
    let offsetR = staticR ? 2 : 0;
    for (let i = 0; offsetL < left.length && offsetL < right.length; i++) {
      let compare: Comparator;
      if (layout.kind === 'composite') {
        const byComponent = componentComparators[i];
        if (byComponent === undefined) {
          throw new ServerError(`Cannot get comparator ${i} in ${t.className}. This might due to a mismatch between the schema and the data read`);
        }
        compare = byComponent;
      } else {
        const partL = readComparatorPart(layout.aliases, left, offsetL);
        const partR = readComparatorPart(layout.aliases, right, offsetR);
        offsetL += partL.sizeBytes;
        offsetR += partR.sizeBytes;
        const byClass = dynamicComparator(partL.type, partR.type);
        if (byClass !== 0) return byClass;
        compare = comparatorFor(partL.type!);
      }
      const lengthL = left.readUInt16BE(offsetL);
      const lengthR = right.readUInt16BE(offsetR);
      const cmp = compare(left.subarray(offsetL + 2, offsetL + 2 + lengthL), right.subarray(offsetR + 2, offsetR + 2 + lengthR));
      if (cmp !== 0) return cmp;
      offsetL += 2 + lengthL;
      offsetR += 2 + lengthR;
      const endL = left.readInt8(offsetL++);
      const endR = right.readInt8(offsetR++);
      if (endL !== endR) return endL - endR;
    }
    if (offsetL >= left.length) return offsetR >= right.length ? 0 : -1;
    return 1;
  };
}

/**
 * DynamicCompositeType.getComparator for two components: components of different types (both reversed:
 * of different base types) order by the simple class name of their types, then the full class name; 0
 * when the types are the same class, and the left one's order applies.
 */
function dynamicComparator(left: CqlType | undefined, right: CqlType | undefined): number {
  // A component naming an alias the type does not have: Cassandra's lookup yields null.
  if (left === undefined || right === undefined) throw new ServerError('java.lang.NullPointerException');
  const [l, r] = bothReversed(left, right) ?? [left, right];
  if (marshalClassName(l) === marshalClassName(r)) return 0;
  const fullL = javaClassName(l);
  const fullR = javaClassName(r);
  const simple = compareJava(simpleName(fullL), simpleName(fullR));
  return simple !== 0 ? Math.sign(simple) : Math.sign(compareJava(fullL, fullR));
}

function bothReversed(left: CqlType, right: CqlType): [CqlType, CqlType] | undefined {
  if (left.kind !== 'custom' || right.kind !== 'custom') return undefined;
  if (left.layout.kind !== 'reversed' || right.layout.kind !== 'reversed') return undefined;
  return [left.layout.base, right.layout.base];
}

function simpleName(className: string): string {
  return className.slice(className.lastIndexOf('.') + 1);
}

/** String.compareTo: UTF-16 code unit order, which JavaScript's < also follows. */
function compareJava(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
