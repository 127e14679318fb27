/**
 * inet values: 4 or 16 address bytes (spec §6.9). Parsing accepts dotted IPv4 and IPv6 text (with '::',
 * an embedded IPv4 tail, optional brackets), as Java's InetAddress.getByName does for literals; host names
 * are not resolved. Printing follows Java's getHostAddress, which Cassandra uses for text output.
 */
const IPV4_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
const HEX_GROUP = /^[0-9a-fA-F]{1,4}$/;

export function parseInet(text: string): Buffer | undefined {
  const v4 = parseIpv4(text);
  if (v4 !== undefined) return v4;
  const bare = text.startsWith('[') && text.endsWith(']') ? text.slice(1, -1) : text;
  const v6 = parseIpv6(bare);
  // Java turns IPv4-mapped IPv6 addresses into plain IPv4 ones.
  if (v6 !== undefined && isIpv4Mapped(v6)) return v6.subarray(12);
  return v6;
}

function parseIpv4(text: string): Buffer | undefined {
  const match = IPV4_PATTERN.exec(text);
  if (match === null) return undefined;
  const octets = match.slice(1).map(Number);
  return octets.every((o) => o <= 255) ? Buffer.from(octets) : undefined;
}

function parseIpv6(text: string): Buffer | undefined {
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (head === undefined || tail === undefined) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  const groups = [...head, ...new Array<number>(missing).fill(0), ...tail];
  const out = Buffer.alloc(16);
  groups.forEach((g, i) => out.writeUInt16BE(g, 2 * i));
  return out;
}

/** Hex groups of one side of '::'; an IPv4 tail counts as two groups. */
function groupsOf(part: string): number[] | undefined {
  if (part === '') return [];
  const pieces = part.split(':');
  const groups: number[] = [];
  for (let i = 0; i < pieces.length; i++) {
    const piece = pieces[i]!;
    if (i === pieces.length - 1 && piece.includes('.')) {
      const v4 = parseIpv4(piece);
      if (v4 === undefined) return undefined;
      groups.push(v4.readUInt16BE(0), v4.readUInt16BE(2));
    } else if (HEX_GROUP.test(piece)) {
      groups.push(parseInt(piece, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function isIpv4Mapped(v6: Buffer): boolean {
  for (let i = 0; i < 10; i++) if (v6[i] !== 0) return false;
  return v6[10] === 0xff && v6[11] === 0xff;
}

/** Java's InetAddress.getHostAddress: dotted IPv4, or eight uncompressed hex groups for IPv6. */
export function formatInet(buf: Buffer): string {
  if (buf.length === 16 && isIpv4Mapped(buf)) return formatInet(buf.subarray(12));
  if (buf.length === 4) return `${buf[0]}.${buf[1]}.${buf[2]}.${buf[3]}`;
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(buf.readUInt16BE(i).toString(16));
  return groups.join(':');
}
