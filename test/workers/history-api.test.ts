// Worker protocol for the run history verbs over a MessageChannel with fake-indexeddb: query,
// rename, annotate, compare and export survive structured cloning, and refusals come back as problems.
import { afterEach, describe, expect, it } from 'vitest';
import { createHistoryApi } from '../../workers/history-api';
import { createDbOpener } from '../../workers/open-db';
import { createRun, deleteRun } from '../../src/engine/storage/runs-repo';
import { epochs, makeRun } from '../engine/history/history-fixtures';
import { exposeOverChannel } from './expose';

const closers: (() => void)[] = [];
afterEach(() => closers.splice(0).forEach((close) => close()));

async function setUp() {
  const db = createDbOpener(`webtrain-test-${crypto.randomUUID()}`);
  const stored = await db();
  await createRun(stored, makeRun('a', { name: 'slow', createdAt: 1, history: epochs([0.8, 0.6], undefined, [0.6, 0.7]) }));
  await createRun(stored, makeRun('b', { name: 'fast', createdAt: 2, history: epochs([0.5, 0.4, 0.3], undefined, [0.8, 0.85, 0.9]) }));
  await createRun(stored, makeRun('c', { name: 'iris run', createdAt: 3, datasetId: 'd-iris', datasetName: 'iris.csv', status: 'failed' }));
  const channel = exposeOverChannel(createHistoryApi({ db, now: () => Date.UTC(2025, 4, 6) }));
  closers.push(channel.close);
  return { api: channel.remote, db: stored };
}

describe('history API over a MessageChannel', () => {
  it('queries summaries sorted and filtered, with the dataset choices', async () => {
    const { api } = await setUp();
    const page = await api.queryRuns({ sort: 'valLoss', descending: false, datasetId: 'd-pen' });
    expect(page.rows.map((r) => r.id)).toEqual(['b', 'a']);
    expect(page.total).toBe(3);
    expect([page.sort, page.descending]).toEqual(['valLoss', false]);
    expect((await api.queryRuns({ sort: 'valAccuracy' })).descending).toBe(true);
    expect(page.datasets.map((d) => d.name)).toEqual(['iris.csv', 'penguins.csv']);
    expect((await api.queryRuns({ sort: 'date', descending: true, text: 'IRIS' })).rows.map((r) => r.id)).toEqual(['c']);
  });

  it('renames and annotates, and returns refusals as problems', async () => {
    const { api } = await setUp();
    const renamed = await api.renameRun('a', '  tiny lr ');
    expect(renamed).toMatchObject({ ok: true, value: { id: 'a', name: 'tiny lr' } });
    expect(await api.annotateRun('a', 'too slow to converge')).toMatchObject({ ok: true, value: { note: 'too slow to converge' } });
    const page = await api.queryRuns({ sort: 'name', descending: false, text: 'converge' });
    expect(page.rows.map((r) => [r.name, r.note])).toEqual([['tiny lr', 'too slow to converge']]);
    const empty = await api.renameRun('a', '   ');
    expect(empty.ok).toBe(false);
    if (!empty.ok) expect(empty.problem.message).toMatch(/needs a name/);
    const gone = await api.annotateRun('zzz', 'x');
    expect(gone.ok).toBe(false);
    if (!gone.ok) expect(gone.problem.message).toMatch(/not stored/);
  });

  it('compares selected runs in order, reports missing ones, and exports CSV', async () => {
    const { api, db } = await setUp();
    await deleteRun(db, 'c');
    const view = await api.compareRuns(['b', 'a', 'b', 'c']);
    expect(view.runs.map((r) => r.id)).toEqual(['b', 'a']);
    expect(view.missing).toEqual(['c']);
    expect(view.rows.find((r) => r.key === 'finalValLoss')).toMatchObject({ values: [0.3, 0.6], best: [0] });
    expect(view.loss.epochs).toEqual([1, 2, 3]);
    expect(view.loss.series.map((s) => `${s.runId}:${s.metric}`)).toEqual(['b:trainLoss', 'a:trainLoss', 'b:valLoss', 'a:valLoss']);
    expect(view.accuracy.series.find((s) => s.runId === 'a' && s.metric === 'valAccuracy')?.values).toEqual([0.6, 0.7, null]);

    const metrics = await api.exportRunsCsv(['a', 'b'], 'metrics');
    expect(metrics.fileName).toBe('webtrain-runs-metrics-2025-05-06.csv');
    expect(metrics.text.split('\r\n').map((l) => l.split(',')[0])).toEqual(['run_id', 'a', 'b', '']);
    const curves = await api.exportRunsCsv(['a', 'b'], 'curves');
    expect(curves.text.split('\r\n')).toHaveLength(1 + 2 + 3 + 1);
    expect(curves.text).toContain('\r\nb,fast,3,0.4,0.3,0.91,0.9,30,100\r\n');
  });
});
