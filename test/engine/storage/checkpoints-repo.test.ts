// Tests for the checkpoint protocol: bit-exact round trip over shards, rotation, crash
// leftovers (S7), corrupted or missing shards and meta (S8, S9), NaN refusal, storage full (S1).
import { describe, expect, it } from 'vitest';
import {
  CheckpointCorruptError,
  InvalidSnapshotError,
  StorageFullError,
  cleanupCheckpointLeftovers,
  commitCheckpoint,
  loadLatestCheckpoint,
} from '../../../src/engine/storage/checkpoints-repo';
import { sha256Hex } from '../../../src/engine/storage/sha256';
import type { TrainerSnapshot } from '../../../src/engine/train/train-types';
import { makeSnapshot, openTestDb, recordingTransactions, snapshotBytes, withFailingTransaction, type Db } from './storage-helpers';

function expectSameSnapshot(actual: TrainerSnapshot, expected: TrainerSnapshot): void {
  expect(actual.completedEpochs).toBe(expected.completedEpochs);
  expect(actual.optimizerStep).toBe(expected.optimizerStep);
  expect(actual.history).toEqual(expected.history);
  for (const group of ['weights', 'optimizerWeights'] as const) {
    expect(actual[group].map((a) => [a.name, a.shape])).toEqual(expected[group].map((a) => [a.name, a.shape]));
    actual[group].forEach((a, i) => {
      expect(a.data).toBeInstanceOf(Float32Array);
      // Bit-exact: compare the raw bytes, not the numbers.
      expect(new Uint8Array(a.data.buffer, a.data.byteOffset, a.data.byteLength)).toEqual(new Uint8Array(expected[group][i].data.buffer));
    });
  }
}

/** Everything stored about checkpoints, to prove a failed commit changed nothing. */
async function storedState(db: Db) {
  return {
    metas: (await db.getAll('checkpointMeta')).map((m) => [m.id, m.status]),
    shards: await db.getAllKeys('checkpointShards'),
    heads: await db.getAll('checkpointHead'),
  };
}

/** Commit epochs 1..n of run 'r' with 64-byte shards; returns the snapshots by epoch (index 0 unused). */
async function commitEpochs(db: Db, n: number): Promise<TrainerSnapshot[]> {
  const snapshots: TrainerSnapshot[] = [];
  for (let e = 1; e <= n; e++) {
    snapshots[e] = makeSnapshot(100 + e, e);
    await commitCheckpoint(db, 'r', snapshots[e], { shardBytes: 64 });
  }
  return snapshots;
}

async function currentMetaId(db: Db, runId = 'r'): Promise<string> {
  const head = await db.get('checkpointHead', runId);
  if (!head) throw new Error('no head');
  return head.current;
}

describe('commitCheckpoint + loadLatestCheckpoint', () => {
  it('round-trips a snapshot bit-exactly over several shards, also with shards cutting floats apart', async () => {
    const db = await openTestDb();
    const snapshot = makeSnapshot(7, 4);
    expect(snapshotBytes(snapshot)).toBe(208);
    for (const [shardBytes, count] of [[64, 4], [10, 21], [1 << 20, 1]]) {
      const runId = `r${shardBytes}`;
      const meta = await commitCheckpoint(db, runId, snapshot, { shardBytes });
      expect(meta.status).toBe('complete');
      expect(meta.shards.length).toBe(count);
      expect(meta.totalBytes).toBe(208);
      expect(meta.shards.every((s) => s.byteLength <= shardBytes && /^[0-9a-f]{64}$/.test(s.sha256))).toBe(true);
      const loaded = await loadLatestCheckpoint(db, runId);
      expect(loaded?.fellBackFrom).toBeUndefined();
      expect(loaded?.meta.id).toBe(meta.id);
      expectSameSnapshot(loaded!.snapshot, snapshot);
    }
    db.close();
  });

  it('stores epoch, step and valLoss from the snapshot and flips current/previous/best', async () => {
    const db = await openTestDb();
    const first = await commitCheckpoint(db, 'r', makeSnapshot(1, 1, [0.5]));
    expect(first).toMatchObject({ epoch: 1, optimizerStep: 10, valLoss: 0.5 });
    expect(await db.get('checkpointHead', 'r')).toEqual({ runId: 'r', current: first.id, best: first.id });
    const second = await commitCheckpoint(db, 'r', makeSnapshot(2, 2, [0.5, 0.9]));
    expect(await db.get('checkpointHead', 'r')).toEqual({ runId: 'r', current: second.id, previous: first.id, best: first.id });
    const noHistory = await commitCheckpoint(db, 'other', makeSnapshot(3, 0));
    expect(noHistory.valLoss).toBe(Infinity);
    expect(await loadLatestCheckpoint(db, 'nothing-here')).toBeUndefined();
    db.close();
  });

  it('rotates: after 20 commits keeps the last 3 plus the best, with no orphan shards', async () => {
    const db = await openTestDb();
    // Validation loss falls until epoch 4, then rises: epoch 4 is the best.
    const losses = Array.from({ length: 20 }, (_, i) => Math.abs(i + 1 - 4) + 0.25);
    const ids: string[] = [];
    for (let e = 1; e <= 20; e++) {
      ids[e] = (await commitCheckpoint(db, 'r', makeSnapshot(e, e, losses), { shardBytes: 64, keepLast: 3 })).id;
    }
    const metas = await db.getAll('checkpointMeta');
    expect(metas.map((m) => m.epoch).sort((a, b) => a - b)).toEqual([4, 18, 19, 20]);
    expect(metas.every((m) => m.status === 'complete')).toBe(true);
    expect(await db.get('checkpointHead', 'r')).toEqual({ runId: 'r', current: ids[20], previous: ids[19], best: ids[4] });
    const live = new Set(metas.map((m) => m.id));
    const shardKeys = await db.getAllKeys('checkpointShards');
    expect(shardKeys.length).toBe(4 * 4);
    expect(shardKeys.every(([id]) => live.has(id))).toBe(true);
    expect(await cleanupCheckpointLeftovers(db)).toBe(0);
    db.close();
  });

  it('flips the head in a strict-durability transaction', async () => {
    const db = await openTestDb();
    const calls: unknown[][] = [];
    await commitCheckpoint(recordingTransactions(db, calls), 'r', makeSnapshot(1, 1));
    const strict = calls.filter((c) => (c[2] as { durability?: string } | undefined)?.durability === 'strict');
    expect(strict.map((c) => c[0])).toEqual([['checkpointMeta', 'checkpointHead']]);
    // fake-indexeddb accepts and records the option but, having no disk, gives it no effect.
    const tx = db.transaction('checkpointHead', 'readwrite', { durability: 'strict' });
    expect(tx.durability).toBe('strict');
    await tx.done;
    db.close();
  });

  it('S7: a commit that fails before the flip leaves the head alone; clean-up removes the leftover', async () => {
    const db = await openTestDb();
    const snapshots = await commitEpochs(db, 2);
    const before = await db.get('checkpointHead', 'r');
    const failing = withFailingTransaction(db, ['checkpointMeta', 'checkpointHead'], 'UnknownError');
    await expect(commitCheckpoint(failing, 'r', makeSnapshot(103, 3), { shardBytes: 64 })).rejects.toThrow();
    expect(await db.get('checkpointHead', 'r')).toEqual(before);
    const leftovers = (await db.getAll('checkpointMeta')).filter((m) => m.status === 'writing');
    expect(leftovers.map((m) => m.epoch)).toEqual([3]);

    const loaded = await loadLatestCheckpoint(db, 'r');
    expect(loaded?.fellBackFrom).toBeUndefined();
    expectSameSnapshot(loaded!.snapshot, snapshots[2]);

    await db.put('checkpointShards', { checkpointId: 'no-meta', index: 0, bytes: new ArrayBuffer(8) });
    expect(await cleanupCheckpointLeftovers(db)).toBe(2);
    const metas = await db.getAll('checkpointMeta');
    expect(metas.map((m) => m.epoch).sort()).toEqual([1, 2]);
    const live = new Set(metas.map((m) => m.id));
    expect((await db.getAllKeys('checkpointShards')).every(([id]) => live.has(id))).toBe(true);
    expect(await cleanupCheckpointLeftovers(db)).toBe(0);
    expectSameSnapshot((await loadLatestCheckpoint(db, 'r'))!.snapshot, snapshots[2]);
    db.close();
  });

  it('S8: a flipped byte in a shard of the current checkpoint falls back to the previous one and says so', async () => {
    const db = await openTestDb();
    const snapshots = await commitEpochs(db, 3);
    const corruptId = await currentMetaId(db);
    const shard = (await db.get('checkpointShards', [corruptId, 1]))!;
    new Uint8Array(shard.bytes)[5] ^= 0x01;
    await db.put('checkpointShards', shard);

    const loaded = await loadLatestCheckpoint(db, 'r');
    expectSameSnapshot(loaded!.snapshot, snapshots[2]);
    expect(loaded?.fellBackFrom).toEqual({ checkpointId: corruptId, epoch: 3, reason: 'checkpoint of epoch 3: shard 2 of 4 failed its hash check' });
    // The head now points at the good checkpoint and the damaged one is gone.
    const head = await db.get('checkpointHead', 'r');
    expect(head?.current).toBe(loaded?.meta.id);
    expect(head?.previous).toBeUndefined();
    expect(await db.get('checkpointMeta', corruptId)).toBeUndefined();
    expect(await db.count('checkpointShards', IDBKeyRange.bound([corruptId, 0], [corruptId, Infinity]))).toBe(0);
    expect((await loadLatestCheckpoint(db, 'r'))?.fellBackFrom).toBeUndefined();
    // Training goes on from epoch 2: the next commit's previous is the good checkpoint.
    const next = await commitCheckpoint(db, 'r', makeSnapshot(203, 3), { shardBytes: 64 });
    expect(await db.get('checkpointHead', 'r')).toMatchObject({ current: next.id, previous: loaded?.meta.id });
    db.close();
  });

  it('S9: a missing shard or a missing meta record falls back to the previous checkpoint', async () => {
    const db = await openTestDb();
    const snapshots = await commitEpochs(db, 3);
    const epoch3 = await currentMetaId(db);
    await db.delete('checkpointShards', [epoch3, 2]);
    const a = await loadLatestCheckpoint(db, 'r');
    expect(a?.fellBackFrom).toMatchObject({ epoch: 3, reason: 'checkpoint of epoch 3: shard 3 of 4 is missing' });
    expectSameSnapshot(a!.snapshot, snapshots[2]);

    await commitCheckpoint(db, 'r', snapshots[3], { shardBytes: 64 });
    const newest = await currentMetaId(db);
    await db.delete('checkpointMeta', newest);
    const b = await loadLatestCheckpoint(db, 'r');
    expect(b?.fellBackFrom?.checkpointId).toBe(newest);
    expect(b?.fellBackFrom?.epoch).toBeUndefined();
    expect(b?.fellBackFrom?.reason).toMatch(/metadata record is missing/);
    expectSameSnapshot(b!.snapshot, snapshots[2]);
    db.close();
  });

  it('throws CheckpointCorruptError naming both checkpoints when neither verifies', async () => {
    const db = await openTestDb();
    await commitEpochs(db, 2);
    const head = (await db.get('checkpointHead', 'r'))!;
    await db.delete('checkpointShards', [head.current, 0]);
    await db.delete('checkpointShards', [head.previous!, 3]);
    const error = await loadLatestCheckpoint(db, 'r').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CheckpointCorruptError);
    expect((error as CheckpointCorruptError).reasons).toEqual([
      'checkpoint of epoch 2: shard 1 of 4 is missing',
      'checkpoint of epoch 1: shard 4 of 4 is missing',
    ]);
    expect(await db.get('checkpointHead', 'r')).toEqual(head);

    // A single damaged checkpoint with no previous one is refused too.
    await commitCheckpoint(db, 'solo', makeSnapshot(9, 1), { shardBytes: 64 });
    await db.delete('checkpointShards', [await currentMetaId(db, 'solo'), 0]);
    await expect(loadLatestCheckpoint(db, 'solo')).rejects.toThrow(/No usable checkpoint.*epoch 1/);
    db.close();
  });

  it('refuses to save NaN/Inf weights, and refuses to load stored ones even with matching hashes', async () => {
    const db = await openTestDb();
    const snapshots = await commitEpochs(db, 1);
    const before = await storedState(db);
    const bad = makeSnapshot(5, 2);
    bad.weights[2].data[1] = NaN;
    await expect(commitCheckpoint(db, 'r', bad)).rejects.toThrow(InvalidSnapshotError);
    await expect(commitCheckpoint(db, 'r', bad)).rejects.toThrow(/epoch 2 contains NaN or Infinity \(dense_2\/kernel\[1\] = NaN\)/);
    bad.weights[2].data[1] = 0;
    bad.optimizerWeights[3].data[0] = -Infinity;
    await expect(commitCheckpoint(db, 'r', bad)).rejects.toThrow(/-Infinity/);
    expect(await storedState(db)).toEqual(before);

    // Forge a stored checkpoint whose bytes are NaN but whose hashes are consistent.
    await commitCheckpoint(db, 'r', makeSnapshot(6, 2), { shardBytes: 64 });
    const id = await currentMetaId(db);
    const shard = (await db.get('checkpointShards', [id, 0]))!;
    new Float32Array(shard.bytes)[0] = Infinity;
    const meta = (await db.get('checkpointMeta', id))!;
    meta.shards[0].sha256 = await sha256Hex(shard.bytes);
    await db.put('checkpointShards', shard);
    await db.put('checkpointMeta', meta);
    const loaded = await loadLatestCheckpoint(db, 'r');
    expect(loaded?.fellBackFrom?.reason).toBe('checkpoint of epoch 2: it contains NaN or Infinity (dense_1/kernel[0] = Infinity)');
    expectSameSnapshot(loaded!.snapshot, snapshots[1]);
    db.close();
  });

  it('S1 preflight: too little free space throws StorageFullError before writing anything', async () => {
    const db = await openTestDb();
    await commitEpochs(db, 1);
    const before = await storedState(db);
    const MB = 1024 * 1024;
    // 208 bytes need 416 free; 300 are left.
    const estimate = async () => ({ usage: 100 * MB, quota: 100 * MB + 300 });
    const error = await commitCheckpoint(db, 'r', makeSnapshot(2, 2), { estimate }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect(error).toMatchObject({ usage: 100 * MB, quota: 100 * MB + 300, neededBytes: 416, code: 'storage' });
    expect((error as Error).message).toMatch(/100\.0 MB used of 100\.0 MB.*epoch 2.*Free space or delete old runs/);
    expect(await storedState(db)).toEqual(before);

    // Enough room, or no usable estimate: the commit goes ahead.
    await commitCheckpoint(db, 'r', makeSnapshot(3, 2), { estimate: async () => ({ usage: 0, quota: 416 }) });
    await commitCheckpoint(db, 'r', makeSnapshot(4, 3), { estimate: async () => ({}) });
    await commitCheckpoint(db, 'r', makeSnapshot(5, 4), { estimate: () => Promise.reject(new Error('no storage manager')) });
    expect((await loadLatestCheckpoint(db, 'r'))?.meta.epoch).toBe(4);
    db.close();
  });

  it('S1 late quota abort: the shard transaction rolls back and StorageFullError is thrown', async () => {
    const db = await openTestDb();
    const snapshots = await commitEpochs(db, 1);
    const before = await storedState(db);
    const full = withFailingTransaction(db, ['checkpointMeta', 'checkpointShards']);
    const error = await commitCheckpoint(full, 'r', makeSnapshot(2, 2), { shardBytes: 64 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageFullError);
    expect((error as Error).message).toMatch(/checkpoint of epoch 2 was not saved/);
    expect(await storedState(db)).toEqual(before);
    expectSameSnapshot((await loadLatestCheckpoint(db, 'r'))!.snapshot, snapshots[1]);
    db.close();
  });

  it('validates its arguments', async () => {
    const db = await openTestDb();
    const s = makeSnapshot(1, 1);
    await expect(commitCheckpoint(db, 'r', s, { shardBytes: 0 })).rejects.toThrow(/shardBytes/);
    await expect(commitCheckpoint(db, 'r', s, { keepLast: 0 })).rejects.toThrow(/keepLast/);
    await expect(commitCheckpoint(db, 'r', { ...s, completedEpochs: -1 })).rejects.toThrow(/completedEpochs/);
    const mismatched = makeSnapshot(1, 1);
    mismatched.weights[0].shape = [4, 4];
    await expect(commitCheckpoint(db, 'r', mismatched)).rejects.toThrow(/dense_1\/kernel has 6 values but shape \[4, 4\]/);
    expect(await db.count('checkpointMeta')).toBe(0);
    db.close();
  });
});

describe('the loop state stored with a checkpoint', () => {
  it('keeps the schedule and early-stopping states, the best weights and a mid-epoch cursor', async () => {
    const db = await openTestDb();
    const base = makeSnapshot(3, 2);
    const bestWeights = base.weights.map((w, i) => ({ name: `best/${i}`, shape: w.shape.slice(), data: w.data.map((v) => v * 2) }));
    const snapshot: TrainerSnapshot = {
      ...base, bestWeights,
      plateau: { lr: 0.001, best: 0.42, badEpochs: 1, cooldownLeft: 0, reductions: 2 },
      earlyStopping: { bestValue: 0.4, bestEpoch: 1, badEpochs: 1, stoppedEpoch: null },
      cursor: { epoch: 3, batch: 5, lossSum: 12.5, correct: 40 },
    };
    await commitCheckpoint(db, 'r', snapshot, { shardBytes: 64 });
    const loaded = (await loadLatestCheckpoint(db, 'r'))?.snapshot;
    expect(loaded).toBeDefined();
    expectSameSnapshot(loaded!, snapshot);
    expect(loaded!.plateau).toEqual(snapshot.plateau);
    expect(loaded!.earlyStopping).toEqual(snapshot.earlyStopping);
    expect(loaded!.cursor).toEqual(snapshot.cursor);
    expect(loaded!.bestWeights?.map((w) => Array.from(w.data))).toEqual(bestWeights.map((w) => Array.from(w.data)));
  });

  it('an older checkpoint without them loads with none', async () => {
    const db = await openTestDb();
    await commitCheckpoint(db, 'r', makeSnapshot(1, 1));
    const loaded = (await loadLatestCheckpoint(db, 'r'))?.snapshot;
    expect(loaded?.bestWeights).toBeUndefined();
    expect(loaded?.cursor).toBeUndefined();
  });
});
