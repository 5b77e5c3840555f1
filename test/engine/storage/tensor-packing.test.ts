// Tests for the byte-level pieces: float32 little-endian packing across shard boundaries,
// the NaN/Inf scan, SHA-256 hex output, and transaction rollback on failure.
import { describe, expect, it } from 'vitest';
import { findNonFinite, packSnapshot, unpackTensors } from '../../../src/engine/storage/tensor-packing';
import { sha256Hex } from '../../../src/engine/storage/sha256';
import { runInTransaction } from '../../../src/engine/storage/transaction';
import { StorageFullError } from '../../../src/engine/storage/storage-errors';
import type { TrainerSnapshot } from '../../../src/engine/train/train-types';
import { openTestDb } from './storage-helpers';

const snapshot: TrainerSnapshot = {
  weights: [
    { name: 'w', shape: [2], data: new Float32Array([1, -2.5]) },
    { name: 'empty', shape: [0, 3], data: new Float32Array(0) },
  ],
  optimizerWeights: [{ name: 'iter', shape: [], data: new Float32Array([7]) }],
  completedEpochs: 1,
  optimizerStep: 7,
  history: [],
};

describe('tensor packing', () => {
  it('lays out weights then optimizer weights as float32 little-endian, cut at any byte', () => {
    const packed = packSnapshot(snapshot, 5);
    expect(packed.totalBytes).toBe(12);
    expect(packed.shards.map((s) => s.byteLength)).toEqual([5, 5, 2]);
    expect(packed.tensors).toEqual([
      { group: 'weights', name: 'w', shape: [2], byteOffset: 0, byteLength: 8 },
      { group: 'weights', name: 'empty', shape: [0, 3], byteOffset: 8, byteLength: 0 },
      { group: 'optimizer', name: 'iter', shape: [], byteOffset: 8, byteLength: 4 },
    ]);
    const stream = packed.shards.flatMap((s) => [...new Uint8Array(s)]);
    // 1.0 = 0x3f800000, -2.5 = 0xc0200000, 7.0 = 0x40e00000 (IEEE 754), least significant byte first.
    expect(stream).toEqual([0, 0, 0x80, 0x3f, 0, 0, 0x20, 0xc0, 0, 0, 0xe0, 0x40]);

    const back = unpackTensors(packed.tensors, packed.shards);
    expect(back.weights.map((w) => [w.name, w.shape, [...w.data]])).toEqual([['w', [2], [1, -2.5]], ['empty', [0, 3], []]]);
    expect(back.optimizerWeights.map((w) => [...w.data])).toEqual([[7]]);
  });

  it('copies the data: later changes to the snapshot do not reach the shards', () => {
    const data = new Float32Array([3]);
    const packed = packSnapshot({ ...snapshot, weights: [{ name: 'x', shape: [1], data }], optimizerWeights: [] }, 64);
    data[0] = 9;
    expect(new Float32Array(packed.shards[0])[0]).toBe(3);
  });

  it('finds the first NaN or infinite value by tensor name and index', () => {
    expect(findNonFinite(snapshot.weights)).toBeUndefined();
    expect(findNonFinite([{ name: 'a', shape: [3], data: new Float32Array([0, 1, NaN]) }])).toBe('a[2] = NaN');
    expect(findNonFinite([{ name: 'b', shape: [1], data: new Float32Array([Infinity]) }])).toBe('b[0] = Infinity');
  });
});

describe('sha256Hex', () => {
  it('matches the FIPS 180-2 test vector for "abc"', async () => {
    const bytes = new TextEncoder().encode('abc');
    expect(await sha256Hex(bytes.buffer as ArrayBuffer)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('runInTransaction', () => {
  it('rolls back every write of the transaction when the work throws', async () => {
    const db = await openTestDb();
    const tx = db.transaction('checkpointHead', 'readwrite');
    const failed = runInTransaction(tx, 'x', async () => {
      await tx.store.put({ runId: 'a', current: 'c' });
      throw new Error('boom');
    });
    await expect(failed).rejects.toThrow('boom');
    expect(await db.count('checkpointHead')).toBe(0);
    db.close();
  });

  it('turns a QuotaExceededError abort into StorageFullError', async () => {
    let aborted = false;
    const quota = new DOMException('quota', 'QuotaExceededError');
    const tx = { done: Promise.reject(quota), error: quota, abort: () => (aborted = true) };
    const error = await runInTransaction(tx, 'the rows', async () => 1).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/the rows was not saved/);
    expect(aborted).toBe(true);
  });
});
