/**
 * The native protocol versions Cassanova serves (spec §2.4.1.1), as Cassandra 4.1 does: v3, v4, v5 and
 * v6 in beta. A beta version is served only to clients that set the USE_BETA flag on every envelope; on
 * the wire v6 is v5 (same framing, same messages) and its responses carry USE_BETA too.
 */
export type ProtocolVersion = 3 | 4 | 5 | 6;

export const SUPPORTED_PROTOCOL_VERSIONS: readonly ProtocolVersion[] = [3, 4, 5, 6];

/** Cassandra's ProtocolVersion.BETA. */
export const BETA_PROTOCOL_VERSION: ProtocolVersion = 6;

export function isBetaProtocolVersion(version: ProtocolVersion): boolean {
  return version === BETA_PROTOCOL_VERSION;
}

/** Cassandra's ProtocolVersion.toString, as SUPPORTED's PROTOCOL_VERSIONS and messages show it: "5/v5", "6/v6-beta". */
export function protocolVersionName(version: ProtocolVersion): string {
  return isBetaProtocolVersion(version) ? `${version}/v${version}-beta` : `${version}/v${version}`;
}

export const SUPPORTED_PROTOCOL_VERSION_NAMES: readonly string[] = SUPPORTED_PROTOCOL_VERSIONS.map(protocolVersionName);

export function isSupportedProtocolVersion(version: number): version is ProtocolVersion {
  return version >= 3 && version <= 6;
}

/** Cassandra's ProtocolVersion.invalidVersionMessage; drivers match on its first words to downgrade. */
export function invalidVersionMessage(version: number): string {
  return `Invalid or unsupported protocol version (${version}); supported versions are (${SUPPORTED_PROTOCOL_VERSION_NAMES.join(', ')})`;
}

/** Cassandra's Envelope.Decoder message for a beta version without the USE_BETA flag. */
export function betaFlagUnsetMessage(version: ProtocolVersion): string {
  return `Beta version of the protocol used (${protocolVersionName(version)}), but USE_BETA flag is unset`;
}
