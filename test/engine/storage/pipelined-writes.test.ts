// The pipelined writer: bounded writes in flight, every write awaited by drain, first error surfaced.
import { describe, expect, it } from 'vitest';
import { pipelineWrites } from '../../../src/engine/storage/pipelined-writes';

const tick = () => new Promise((r) => setTimeout(r, 1));

describe('pipelineWrites', () => {
  it('keeps at most `depth` writes in flight and completes all of them', async () => {
    let active = 0;
    let peak = 0;
    const done: number[] = [];
    const writer = pipelineWrites(async (i: number) => {
      active += 1;
      peak = Math.max(peak, active);
      await tick();
      active -= 1;
      done.push(i);
    }, 2);
    for (let i = 0; i < 10; i += 1) await writer.write(i);
    await writer.drain();
    expect(peak).toBe(2);
    expect(done.sort((a, b) => a - b)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it('rethrows the first failure from a later write or from drain', async () => {
    const writer = pipelineWrites(async (i: number) => {
      await tick();
      if (i === 1) throw new Error('quota');
    }, 2);
    await writer.write(0);
    await writer.write(1);
    await expect((async () => { for (let i = 2; i < 6; i += 1) await writer.write(i); })()).rejects.toThrow('quota');
    await expect(writer.drain()).rejects.toThrow('quota');
    expect(() => pipelineWrites(async () => undefined, 0)).toThrow(RangeError);
  });
});
