/** The native protocol versions Cassanova serves (spec §2.4.1.1). */
export type ProtocolVersion = 3 | 4 | 5;

export const SUPPORTED_PROTOCOL_VERSIONS: readonly ProtocolVersion[] = [3, 4, 5];

/** As SUPPORTED's PROTOCOL_VERSIONS lists them: "number/description". */
export const SUPPORTED_PROTOCOL_VERSION_NAMES: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS.map((v) => `${v}/v${v}`);

export function isSupportedProtocolVersion(version: number): version is ProtocolVersion {
  return version === 3 || version === 4 || version === 5;
}

/** Cassandra's ProtocolVersion.invalidVersionMessage; drivers match on its first words to downgrade. */
export function invalidVersionMessage(version: number): string {
  return `Invalid or unsupported protocol version (${version}); supported versions are (${SUPPORTED_PROTOCOL_VERSION_NAMES.join(', ')})`;
}
