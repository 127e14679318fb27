/** The types/ public API: the CQL type model, type text, codecs, comparators, literals and helpers. */
export * from './cql-type.js';
export type { Constant } from './constant.js';
export { parseCqlType, type UserTypeResolver } from './type-parser.js';
export { formatCqlType } from './type-format.js';
export { marshalClassName, nativeTypeOfMarshalClass } from './marshal-class.js';
export { parseMarshalType, TypeParserError } from './marshal-type-parser.js';
export { opaqueCustomType, compositeType, dynamicCompositeType, reversedType, reversedBase } from './custom-types.js';
export { maybeQuoteIdentifier, isReservedKeyword } from './identifier.js';
export { serialize, deserialize } from './codecs/serialization.js';
export { validateValue } from './codecs/validation.js';
export { isValidUtf8 } from './codecs/native-validation.js';
export { fixedLengthOf, splitCollection, splitFields, splitVector } from './codecs/value-layout.js';
export { comparatorFor, compareValues, type ValueComparator } from './comparators.js';
export { buildList, buildSet, buildMap, buildTuple, buildUdt, buildVector } from './builders.js';
export { constantAssignment, constantToBytes } from './constants.js';
export {
  type AssignmentResult, sameType, frozenType, isCompatibleWith, isValueCompatibleWith, typeAssignment,
  combineAssignments, isAssignable,
} from './assignment.js';
export { formatValue, quoteString } from './literal-format.js';
export {
  type Duration, parseDuration, formatDuration, encodeDuration, decodeDuration, validateDurationBytes,
} from './duration.js';
export {
  type DecimalValue, varintToBytes, varintFromBytes, parseDecimal, decimalToBytes, decimalFromBytes,
  formatDecimalPlain, compareDecimals,
} from './big-number.js';
export { formatJavaDouble, formatJavaFloat } from './java-number-format.js';
export { civilFromDays, daysFromCivil, daysInMonth } from './calendar.js';
export { parseInet, formatInet } from './inet.js';
export {
  parseTimestamp, formatTimestamp, parseDate, formatDate, epochDayOf, rawDateOf, parseTime, formatTime,
} from './temporal.js';
export {
  type RandomBytes, isUuidString, uuidToString, uuidFromString, uuidVersion, randomUuid, timeUuidFromMs, timeUuidFromMicros,
  minTimeUuid, maxTimeUuid, timeUuidTimestampMs,
} from './uuid.js';
export {
  writeUnsignedVInt, readUnsignedVInt, writeSignedVInt, readSignedVInt, unsignedVIntSize, type VIntRead,
} from './vint.js';
export { int32Bytes, int64Bytes } from './fixed-bytes.js';
export * from './json/index.js';
