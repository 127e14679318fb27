import { describe, expect, it } from 'vitest';
import { InvariantError } from '../common/index.js';
import { ChunkQueue } from './chunk-queue.js';

const queueOf = (...chunks: string[]): ChunkQueue => {
  const queue = new ChunkQueue();
  for (const chunk of chunks) queue.push(Buffer.from(chunk, 'hex'));
  return queue;
};

describe('ChunkQueue', () => {
  it('reads across chunk boundaries', () => {
    const queue = queueOf('0102', '', '03', '040506');
    expect(queue.length).toBe(6);
    expect(queue.byteAt(3)).toBe(4);
    expect(queue.peek(4).toString('hex')).toBe('01020304');
    expect(queue.take(3).toString('hex')).toBe('010203');
    expect(queue.take(2).toString('hex')).toBe('0405');
    expect(queue.takeAll().toString('hex')).toBe('06');
    expect(queue.length).toBe(0);
  });

  it('reads big-endian integers in place, within and across chunks', () => {
    const queue = queueOf('00ff', 'fe', '80000001');
    expect(queue.int16At(1)).toBe(-2);
    expect(queue.int16At(0)).toBe(255);
    expect(queue.uint32At(2)).toBe(0xfe800000);
    queue.skip(3);
    expect(queue.uint32At(0)).toBe(0x80000001);
  });

  it('takes copies that share no memory with the chunks', () => {
    const chunk = Buffer.from('aabbccdd', 'hex');
    const queue = new ChunkQueue();
    queue.push(chunk);
    queue.push(Buffer.from('ee', 'hex'));
    queue.skip(1);
    const copy = queue.takeCopy(2);
    chunk[1] = 0;
    expect(copy.toString('hex')).toBe('bbcc');
    expect(queue.takeCopy(2).toString('hex')).toBe('ddee');
    expect(queue.length).toBe(0);
  });

  it('returns views, not copies, when the bytes sit in one chunk', () => {
    const chunk = Buffer.from('aabbccdd', 'hex');
    const queue = new ChunkQueue();
    queue.push(chunk);
    queue.skip(1);
    const view = queue.take(2);
    chunk[1] = 0;
    expect(view.toString('hex')).toBe('00cc');
  });

  it('skips at most what it holds', () => {
    const queue = queueOf('0102', '03');
    expect(queue.skip(10)).toBe(3);
    expect(queue.length).toBe(0);
  });

  it('refuses to read past its end', () => {
    expect(() => queueOf('01').take(2)).toThrow(InvariantError);
    expect(() => queueOf('01').byteAt(1)).toThrow(InvariantError);
  });
});
