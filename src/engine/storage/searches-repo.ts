// Search and ensemble verbs over IndexedDB: create, patch one trial or the whole record in one
// read-modify-write transaction, read, list per dataset, delete.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from './db';
import type { EnsembleRecord, SearchRecord, TrialRecord } from './search-records';
import { runInTransaction } from './transaction';

type Db = IDBPDatabase<AppDB>;

/** Store a new search. Rejects (ConstraintError) when the id is taken. */
export async function createSearch(db: Db, record: SearchRecord): Promise<void> {
  const tx = db.transaction('searches', 'readwrite');
  await runInTransaction(tx, `search “${record.name}”`, () => tx.store.add(record));
}

/**
 * Apply `change` to the stored search in one transaction and return the result, with `updatedAt` now.
 * `change` gets a copy it may edit; the trials of parallel workers are merged through here, so two
 * trials finishing together never overwrite each other. Throws when the search is gone.
 */
export async function updateSearch(db: Db, id: string, change: (search: SearchRecord) => void): Promise<SearchRecord> {
  const tx = db.transaction('searches', 'readwrite');
  return runInTransaction(tx, "the search's progress", async () => {
    const search = await tx.store.get(id);
    if (!search) throw new Error(`Search ${id} is not stored (it may have been deleted); start a new search.`);
    change(search);
    search.updatedAt = Date.now();
    await tx.store.put(search);
    return search;
  });
}

/** Patch trial `index` of a search (see updateSearch); throws when the trial does not exist. */
export function updateTrial(db: Db, searchId: string, index: number, patch: Partial<TrialRecord>): Promise<SearchRecord> {
  return updateSearch(db, searchId, (search) => {
    const trial = search.trials.find((t) => t.index === index);
    if (!trial) throw new Error(`Trial ${index + 1} of search ${searchId} is not stored.`);
    Object.assign(trial, patch);
  });
}

export function getSearch(db: Db, id: string): Promise<SearchRecord | undefined> {
  return db.get('searches', id);
}

/** A dataset's searches, newest first. */
export async function listSearches(db: Db, datasetId: string): Promise<SearchRecord[]> {
  const all = await db.getAllFromIndex('searches', 'byDataset', datasetId);
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

/** Delete a search record (its trials' runs stay in the run history). */
export async function deleteSearch(db: Db, id: string): Promise<void> {
  const tx = db.transaction('searches', 'readwrite');
  await runInTransaction(tx, 'the search', () => tx.store.delete(id));
}

export async function putEnsemble(db: Db, record: EnsembleRecord): Promise<void> {
  const tx = db.transaction('ensembles', 'readwrite');
  await runInTransaction(tx, `ensemble “${record.name}”`, () => tx.store.put(record));
}

export function getEnsemble(db: Db, id: string): Promise<EnsembleRecord | undefined> {
  return db.get('ensembles', id);
}

/** A dataset's ensembles, newest first. */
export async function listEnsembles(db: Db, datasetId: string): Promise<EnsembleRecord[]> {
  const all = await db.getAllFromIndex('ensembles', 'byDataset', datasetId);
  return all.sort((a, b) => b.createdAt - a.createdAt);
}

export async function deleteEnsemble(db: Db, id: string): Promise<void> {
  const tx = db.transaction('ensembles', 'readwrite');
  await runInTransaction(tx, 'the ensemble', () => tx.store.delete(id));
}
