import { SeededRandom } from '../../../common/seeded-random.js';

/** The table every crash-test entry is written for. */
export const CRASH_TABLE = 'cccccccc000000000000000000000001';

/** Entry `index` of a crash run: its index, then bytes of a seeded length and content (so any mix-up shows). */
export function crashEntry(seed: number, index: number): Buffer {
  const random = new SeededRandom((seed * 1_000_003 + index) >>> 0);
  const bytes = Buffer.allocUnsafe(4 + (random.nextUint32() % 600));
  bytes.writeUInt32BE(index, 0);
  for (let i = 4; i < bytes.length; i++) bytes[i] = random.nextUint32() & 0xff;
  return bytes;
}
