// The app's one IndexedDB schema (typed for idb), its migration ladder, and connection
// lifecycle handling (another tab upgrading, the browser closing the connection).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type {
  CheckpointHeadRecord,
  CheckpointMetaRecord,
  CheckpointShardRecord,
  DatasetChunkRecord,
  DatasetRecord,
  RunRecord,
} from './records';
import type { CalibrationRecord } from './calibrations-repo';
import type { EnsembleRecord, SearchRecord } from './search-records';

/** Schema version; bump it and add a rung to `migrate` for every change of stores or indexes. */
export const DB_VERSION = 3;

export interface AppDB extends DBSchema {
  datasets: { key: string; value: DatasetRecord };
  /** Version 2: the measured backend × worker table per model shape (calibrations-repo.ts). */
  calibrations: { key: string; value: CalibrationRecord };
  datasetChunks: { key: [string, number]; value: DatasetChunkRecord };
  runs: { key: string; value: RunRecord; indexes: { byDataset: string } };
  checkpointMeta: { key: string; value: CheckpointMetaRecord; indexes: { byRun: string } };
  checkpointShards: { key: [string, number]; value: CheckpointShardRecord };
  checkpointHead: { key: string; value: CheckpointHeadRecord };
  /** Version 3: hyperparameter searches with every trial (search-records.ts). */
  searches: { key: string; value: SearchRecord; indexes: { byDataset: string } };
  /** Version 3: saved ensembles of runs. */
  ensembles: { key: string; value: EnsembleRecord; indexes: { byDataset: string } };
}

export interface AppDbHandlers {
  /** Another tab holds an older version open; this open waits until that tab closes or reloads. */
  onBlocked?: () => void;
  /**
   * Another tab wants to open a newer version. This connection has already been closed so the
   * upgrade can go ahead; the app should ask the user to reload. `onClose('version-change')` follows.
   */
  onVersionChange?: () => void;
  /**
   * The connection can no longer be used: 'terminated' when the browser closed it (site data
   * cleared, eviction), 'version-change' when we closed it for a newer version. Reopen or tell the user.
   */
  onClose?: (reason: 'terminated' | 'version-change') => void;
}

/** Brings a database at `oldVersion` up to DB_VERSION, one rung at a time, inside the upgrade transaction. */
function migrate(db: IDBPDatabase<AppDB>, oldVersion: number): void {
  if (oldVersion < 1) {
    db.createObjectStore('datasets', { keyPath: 'id' });
    db.createObjectStore('datasetChunks', { keyPath: ['datasetId', 'index'] });
    const runs = db.createObjectStore('runs', { keyPath: 'id' });
    runs.createIndex('byDataset', 'datasetId');
    const meta = db.createObjectStore('checkpointMeta', { keyPath: 'id' });
    meta.createIndex('byRun', 'runId');
    db.createObjectStore('checkpointShards', { keyPath: ['checkpointId', 'index'] });
    db.createObjectStore('checkpointHead', { keyPath: 'runId' });
  }
  if (oldVersion < 2) db.createObjectStore('calibrations', { keyPath: 'key' });
  if (oldVersion < 3) {
    db.createObjectStore('searches', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
    db.createObjectStore('ensembles', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
  }
  // Later: if (oldVersion < 4) { ... } — read and rewrite records through the upgrade transaction.
}

/**
 * Open (creating or upgrading) the app database. Rejects if a migration throws; the upgrade
 * transaction then rolls back and the stored version and data stay as they were.
 * Side effects: may create or upgrade the database `name`; installs the lifecycle handlers.
 */
export function openAppDb(name = 'webtrain', handlers: AppDbHandlers = {}): Promise<IDBPDatabase<AppDB>> {
  return openDB<AppDB>(name, DB_VERSION, {
    upgrade(db, oldVersion) {
      migrate(db, oldVersion);
    },
    blocked() {
      handlers.onBlocked?.();
    },
    blocking(_currentVersion, _blockedVersion, event) {
      // Closing at once lets the other tab's upgrade proceed instead of hanging behind us.
      (event.target as IDBDatabase).close();
      handlers.onVersionChange?.();
      handlers.onClose?.('version-change');
    },
    terminated() {
      handlers.onClose?.('terminated');
    },
  });
}
