// Tests for the schema and connection lifecycle: stores and indexes, version-change and
// forced-close handling.
import { describe, expect, it } from 'vitest';
import { openDB, unwrap } from 'idb';
import { forceCloseDatabase } from 'fake-indexeddb';
import { DB_VERSION, openAppDb } from '../../../src/engine/storage/db';

const uniqueName = () => `webtrain-test-${crypto.randomUUID()}`;

describe('openAppDb', () => {
  it('creates every store with its key path and index', async () => {
    const db = await openAppDb(uniqueName());
    expect(db.version).toBe(DB_VERSION);
    expect([...db.objectStoreNames].sort()).toEqual(
      ['calibrations', 'checkpointHead', 'checkpointMeta', 'checkpointShards', 'datasetChunks', 'datasets', 'ensembles', 'runs', 'searches'],
    );
    const tx = db.transaction(['datasetChunks', 'runs', 'checkpointMeta', 'checkpointShards', 'checkpointHead']);
    expect(tx.objectStore('datasetChunks').keyPath).toEqual(['datasetId', 'index']);
    expect(tx.objectStore('checkpointShards').keyPath).toEqual(['checkpointId', 'index']);
    expect(tx.objectStore('checkpointHead').keyPath).toBe('runId');
    expect(tx.objectStore('runs').index('byDataset').keyPath).toBe('datasetId');
    expect(tx.objectStore('checkpointMeta').index('byRun').keyPath).toBe('runId');
    await tx.done;
    const v3 = db.transaction(['searches', 'ensembles']);
    expect(v3.objectStore('searches').index('byDataset').keyPath).toBe('datasetId');
    expect(v3.objectStore('ensembles').index('byDataset').keyPath).toBe('datasetId');
    await v3.done;
    db.close();
  });

  it('upgrades a version-2 database to 3, keeping its runs and calibrations', async () => {
    const name = uniqueName();
    const old = await openDB(name, 2, {
      upgrade(raw) {
        raw.createObjectStore('runs', { keyPath: 'id' }).createIndex('byDataset', 'datasetId');
        raw.createObjectStore('calibrations', { keyPath: 'key' });
      },
    });
    await old.put('runs', { id: 'r1', datasetId: 'd' });
    await old.put('calibrations', { key: 'k' });
    old.close();
    const db = await openAppDb(name);
    expect(db.version).toBe(3);
    expect(await db.get('runs', 'r1')).toMatchObject({ id: 'r1' });
    expect(await db.get('calibrations', 'k')).toEqual({ key: 'k' });
    expect(await db.getAll('searches')).toEqual([]);
    db.close();
  });

  it('reopens an existing database without losing data', async () => {
    const name = uniqueName();
    const first = await openAppDb(name);
    await first.put('checkpointHead', { runId: 'r', current: 'c' });
    first.close();
    const second = await openAppDb(name);
    expect(await second.get('checkpointHead', 'r')).toEqual({ runId: 'r', current: 'c' });
    second.close();
  });

  it('closes itself and notifies when another tab opens a newer version', async () => {
    const name = uniqueName();
    const events: string[] = [];
    const db = await openAppDb(name, {
      onVersionChange: () => events.push('version-change'),
      onClose: (reason) => events.push(`close:${reason}`),
    });
    // Without our close this open would stay blocked and the test would time out.
    const newer = await openDB(name, DB_VERSION + 1);
    expect(newer.version).toBe(DB_VERSION + 1);
    expect(events).toEqual(['version-change', 'close:version-change']);
    expect(() => db.transaction('runs')).toThrow();
    newer.close();
  });

  it('notifies onClose("terminated") when the browser closes the connection', async () => {
    const reasons: string[] = [];
    const db = await openAppDb(uniqueName(), { onClose: (reason) => reasons.push(reason) });
    forceCloseDatabase(unwrap(db) as never);
    await new Promise((r) => setTimeout(r, 10));
    expect(reasons).toEqual(['terminated']);
  });
});
