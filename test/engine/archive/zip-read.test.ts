// The zip reader end to end on archives built by the test writer: listing, reading stored and
// deflated entries, ZIP64, and every refusal (Z1 bombs, Z2 lying sizes, CRC, Z4 names, Z5 truncation, Z6).
import { describe, expect, it } from 'vitest';
import { ArchiveBudget } from '../../../src/engine/archive/archive-budget';
import { listZipEntries } from '../../../src/engine/archive/zip-directory';
import { readZipEntry } from '../../../src/engine/archive/zip-entry-read';
import { bytesSource } from '../../../src/engine/data/random-access';
import { DataInputError } from '../../../src/engine/data/table-types';
import { rejectionOf, seededRandom } from '../data/stream-helpers';
import { countingSource, zeroBomb } from './zip-helpers';
import { writeZip } from './zip-writer';
import type { TestZipEntry } from './zip-writer';

const MiB = 1 << 20;
const text = (bytes: Uint8Array) => new TextDecoder().decode(bytes);

function randomBytes(n: number, seed: number): Uint8Array {
  const random = seededRandom(seed);
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = Math.floor(random() * 256);
  return out;
}

async function readAll(zip: Uint8Array, options: { maxBytes?: number; budget?: ArchiveBudget } = {}) {
  const source = bytesSource(zip);
  const listing = await listZipEntries(source);
  const contents: Uint8Array[] = [];
  for (const entry of listing.entries) contents.push(await readZipEntry(source, entry, { maxBytes: options.maxBytes ?? 64 * MiB, budget: options.budget }));
  return { listing, contents };
}

async function failure(promise: Promise<unknown>, code: string): Promise<DataInputError> {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(DataInputError);
  expect((error as DataInputError).code).toBe(code);
  return error as DataInputError;
}

const SAMPLE: TestZipEntry[] = [
  { name: 'data/' },
  { name: 'data/cat/1.txt', data: 'meow' },
  { name: 'data/été/deux.txt', data: 'le chat '.repeat(500), method: 8 },
  { name: 'data/random.bin', data: randomBytes(300_000, 1), method: 8 },
  { name: 'data/empty.txt', data: '', method: 8 },
];

describe('listZipEntries and readZipEntry', () => {
  it.each([false, true])('round-trips stored, deflated and UTF-8 named entries (zip64 %s)', async (zip64) => {
    const { listing, contents } = await readAll(writeZip(SAMPLE, { zip64, comment: 'made by a test' }));
    expect(listing.zip64).toBe(zip64);
    expect(listing.entryCount).toBe(5);
    expect(listing.entries.map((e) => [e.index, e.displayName, e.isDirectory, e.method])).toEqual([
      [0, 'data', true, 0],
      [1, 'data/cat/1.txt', false, 0],
      [2, 'data/été/deux.txt', false, 8],
      [3, 'data/random.bin', false, 8],
      [4, 'data/empty.txt', false, 8],
    ]);
    expect(listing.entries[2].segments).toEqual(['data', 'été', 'deux.txt']);
    expect(listing.entries[3].uncompressedSize).toBe(300_000);
    expect(contents[0].length).toBe(0);
    expect(text(contents[1])).toBe('meow');
    expect(text(contents[2])).toBe('le chat '.repeat(500));
    expect(Buffer.compare(contents[3], randomBytes(300_000, 1))).toBe(0);
    expect(contents[4].length).toBe(0);
  });

  it('reads entries with data descriptors and local extra fields that differ from the directory', async () => {
    const zip = writeZip([
      { name: 'a.txt', data: 'alpha '.repeat(100), method: 8, dataDescriptor: true },
      { name: 'b.txt', data: 'beta', localExtra: Uint8Array.of(0x34, 0x12, 3, 0, 9, 9, 9) },
    ]);
    const { contents } = await readAll(zip);
    expect(contents.map(text)).toEqual(['alpha '.repeat(100), 'beta']);
  });

  it('lists by reading only the end of the file and the directory', async () => {
    const zip = writeZip([{ name: 'big.bin', data: randomBytes(2 * MiB, 2) }, { name: 'small.txt', data: 'x' }]);
    const source = countingSource(zip);
    const listing = await listZipEntries(source);
    expect(listing.entries.length).toBe(2);
    // The 64 KiB + 22 byte tail search plus the directory itself (two headers).
    expect(source.bytesRead).toBeLessThan(65_557 + 200);
  });

  it('keeps entries and folders named __proto__ (Z4)', async () => {
    const zip = writeZip([{ name: '__proto__' , data: 'file' }, { name: '__proto__/' }, { name: '__proto__/constructor', data: 'inner' }]);
    const { listing, contents } = await readAll(zip);
    expect(listing.entries.map((e) => [e.displayName, e.isDirectory])).toEqual([
      ['__proto__', false],
      ['__proto__', true],
      ['__proto__/constructor', false],
    ]);
    expect(contents.map(text)).toEqual(['file', '', 'inner']);
  });

  it('normalises hostile names and skips clutter, reporting it (Z3)', async () => {
    const zip = writeZip([
      { name: '../../evil.txt', data: '1' },
      { name: '/abs/x.txt', data: '2' },
      { name: 'C:\\win\\y.txt', data: '3' },
      { name: 'ctl\u0007.txt', data: '4' },
      { name: '__MACOSX/._evil.txt', data: '5' },
      { name: 'sub/.DS_Store', data: '6' },
      { name: Uint8Array.of(0x63, 0x61, 0x66, 0x82, 0x2e, 0x74, 0x78, 0x74), data: '7' }, // "café.txt" in CP437
    ]);
    const listing = await listZipEntries(bytesSource(zip));
    expect(listing.entries.map((e) => e.displayName)).toEqual(['evil.txt', 'abs/x.txt', 'win/y.txt', 'ctl\ufffd.txt', 'café.txt']);
    expect(listing.entries[0].rawName).toBe('../../evil.txt');
    expect(listing.skipped).toEqual([
      { index: 4, displayName: '__MACOSX/._evil.txt', reason: 'macOS metadata folder (__MACOSX)' },
      { index: 5, displayName: 'sub/.DS_Store', reason: 'system file' },
    ]);
  });
});

describe('zip bombs and budgets (Z1)', () => {
  it('refuses a 1000:1 bomb that declares its size before inflating anything', async () => {
    const payload = zeroBomb(1000);
    expect(1000 * MiB / payload.length).toBeGreaterThan(900);
    const source = countingSource(writeZip([{ name: 'zeros.bin', payload, method: 8, declaredSize: 1000 * MiB, crc32: 0 }]));
    const [entry] = (await listZipEntries(source)).entries;
    const readBefore = source.bytesRead;
    const error = await failure(readZipEntry(source, entry, { maxBytes: 2000 * MiB, budget: new ArchiveBudget(10 * MiB) }), 'archive-too-large');
    expect(error.message).toMatch(/"zeros\.bin" would unpack this archive to 1000 MiB, more than the 10 MiB allowed/);
    expect(source.bytesRead).toBe(readBefore);
    await failure(readZipEntry(source, entry, { maxBytes: 10 * MiB }), 'archive-too-large');
  });

  it('stops a bomb that lies about its size as soon as it passes the declared size', async () => {
    const payload = zeroBomb(1000);
    const source = countingSource(writeZip([{ name: 'liar.bin', payload, method: 8, declaredSize: 5 * MiB }]));
    const [entry] = (await listZipEntries(source)).entries;
    const readBefore = source.bytesRead;
    const budget = new ArchiveBudget(10 * MiB);
    const started = performance.now();
    const error = await failure(readZipEntry(source, entry, { maxBytes: 10 * MiB, budget }), 'corrupt-archive');
    expect(error.message).toMatch(/entry "liar\.bin" says it has 5242880 bytes but holds more/);
    // Stopped within the first read piece (256 KiB of ~1 MiB of compressed data), and quickly.
    expect(source.bytesRead - readBefore).toBeLessThanOrEqual(256 * 1024 + 64);
    expect(budget.usedBytes).toBeLessThanOrEqual(5 * MiB);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('counts inflated bytes across entries against one budget', async () => {
    const four = { data: new Uint8Array(4 * MiB), method: 8 };
    const zip = writeZip([{ name: 'a', ...four }, { name: 'b', ...four }, { name: 'c', ...four }]);
    const budget = new ArchiveBudget(10 * MiB);
    const error = await failure(readAll(zip, { budget }), 'archive-too-large');
    expect(error.message).toContain('"c" would unpack this archive to 12 MiB');
    expect(budget.usedBytes).toBe(8 * MiB);
    expect(() => new ArchiveBudget(-1)).toThrow(RangeError);
  });
});

describe('damaged entries (Z2, CRC, methods)', () => {
  it.each([
    [{ data: 'hello world', declaredSize: 5 }, /says it has 5 bytes but holds 11/],
    [{ data: 'hello world', declaredSize: 50 }, /says it has 50 bytes but holds 11/],
    [{ data: 'hello world '.repeat(50), method: 8, declaredSize: 100 }, /says it has 100 bytes but holds more/],
    [{ data: 'hello world '.repeat(50), method: 8, declaredSize: 1000 }, /says it has 1000 bytes but holds 600/],
  ])('refuses an entry whose header lies about its size (%#)', async (lie, message) => {
    const error = await failure(readAll(writeZip([{ name: 'x.txt', ...lie }])), 'corrupt-archive');
    expect(error.message).toMatch(message);
  });

  it('refuses an entry whose CRC-32 does not match', async () => {
    const error = await failure(readAll(writeZip([{ name: 'x.txt', data: 'abc', crc32: 12345 }])), 'corrupt-archive');
    expect(error.message).toMatch(/"x\.txt" fails its checksum \(CRC-32\)/);
    await failure(readAll(writeZip([{ name: 'y.txt', data: 'abc'.repeat(99), method: 8, crc32: 1 }])), 'corrupt-archive');
  });

  it('refuses deflate data that is cut short or damaged', async () => {
    const full = writeZip([{ name: 'x.txt', data: randomBytes(5000, 3), method: 8 }]);
    const listing = await listZipEntries(bytesSource(full));
    const payload = (await import('node:zlib')).deflateRawSync(randomBytes(5000, 3));
    const cut = writeZip([{ name: 'cut.txt', payload: payload.subarray(0, 2000), method: 8, declaredSize: 5000 }]);
    expect((await failure(readAll(cut), 'corrupt-archive')).message).toMatch(/compressed data of entry "cut\.txt" is damaged/);
    const junk = writeZip([{ name: 'junk.txt', payload: Uint8Array.of(0xff, 0xff, 0xff, 0xff), method: 8, declaredSize: 10 }]);
    await failure(readAll(junk), 'corrupt-archive');
    // An entry pointing past the end of the file is caught when read, too.
    const entry = { ...listing.entries[0], compressedSize: full.length };
    await failure(readZipEntry(bytesSource(full), entry, { maxBytes: MiB }), 'corrupt-archive');
  });

  it('names the entry and the method it cannot read', async () => {
    const lzma = await failure(readAll(writeZip([{ name: 'model.bin', data: 'x', method: 14 }])), 'unsupported-archive');
    expect(lzma.message).toMatch(/"model\.bin" is compressed with LZMA/);
    const locked = await failure(readAll(writeZip([{ name: 'secret.txt', data: 'x', flags: 1 }])), 'unsupported-archive');
    expect(locked.message).toMatch(/"secret\.txt" is encrypted/);
  });

  it('validates maxBytes and honours an abort signal', async () => {
    const zip = writeZip([{ name: 'a.txt', data: 'a' }]);
    const [entry] = (await listZipEntries(bytesSource(zip))).entries;
    await expect(readZipEntry(bytesSource(zip), entry, { maxBytes: Number.NaN })).rejects.toThrow(RangeError);
    const controller = new AbortController();
    controller.abort();
    await expect(readZipEntry(bytesSource(zip), entry, { maxBytes: 10, signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    await expect(listZipEntries(bytesSource(zip), { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('truncated and foreign files (Z5)', () => {
  it.each([false, true])('lists nothing from an archive cut short anywhere (zip64 %s)', async (zip64) => {
    const zip = writeZip(SAMPLE, { zip64 });
    const cuts = [1, 10, 100, Math.floor(zip.length / 3), Math.floor(zip.length / 2), zip.length - 100, zip.length - 23, zip.length - 1];
    for (const cut of cuts) {
      const error = await failure(listZipEntries(bytesSource(zip.subarray(0, cut))), 'corrupt-archive');
      expect(error.message).toMatch(/^This zip file is corrupt or truncated/);
    }
  });

  it('refuses random bytes and tiny files as not a zip', async () => {
    const error = await failure(listZipEntries(bytesSource(randomBytes(100_000, 4))), 'corrupt-archive');
    expect(error.message).toMatch(/end record .* is missing. Is it really a \.zip file\?/);
    await failure(listZipEntries(bytesSource(new Uint8Array(5))), 'corrupt-archive');
  });

  it('refuses a directory that claims more entries than it can hold', async () => {
    const zip = writeZip([{ name: 'a.txt', data: 'a' }]);
    zip[zip.length - 22 + 10] = 200; // total entries: 200
    await failure(listZipEntries(bytesSource(zip)), 'corrupt-archive');
  });
});

describe('ZIP64 and spanned archives', () => {
  it('refuses a ZIP64 archive whose locator is damaged, and a spanned archive', async () => {
    const zip = writeZip([{ name: 'a.txt', data: 'a' }], { zip64: true });
    const damaged = zip.slice();
    damaged[damaged.length - 22 - 20] = 0; // the locator's signature
    expect((await failure(listZipEntries(bytesSource(damaged)), 'corrupt-archive')).message).toMatch(/needs ZIP64 records but they are missing/);
    const spanned = writeZip([{ name: 'a.txt', data: 'a' }]);
    spanned[spanned.length - 22 + 4] = 2; // this is disk 2
    expect((await failure(listZipEntries(bytesSource(spanned)), 'unsupported-archive')).message).toMatch(/split over several files/);
  });
});

describe('many entries (Z6)', () => {
  it('lists 100,000 empty entries without overflowing the stack, reporting progress', async () => {
    const entries: TestZipEntry[] = Array.from({ length: 100_000 }, (_, i) => ({ name: `f/${i}.txt` }));
    const zip = writeZip(entries, { zip64: true });
    const progress: number[] = [];
    const started = performance.now();
    const listing = await listZipEntries(bytesSource(zip), { onProgress: (read) => progress.push(read) });
    expect(performance.now() - started).toBeLessThan(4000);
    expect(listing.entries.length).toBe(100_000);
    expect(listing.entries[99_999].displayName).toBe('f/99999.txt');
    expect(progress.length).toBe(51);
    expect(progress[progress.length - 1]).toBe(100_000);
  });
});
