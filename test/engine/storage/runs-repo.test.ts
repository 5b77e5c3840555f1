// Tests for the run verbs: create/get/list/update, rename/annotate and the cascading delete of checkpoints.
import { describe, expect, it } from 'vitest';
import { annotateRun, createRun, deleteRun, getRun, listRuns, MAX_RUN_NAME_LENGTH, MAX_RUN_NOTE_LENGTH, renameRun, updateRun } from '../../../src/engine/storage/runs-repo';
import { commitCheckpoint } from '../../../src/engine/storage/checkpoints-repo';
import type { RunRecord } from '../../../src/engine/storage/records';
import type { FittedPipeline } from '../../../src/engine/data/prepare-types';
import { makeSnapshot, openTestDb } from './storage-helpers';

function makeRun(id: string, createdAt: number): RunRecord {
  return {
    id,
    datasetId: 'd1',
    datasetName: 'iris.csv',
    name: `run ${id}`,
    createdAt,
    updatedAt: createdAt,
    status: 'running',
    modelSpec: { version: 1, kind: 'mlp', inputSize: 2, hiddenLayers: [3], activation: 'relu', outputSize: 2, task: 'classification' },
    trainConfig: { epochs: 5, batchSize: 8, learningRate: 0.01, optimizer: 'adam', seed: 42 },
    pipeline: { version: 1, featureNames: ['a', 'b'] } as unknown as FittedPipeline,
    history: [],
  };
}

describe('runs repository', () => {
  it('creates, reads, lists newest first and refuses a duplicate id', async () => {
    const db = await openTestDb();
    await createRun(db, makeRun('a', 1000));
    await createRun(db, makeRun('b', 3000));
    await createRun(db, makeRun('c', 2000));
    expect((await getRun(db, 'a'))?.modelSpec).toMatchObject({ version: 1, hiddenLayers: [3] });
    expect((await listRuns(db)).map((r) => r.id)).toEqual(['b', 'c', 'a']);
    await expect(createRun(db, makeRun('a', 5))).rejects.toThrow();
    expect((await getRun(db, 'a'))?.createdAt).toBe(1000);
    db.close();
  });

  it('patches in one read-modify-write, clears undefined keys and keeps the id', async () => {
    const db = await openTestDb();
    await createRun(db, { ...makeRun('a', 1000), failure: 'old problem' });
    const history = [{ epoch: 1, trainLoss: 0.5, valLoss: 0.6, optimizerStep: 10, durationMs: 3 }];
    const updated = await updateRun(db, 'a', { status: 'completed', history, failure: undefined, updatedAt: 2000, id: 'other' });
    expect(updated).toMatchObject({ id: 'a', status: 'completed', updatedAt: 2000, datasetName: 'iris.csv' });
    const stored = await getRun(db, 'a');
    expect(stored).toEqual(updated);
    expect(stored && 'failure' in stored).toBe(false);
    expect(stored?.history).toEqual(history);
    expect(await getRun(db, 'other')).toBeUndefined();
    await expect(updateRun(db, 'missing', { status: 'failed' })).rejects.toThrow(/not stored/);
    db.close();
  });

  it('deletes a run with its checkpoints, shards and head, leaving other runs intact', async () => {
    const db = await openTestDb();
    await createRun(db, makeRun('a', 1));
    await createRun(db, makeRun('b', 2));
    for (let e = 1; e <= 3; e++) {
      await commitCheckpoint(db, 'a', makeSnapshot(e, e), { shardBytes: 64 });
      await commitCheckpoint(db, 'b', makeSnapshot(10 + e, e), { shardBytes: 64 });
    }
    const bShards = (await db.getAllKeys('checkpointShards')).length / 2;
    await deleteRun(db, 'a');
    expect(await getRun(db, 'a')).toBeUndefined();
    expect(await db.get('checkpointHead', 'a')).toBeUndefined();
    const metas = await db.getAll('checkpointMeta');
    expect(metas.length).toBe(3);
    expect(metas.every((m) => m.runId === 'b')).toBe(true);
    const bIds = new Set(metas.map((m) => m.id));
    const shardKeys = await db.getAllKeys('checkpointShards');
    expect(shardKeys.length).toBe(bShards);
    expect(shardKeys.every(([id]) => bIds.has(id))).toBe(true);
    expect(await db.get('checkpointHead', 'b')).toBeDefined();
    await deleteRun(db, 'a'); // absent: no-op
    db.close();
  });

  it('renames a run (trimmed) and refuses empty, over-long or missing', async () => {
    const db = await openTestDb();
    await createRun(db, makeRun('a', 1000));
    const renamed = await renameRun(db, 'a', '  wide net, lr 0.1 ');
    expect(renamed.name).toBe('wide net, lr 0.1');
    expect(renamed.updatedAt).toBe(1000);
    expect((await getRun(db, 'a'))?.name).toBe('wide net, lr 0.1');
    await expect(renameRun(db, 'a', ' \t ')).rejects.toThrow(RangeError);
    await expect(renameRun(db, 'a', 'x'.repeat(MAX_RUN_NAME_LENGTH + 1))).rejects.toThrow(/limited to 120/);
    expect((await renameRun(db, 'a', 'y'.repeat(MAX_RUN_NAME_LENGTH))).name.length).toBe(MAX_RUN_NAME_LENGTH);
    await expect(renameRun(db, 'missing', 'b')).rejects.toThrow(/not stored/);
    db.close();
  });

  it('annotates a run, and an empty note removes the key', async () => {
    const db = await openTestDb();
    await createRun(db, makeRun('a', 1000));
    expect((await annotateRun(db, 'a', ' tried dropout\nworse ')).note).toBe('tried dropout\nworse');
    expect((await getRun(db, 'a'))?.note).toBe('tried dropout\nworse');
    await annotateRun(db, 'a', '   ');
    const cleared = await getRun(db, 'a');
    expect(cleared && 'note' in cleared).toBe(false);
    expect(cleared?.name).toBe('run a');
    await expect(annotateRun(db, 'a', 'n'.repeat(MAX_RUN_NOTE_LENGTH + 1))).rejects.toThrow(RangeError);
    await expect(annotateRun(db, 'missing', 'hi')).rejects.toThrow(/not stored/);
    db.close();
  });
});
