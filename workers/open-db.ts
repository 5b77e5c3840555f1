// One lazily opened database connection per worker; reopened if the browser closes it.
import type { IDBPDatabase } from 'idb';
import { openAppDb, type AppDB } from '../src/engine/storage/db';

/** Returns a function that yields an open connection, reopening after a close (site data cleared). */
export function createDbOpener(name?: string): () => Promise<IDBPDatabase<AppDB>> {
  let connection: Promise<IDBPDatabase<AppDB>> | undefined;
  return () => (connection ??= openAppDb(name, { onClose: () => (connection = undefined) }));
}
