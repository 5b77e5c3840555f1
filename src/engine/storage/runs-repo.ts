// Run verbs over IndexedDB: create, patch, read, list, and delete a run together with all
// of its checkpoints (meta, shards, head).
import type { IDBPDatabase } from 'idb';
import type { AppDB } from './db';
import { childRange } from './key-ranges';
import type { RunRecord } from './records';
import { runInTransaction } from './transaction';

type Db = IDBPDatabase<AppDB>;

/** Store a new run. Rejects (ConstraintError) when a run with this id already exists. */
export async function createRun(db: Db, record: RunRecord): Promise<void> {
  const tx = db.transaction('runs', 'readwrite');
  await runInTransaction(tx, `run “${record.name}”`, () => tx.store.add(record));
}

/**
 * Apply `patch` to a stored run in one read-modify-write transaction and return the result.
 * Keys whose patch value is `undefined` are removed (e.g. `{ failure: undefined }` clears it);
 * `id` cannot be changed. Throws when the run does not exist.
 */
export async function updateRun(db: Db, id: string, patch: Partial<RunRecord>): Promise<RunRecord> {
  const tx = db.transaction('runs', 'readwrite');
  return runInTransaction(tx, `run ${id}`, async () => {
    const run = await tx.store.get(id);
    if (!run) throw new Error(`Run ${id} is not stored (it may have been deleted); start a new run.`);
    const next: Record<string, unknown> = { ...run, ...patch, id };
    for (const key of Object.keys(patch)) if (next[key] === undefined) delete next[key];
    await tx.store.put(next as unknown as RunRecord);
    return next as unknown as RunRecord;
  });
}

export function getRun(db: Db, id: string): Promise<RunRecord | undefined> {
  return db.get('runs', id);
}

/** All runs, newest first. */
export async function listRuns(db: Db): Promise<RunRecord[]> {
  const all = await db.getAll('runs');
  return all.sort((a, b) => b.createdAt - a.createdAt || (a.id < b.id ? -1 : 1));
}

/** Delete a run, its checkpoints (meta and shards) and its head, in one transaction. No-op when absent. */
export async function deleteRun(db: Db, id: string): Promise<void> {
  const tx = db.transaction(['runs', 'checkpointMeta', 'checkpointShards', 'checkpointHead'], 'readwrite');
  await runInTransaction(tx, `deletion of run ${id}`, async () => {
    const metaStore = tx.objectStore('checkpointMeta');
    const shardStore = tx.objectStore('checkpointShards');
    const checkpointIds = await metaStore.index('byRun').getAllKeys(id);
    await Promise.all([
      tx.objectStore('runs').delete(id),
      tx.objectStore('checkpointHead').delete(id),
      ...checkpointIds.flatMap((cid) => [
        metaStore.delete(cid),
        shardStore.delete(childRange(cid)),
      ]),
    ]);
  });
}
