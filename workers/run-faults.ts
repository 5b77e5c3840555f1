// Faults a training run recovers from or explains (rows S10 and G1 of the reliability matrix): the browser
// closing the database under a run (site data cleared, eviction) and the GPU device being lost.
import type { IDBPDatabase } from 'idb';
import type { AppDB } from '../src/engine/storage/db';

/** What the user reads when the browser closed the database mid-run (site data cleared, eviction). */
export const STORAGE_CLEARED = 'The stored data of this site was cleared (in the browser settings, or by the browser to free space) while training, so this run and its checkpoints are gone. Training stopped; import the data again to start over.';

/** Device losses one run recovers from; a device that keeps getting lost fails the run instead. */
export const MAX_DEVICE_RECOVERIES = 2;

/** How long a failed GPU call waits for device.lost to say whether the device is gone. */
export const DEVICE_LOSS_WAIT_MS = 1000;

/**
 * Whether the browser has closed `db` (site data cleared, eviction): opening a transaction then throws.
 * The error's name varies between the failing calls, so the connection itself is asked.
 */
export function isClosedDatabase(db: IDBPDatabase<AppDB>): boolean {
  try {
    db.transaction('runs').abort();
    return false;
  } catch {
    return true;
  }
}

/**
 * A storage-full message with the usage and quota figures (S1): a write refused by the browser's quota
 * (rather than by the checkpoint preflight) does not know them, so ask `estimate` and add them.
 */
export async function withStorageFigures(message: string, estimate?: () => Promise<{ usage?: number; quota?: number }>): Promise<string> {
  if (!message.startsWith('Browser storage is full:') || !estimate) return message;
  const figures = await estimate().catch(() => ({ usage: undefined, quota: undefined }));
  if (figures.usage === undefined || figures.quota === undefined) return message;
  const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  return message.replace('Browser storage is full:', `Browser storage is full (${mb(figures.usage)} used of ${mb(figures.quota)}):`);
}
