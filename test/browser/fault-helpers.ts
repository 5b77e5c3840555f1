// Shared steps for the fault-injection browser tests (reference/reliability.md, test matrix):
// open the app on a chosen backend, start a checkpoint-heavy run, and read the stored checkpoints
// straight from IndexedDB (re-hashing every shard) to prove what a fault left behind.
import { expect, type Page, type Worker } from '@playwright/test';
import { dropFile, setTraining, shownEpoch } from './helpers';
import { classificationCsv } from './synthetic-csv';

/** What one stored checkpoint looks like from outside the app. */
export interface StoredCheckpoint {
  id: string;
  runId: string;
  epoch: number;
  status: 'writing' | 'complete';
  /** Every shard present with its recorded SHA-256 (computed here, independently of the app). */
  hashesVerify: boolean;
  /** Every stored weight is finite. */
  finite: boolean;
}

/** The checkpoint stores of the app database as seen right now. */
export interface CheckpointState {
  heads: { runId: string; current: string; previous?: string }[];
  checkpoints: StoredCheckpoint[];
  /** Checkpoint ids that own shards but have no complete meta (leftovers of an interrupted write). */
  orphanShardOwners: string[];
}

/**
 * Open the app with `search` (default `?backend=cpu`: software WebGPU is slow) and wait until the
 * training worker reports its backend.
 */
export async function openAppWith(page: Page, search = '?backend=cpu'): Promise<void> {
  await page.goto(`/${search}`);
  await expect(page.getByTestId('backend')).toHaveAttribute('data-backend', /.+/, { timeout: 60_000 });
}

/** Drop a small classification CSV and wait until its preparation is ready to train. */
export async function dropTrainableCsv(page: Page, name: string, rows = 60): Promise<void> {
  await dropFile(page, name, classificationCsv(rows, 0, 3));
  await expect(page.getByTestId('dataset-view').getByRole('heading', { name })).toBeVisible();
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification');
}

/**
 * Start a run with an MLP of `layers` hidden units. Wide layers on few rows make every epoch
 * mostly checkpoint writing (weights plus Adam's two moments), which is what the crash tests aim at.
 */
export async function startRun(page: Page, options: { epochs: number; batch?: number; lr?: number; layers?: string }): Promise<void> {
  if (options.layers !== undefined) await page.getByTestId('layers-input').fill(options.layers);
  await setTraining(page, { epochs: options.epochs, batch: options.batch ?? 64, lr: options.lr });
  await expect(page.getByTestId('start-training')).toBeEnabled();
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('training', { timeout: 60_000 });
}

/** Completed epochs whose event reached the page (points on the loss curve). */
export async function epochsOnChart(page: Page): Promise<number> {
  const chart = page.getByTestId('loss-chart');
  if (!(await chart.count())) return 0;
  return Number((await chart.getAttribute('data-points')) ?? 0);
}

/** The epoch a resume banner offers ("reached epoch 3 of 40" -> 3). */
export async function bannerEpoch(page: Page): Promise<number> {
  const text = (await page.getByTestId('resume-banner').first().textContent()) ?? '';
  return Number(/reached epoch (\d+) of/.exec(text)?.[1] ?? NaN);
}

/**
 * Read every checkpoint of the app database from the page, re-hash every shard with WebCrypto and
 * scan the bytes for NaN/Inf. Opens the database only if it already exists (opening a missing one
 * would create it empty at version 1 and break the app's own upgrade).
 */
export function readCheckpointState(page: Page): Promise<CheckpointState> {
  return page.evaluate(async () => {
    const empty = { heads: [], checkpoints: [], orphanShardOwners: [] };
    if (!(await indexedDB.databases()).some((d) => d.name === 'webtrain')) return empty;
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      const request = indexedDB.open('webtrain');
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    try {
      if (!db.objectStoreNames.contains('checkpointMeta')) return empty;
      const tx = db.transaction(['checkpointHead', 'checkpointMeta', 'checkpointShards'], 'readonly');
      const all = <T>(store: string) => new Promise<T[]>((resolve, reject) => {
        const request = tx.objectStore(store).getAll();
        request.onsuccess = () => resolve(request.result as T[]);
        request.onerror = () => reject(request.error);
      });
      type Meta = { id: string; runId: string; epoch: number; status: 'writing' | 'complete'; shards: { index: number; sha256: string }[] };
      type Shard = { checkpointId: string; index: number; bytes: ArrayBuffer };
      const [heads, metas, shards] = await Promise.all([
        all<{ runId: string; current: string; previous?: string }>('checkpointHead'), all<Meta>('checkpointMeta'), all<Shard>('checkpointShards'),
      ]);
      const hex = async (bytes: ArrayBuffer) => [...new Uint8Array(await crypto.subtle.digest('SHA-256', bytes))]
        .map((b) => b.toString(16).padStart(2, '0')).join('');
      const checkpoints = [];
      for (const meta of metas) {
        const own = shards.filter((s) => s.checkpointId === meta.id);
        let hashesVerify = own.length === meta.shards.length;
        let finite = true;
        for (const entry of meta.shards) {
          const bytes = own.find((s) => s.index === entry.index)?.bytes;
          if (!bytes || (await hex(bytes)) !== entry.sha256) hashesVerify = false;
          if (bytes && new Float32Array(bytes, 0, Math.floor(bytes.byteLength / 4)).some((v) => !Number.isFinite(v))) finite = false;
        }
        checkpoints.push({ id: meta.id, runId: meta.runId, epoch: meta.epoch, status: meta.status, hashesVerify, finite });
      }
      const complete = new Set(metas.filter((m) => m.status === 'complete').map((m) => m.id));
      const orphanShardOwners = [...new Set(shards.map((s) => s.checkpointId))].filter((id) => !complete.has(id));
      return { heads, checkpoints, orphanShardOwners };
    } finally {
      db.close();
    }
  });
}

/**
 * After a fault: no 'writing' leftovers or orphan shards, exactly one head, and its current (and
 * previous) checkpoint complete, hash-verified and finite. Returns the head's current checkpoint.
 */
export async function expectIntactHead(page: Page): Promise<StoredCheckpoint> {
  const state = await readCheckpointState(page);
  expect(state.checkpoints.filter((c) => c.status === 'writing'), 'interrupted writes were removed').toEqual([]);
  expect(state.orphanShardOwners, 'no shard without a complete meta').toEqual([]);
  expect(state.heads).toHaveLength(1);
  const head = state.heads[0];
  const byId = new Map(state.checkpoints.map((c) => [c.id, c]));
  for (const id of [head.current, head.previous].filter((x): x is string => !!x)) {
    expect(byId.get(id), `checkpoint ${id} of the head`).toMatchObject({ status: 'complete', hashesVerify: true, finite: true });
  }
  return byId.get(head.current)!;
}

/** Collect the page's console errors and uncaught exceptions from now on. */
export function watchErrors(page: Page): () => string[] {
  const seen: string[] = [];
  page.on('console', (m) => { if (m.type() === 'error') seen.push(m.text()); });
  page.on('pageerror', (e) => seen.push(e.message));
  return () => seen.slice();
}

/** The page's training worker (its script URL names train.worker). */
export async function trainWorker(page: Page): Promise<Worker> {
  const find = () => page.workers().find((w) => w.url().includes('train.worker'));
  await expect.poll(() => Boolean(find()), { timeout: 30_000 }).toBe(true);
  return find()!;
}

/** Console line the instrumented worker logs just before it freezes (see `freezeCheckpointWrite`). */
const FROZEN = 'webtrain-fault: worker frozen';

/**
 * Make the page's training worker freeze (spin forever) inside its next checkpoint commit, and
 * resolve once it has. 'shards': in the success handler of the first shard write, so the shards +
 * meta transaction cannot commit; 'flip': when it asks for the head-flip transaction, after the
 * shards and the 'writing' meta committed. A renderer crash then lands at exactly that point.
 */
export async function freezeCheckpointWrite(page: Page, where: 'shards' | 'flip'): Promise<void> {
  const worker = await trainWorker(page);
  const frozen = page.waitForEvent('console', { predicate: (m) => m.text() === FROZEN, timeout: 60_000 });
  await worker.evaluate(({ where, line }) => {
    const freeze = (): never => {
      console.log(line);
      for (;;) { /* spin until the test crashes the renderer */ }
    };
    if (where === 'shards') {
      const put = IDBObjectStore.prototype.put;
      IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
        const request = put.call(this, value, key);
        if (this.name === 'checkpointShards') request.addEventListener('success', freeze);
        return request;
      };
      return;
    }
    const open = IDBDatabase.prototype.transaction;
    IDBDatabase.prototype.transaction = function (this: IDBDatabase, names: string | string[], ...rest: unknown[]) {
      const list = typeof names === 'string' ? [names] : [...names];
      if (list.includes('checkpointHead') && rest[0] === 'readwrite') freeze();
      return (open as (...a: unknown[]) => IDBTransaction).call(this, names, ...rest);
    } as typeof open;
  }, { where, line: FROZEN });
  await frozen;
}

/** Read the stored checkpoints from a same-origin page that does not run the app (no start-up clean-up). */
export async function readCheckpointsWithoutApp(page: Page): Promise<CheckpointState> {
  await page.goto('/favicon.svg');
  return readCheckpointState(page);
}

/** Epoch of the first run's head checkpoint in `state`, or undefined when no head is stored. */
export function headEpoch(state: CheckpointState): number | undefined {
  return state.checkpoints.find((c) => c.id === state.heads[0]?.current)?.epoch;
}

/**
 * On a page that just opened the app after a fault: the interrupted-run banner appears, the stored
 * head is intact and is `expectedHead`, the banner names that epoch, and resuming starts the next one.
 */
export async function expectResumeFrom(page: Page, expectedHead: number): Promise<void> {
  await expect(page.getByTestId('resume-banner')).toContainText('interrupted', { timeout: 20_000 });
  const head = await expectIntactHead(page);
  expect(head.epoch).toBe(expectedHead);
  // The run's history is saved right after its checkpoint, so the banner names the head's epoch.
  expect(await bannerEpoch(page)).toBe(expectedHead);
  await page.getByTestId('resume-run').click();
  await expect(page.getByTestId('resumed-from')).toContainText(`after epoch ${expectedHead}`);
  await expect.poll(() => shownEpoch(page), { timeout: 30_000 }).toBe(expectedHead + 1);
}

/**
 * What a commit interrupted at `where` (freezeCheckpointWrite) must leave on disk, read before the app's clean-up:
 * the head still at `landed`; frozen in the shards transaction, nothing of the next epoch (it never committed);
 * frozen before the flip, exactly one 'writing' checkpoint of the next epoch owning the only unreferenced shards.
 */
export function expectInterruptedCommit(disk: CheckpointState, where: 'shards' | 'flip', landed: number): void {
  expect(headEpoch(disk), `head after an interruption at '${where}'`).toBe(landed);
  if (where === 'shards') {
    expect(disk.checkpoints.filter((c) => c.epoch > landed || c.status === 'writing')).toEqual([]);
    expect(disk.orphanShardOwners).toEqual([]);
  } else {
    const leftover = disk.checkpoints.filter((c) => c.status === 'writing');
    expect(leftover.map((c) => c.epoch)).toEqual([landed + 1]);
    expect(disk.orphanShardOwners).toEqual([leftover[0].id]);
  }
}
