import { InvariantError, type ByteWriter } from '../../common/index.js';
import {
  InvalidRequestError,
  ReadTimeoutError,
  WriteTimeoutError,
  type AnyCqlError,
  type FailureReason,
} from '../../errors/index.js';
import type { ProtocolVersion } from '../protocol-version.js';

/** A [string] holds at most 65535 bytes; 21845 UTF-16 units never exceed that in UTF-8. */
const MAX_MESSAGE_UNITS = 21845;

/**
 * The error as an older client can understand it, following Cassandra's ErrorMessage: before v4
 * failures become timeouts and function/CDC failures become Invalid; before v5 CAS_WRITE_UNKNOWN
 * becomes a CAS write timeout.
 */
function compatibleError(error: AnyCqlError, version: ProtocolVersion): AnyCqlError {
  if (version < 4) {
    switch (error.code) {
      case 0x1300:
        return new ReadTimeoutError(error.consistency, error.received, error.blockFor, error.dataPresent);
      case 0x1500:
        return new WriteTimeoutError(error.consistency, error.received, error.blockFor, error.writeType);
      case 0x1400:
        return new InvalidRequestError(`ERROR FUNCTION_FAILURE: ${error.message}`);
      case 0x1600:
        return new InvalidRequestError(`ERROR CDC_WRITE_FAILURE: ${error.message}`);
    }
  }
  if (version < 5 && error.code === 0x1700) {
    return new WriteTimeoutError(error.consistency, error.received, error.blockFor, 'CAS');
  }
  return error;
}

/** v4 sends only the number of failures; v5 sends the reason map (spec §8, §9). */
function writeFailures(writer: ByteWriter, failures: readonly FailureReason[], version: ProtocolVersion): void {
  writer.writeInt(failures.length);
  if (version < 5) return;
  for (const failure of failures) {
    writer.writeInetAddr(failure.address);
    writer.writeShort(failure.code);
  }
}

/** ERROR body (spec §4.2.1, §8): [int code][string message] then the payload of that code. */
export function writeErrorBody(writer: ByteWriter, original: AnyCqlError, version: ProtocolVersion): void {
  const error = compatibleError(original, version);
  writer.writeInt(error.code);
  writer.writeString(error.message.length > MAX_MESSAGE_UNITS ? error.message.slice(0, MAX_MESSAGE_UNITS) : error.message);
  switch (error.code) {
    case 0x0000: // Server error
    case 0x000a: // Protocol error
    case 0x0100: // Bad credentials
    case 0x1001: // Overloaded
    case 0x1002: // Is_bootstrapping
    case 0x1003: // Truncate_error
    case 0x1600: // CDC_write_failure
    case 0x2000: // Syntax_error
    case 0x2100: // Unauthorized
    case 0x2200: // Invalid
    case 0x2300: // Config_error
      return;
    case 0x1000: // Unavailable
      writer.writeConsistency(error.consistency);
      writer.writeInt(error.required);
      writer.writeInt(error.alive);
      return;
    case 0x1100: // Write_timeout; contentions only on v5 CAS timeouts
      writer.writeConsistency(error.consistency);
      writer.writeInt(error.received);
      writer.writeInt(error.blockFor);
      writer.writeString(error.writeType);
      if (version >= 5 && error.writeType === 'CAS') writer.writeShort(error.contentions);
      return;
    case 0x1200: // Read_timeout
      writer.writeConsistency(error.consistency);
      writer.writeInt(error.received);
      writer.writeInt(error.blockFor);
      writer.writeByte(error.dataPresent ? 1 : 0);
      return;
    case 0x1300: // Read_failure
      writer.writeConsistency(error.consistency);
      writer.writeInt(error.received);
      writer.writeInt(error.blockFor);
      writeFailures(writer, error.failures, version);
      writer.writeByte(error.dataPresent ? 1 : 0);
      return;
    case 0x1400: // Function_failure
      writer.writeString(error.keyspace);
      writer.writeString(error.functionName);
      writer.writeStringList(error.argTypes);
      return;
    case 0x1500: // Write_failure
      writer.writeConsistency(error.consistency);
      writer.writeInt(error.received);
      writer.writeInt(error.blockFor);
      writeFailures(writer, error.failures, version);
      writer.writeString(error.writeType);
      return;
    case 0x1700: // CAS_write_unknown
      writer.writeConsistency(error.consistency);
      writer.writeInt(error.received);
      writer.writeInt(error.blockFor);
      return;
    case 0x2400: // Already_exists
      writer.writeString(error.keyspace);
      writer.writeString(error.table);
      return;
    case 0x2500: // Unprepared
      writer.writeShortBytes(error.statementId);
      return;
    default: {
      const unhandled: never = error;
      throw new InvariantError(`Unhandled error code ${(unhandled as AnyCqlError).code}`);
    }
  }
}
