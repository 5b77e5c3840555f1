// Every import kind of issue 3 in the real browser: folders dropped from disk (images with hostile
// files I1-I6, texts per class), a zip of images trained end to end, a corpus, JSON / JSON Lines /
// TSV / Parquet tables, and hostile archives (Z1 bomb, Z5 truncated) refused with nothing kept.
import { expect, test, type Page } from '@playwright/test';
import { join } from 'node:path';
import { dropFile, openApp, setTraining } from './helpers';
import { dropPaths, encodePng, pngDeclaring, writeTree } from './image-fixtures';
import { writeZip } from '../engine/archive/zip-writer';
import { zeroBomb } from '../engine/archive/zip-helpers';
import { writeParquet } from '../engine/data/parquet-writer';

/** A 16x16 picture: class 'warm' is a red disc, class 'cool' a blue square, varied by `k`. */
function shape(kind: 'warm' | 'cool', k: number, bitDepth: 8 | 16 = 8): Buffer {
  return encodePng(16, 16, 3, (x, y) => {
    const inside = kind === 'warm' ? (x - 8) ** 2 + (y - 8) ** 2 < (3 + (k % 4)) ** 2 : Math.abs(x - 8) < 3 + (k % 4) && Math.abs(y - 8) < 3 + (k % 4);
    if (!inside) return [250, 250, 250];
    return kind === 'warm' ? [200 + (k % 5) * 10, 30, 30] : [30, 40, 200 + (k % 5) * 10];
  }, bitDepth);
}

/** JPEG bytes made by the browser's encoder: 8x4, left half black, right half white, with EXIF orientation 6 inserted. */
async function rotatedJpeg(page: Page): Promise<Buffer> {
  const bytes = await page.evaluate(async () => {
    const canvas = new OffscreenCanvas(8, 4);
    const context = canvas.getContext('2d') as OffscreenCanvasRenderingContext2D;
    context.fillStyle = '#fff';
    context.fillRect(0, 0, 8, 4);
    context.fillStyle = '#000';
    context.fillRect(0, 0, 4, 4);
    const jpeg = new Uint8Array(await (await canvas.convertToBlob({ type: 'image/jpeg', quality: 1 })).arrayBuffer());
    // APP1 Exif, big-endian TIFF with one IFD entry: Orientation (0x0112), SHORT, 1, value 6 (rotate 90° clockwise).
    const tiff = [0x4d, 0x4d, 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, 6, 0, 0, 0, 0, 0, 0];
    const body = [0x45, 0x78, 0x69, 0x66, 0, 0, ...tiff];
    const app1 = [0xff, 0xe1, (body.length + 2) >> 8, (body.length + 2) & 0xff, ...body];
    return [...jpeg.subarray(0, 2), ...app1, ...jpeg.subarray(2)];
  });
  return Buffer.from(bytes);
}

async function datasetNames(page: Page): Promise<string[]> {
  return (await page.getByTestId('dataset-list').locator('li button.link').allTextContents()).map((n) => n.trim());
}

test('a dropped folder of class folders imports real images; hostile files are skipped with reasons (I1-I6)', async ({ page }) => {
  await openApp(page);
  const files: Record<string, Uint8Array | string> = {};
  for (let k = 0; k < 6; k += 1) {
    files[`pets/warm/w${k}.png`] = shape('warm', k);
    files[`pets/cool/c${k}.png`] = shape('cool', k);
  }
  files['pets/cool/deep.png'] = shape('cool', 9, 16); // I6: 16-bit PNG, decoded to 8 bits
  files['pets/rot/turned.jpg'] = await rotatedJpeg(page); // I6: EXIF orientation applied once
  const valid = shape('warm', 1);
  files['pets/warm/cut.png'] = valid.subarray(0, valid.length - 30); // I1: truncated
  files['pets/warm/noise.png'] = Buffer.from(Array.from({ length: 64 }, (_, i) => (i * 73 + 11) % 256)); // I2
  files['pets/cool/page.jpg'] = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'; // I5
  files['pets/cool/huge.png'] = pngDeclaring(20000); // I3
  const root = writeTree(files);
  await dropPaths(page, [join(root, 'pets')]);

  const view = page.getByTestId('dataset-view');
  await expect(view).toHaveAttribute('data-kind', 'images', { timeout: 60_000 });
  await expect(page.getByTestId('dataset-facts')).toContainText('14 images · 3 classes · 32×32');
  const skipped = page.getByTestId('skipped-files');
  await expect(skipped).toContainText('4 files were not imported');
  await skipped.locator('summary').click();
  await expect(skipped).toContainText(/cut\.png.*(truncated|damaged)/);
  await expect(skipped).toContainText(/noise\.png.*not a PNG/i);
  await expect(skipped).toContainText(/page\.jpg.*(SVG|text)/);
  await expect(skipped).toContainText(/huge\.png.*20000/);

  // EXIF orientation 6 turned the landscape (black left, white right) into a portrait: black on top.
  const turned = page.locator('canvas[aria-label$="turned.jpg"]');
  await expect(turned).toHaveCount(1);
  const [top, bottom] = await turned.evaluate((canvas: HTMLCanvasElement) => {
    const data = (canvas.getContext('2d') as CanvasRenderingContext2D).getImageData(0, 0, canvas.width, canvas.height).data;
    const at = (x: number, y: number) => data[(y * canvas.width + x) * 4];
    return [at(16, 6), at(16, 26)];
  });
  expect(top).toBeLessThan(80);
  expect(bottom).toBeGreaterThan(180);
});

test('a zip of images imports, previews augmentation and trains to a test accuracy', async ({ page }) => {
  await openApp(page);
  const entries = Array.from({ length: 40 }, (_, i) => {
    const kind = i % 2 ? 'warm' : 'cool';
    return { name: `shapes/${kind}/${i}.png`, data: new Uint8Array(shape(kind, i)), method: 8 };
  });
  await dropFile(page, 'shapes.zip', Array.from(writeZip(entries)), 'application/zip');
  await expect(page.getByTestId('dataset-view')).toHaveAttribute('data-kind', 'images', { timeout: 60_000 });
  await expect(page.getByTestId('image-gallery').locator('canvas')).toHaveCount(12);
  await expect(page.getByTestId('prepare-summary')).toContainText('Classification into 2 classes');

  await page.getByTestId('tab-augment').click();
  await page.getByTestId('augment-horizontalFlip').check();
  await page.getByTestId('augment-preview-button').click();
  await expect(page.getByTestId('augment-preview').locator('canvas')).toHaveCount(12);
  await expect(page.getByTestId('augment-summary')).toContainText('horizontalFlip');

  await setTraining(page, { epochs: 10, batch: 8, lr: 0.01 });
  await page.getByTestId('start-training').click();
  await expect(page.getByTestId('run-status')).toHaveText('finished', { timeout: 180_000 });
  const accuracy = Number(((await page.getByTestId('test-accuracy').textContent()) ?? '').replace('%', ''));
  expect(accuracy).toBeGreaterThanOrEqual(80);
});

test('texts: a folder with one .txt per class becomes labelled rows; one .txt becomes a corpus', async ({ page }) => {
  await openApp(page);
  const root = writeTree({
    'reviews/pos.txt': 'a wonderful film\nloved every minute\n我很喜欢这部电影\n',
    'reviews/neg.txt': 'boring and slow\nthe plot made no sense\n',
  });
  await dropPaths(page, [join(root, 'reviews')]);
  await expect(page.getByTestId('dataset-facts')).toContainText('5 rows · 2 columns', { timeout: 60_000 });
  await expect(page.getByTestId('preview')).toContainText('我很喜欢这部电影');

  const corpus = writeTree({ 'poem.txt': 'Shall I compare thee to a summer’s day?\nThou art more lovely and more temperate.\n' });
  await dropPaths(page, [join(corpus, 'poem.txt')]);
  await expect(page.getByTestId('dataset-view')).toHaveAttribute('data-kind', 'corpus', { timeout: 60_000 });
  await expect(page.getByTestId('corpus-preview')).toContainText('Thou art more lovely');
  await expect(page.getByTestId('lm-panel')).toBeVisible();
});

test('tables: JSON, JSON Lines, TSV and Parquet files all import to the same rows', async ({ page }) => {
  await openApp(page);
  const parquet = writeParquet(
    [{ name: 'size', type: 'DOUBLE' }, { name: 'colour', type: 'BYTE_ARRAY', converted: 0 }],
    [[[1.5, 'red'], [2.5, 'blue']], [[3.5, 'red']]],
  );
  const tables: [string, string | number[]][] = [
    ['t.json', '[{"size": 1.5, "colour": "red"}, {"size": 2.5, "colour": "blue"}, {"size": 3.5, "colour": "red"}]'],
    ['t.jsonl', '{"size": 1.5, "colour": "red"}\n{"size": 2.5, "colour": "blue"}\n{"size": 3.5, "colour": "red"}\n'],
    ['t.tsv', 'size\tcolour\n1.5\tred\n2.5\tblue\n3.5\tred\n'],
    ['t.parquet', Array.from(parquet)],
  ];
  for (const [name, content] of tables) {
    await dropFile(page, name, content, 'application/octet-stream');
    await expect(page.getByTestId('dataset-view').locator('h2')).toHaveText(name, { timeout: 60_000 });
    await expect(page.getByTestId('dataset-facts')).toContainText('3 rows · 2 columns');
    const cells = await page.getByTestId('preview').locator('tbody tr').first().locator('td').allTextContents();
    expect(cells.slice(1)).toEqual(['1.5', 'red']);
  }
});

test('hostile archives are refused with a message and nothing is kept (Z1, Z5)', async ({ page }) => {
  await openApp(page);
  await dropFile(page, 'good.tsv', 'a\tb\n1\tx\n2\ty\n');
  await expect(page.getByTestId('dataset-view').locator('h2')).toHaveText('good.tsv');
  const images = Array.from({ length: 4 }, (_, i) => ({ name: `c${i % 2}/${i}.png`, data: new Uint8Array(shape('warm', i)) }));
  const bomb = writeZip([...images, { name: 'c0/bomb.png', payload: zeroBomb(1000), method: 8, declaredSize: 1000 * 1024 * 1024 }]);
  await dropFile(page, 'bomb.zip', Array.from(bomb), 'application/zip');
  await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'archive-too-large');
  const zip = writeZip(images);
  await dropFile(page, 'cut.zip', Array.from(zip.subarray(0, zip.length - 40)), 'application/zip');
  await expect(page.getByTestId('problem')).toHaveAttribute('data-code', 'corrupt-archive');
  await expect(page.getByTestId('problem')).toContainText(/corrupt|truncated/i);
  expect(await datasetNames(page)).toEqual(['good.tsv']);
});
