// Real, decodable image files for the browser import tests, made in Node: PNGs (8- or 16-bit, gray
// or RGB) and the hostile variants of reliability rows I1-I5. Also the CDP folder drop.
import { writeZip } from '../engine/archive/zip-writer';
import { crc32, deflateSync } from 'node:zlib';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { Page } from '@playwright/test';

function chunk(type: string, data: Uint8Array): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'ascii');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([Buffer.from(type, 'ascii'), data])) >>> 0, 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A PNG of `width` x `height` whose pixel (x, y) is `pixel(x, y)` ([gray] or [r, g, b], 0-255).
 * `bitDepth` 16 writes each sample twice (v * 257), as a 16-bit PNG holding the same picture.
 */
export function encodePng(width: number, height: number, channels: 1 | 3, pixel: (x: number, y: number) => number[], bitDepth: 8 | 16 = 8): Buffer {
  const bytesPerSample = bitDepth / 8;
  const stride = width * channels * bytesPerSample;
  const raw = Buffer.alloc((stride + 1) * height);
  for (let y = 0; y < height; y += 1) {
    raw[y * (stride + 1)] = 0; // filter: none
    for (let x = 0; x < width; x += 1) {
      const values = pixel(x, y);
      for (let c = 0; c < channels; c += 1) {
        const at = y * (stride + 1) + 1 + (x * channels + c) * bytesPerSample;
        if (bitDepth === 16) raw.writeUInt16BE(values[c] * 257, at);
        else raw[at] = values[c];
      }
    }
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = bitDepth;
  ihdr[9] = channels === 1 ? 0 : 2;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0))]);
}

/** A valid PNG header and a tiny image stream, but the header declares `side` x `side` pixels (I3). */
export function pngDeclaring(side: number): Buffer {
  const small = encodePng(1, 1, 1, () => [0]);
  small.writeUInt32BE(side, 16);
  small.writeUInt32BE(side, 20);
  return small;
}

/** Write `files` (relative path -> bytes) under a new temporary folder; returns the folder. */
export function writeTree(files: Record<string, Uint8Array | string>): string {
  const root = mkdtempSync(join(tmpdir(), 'webtrain-drop-'));
  for (const [path, bytes] of Object.entries(files)) {
    const full = join(root, path);
    mkdirSync(dirname(full), { recursive: true });
    writeFileSync(full, bytes);
  }
  return root;
}

/**
 * Drag and drop real files or folders from disk onto the page, as a person does from a file manager:
 * Chromium's DevTools protocol builds the drop with directory entries (webkitGetAsEntry) for folders.
 */
export async function dropPaths(page: Page, paths: string[]): Promise<void> {
  const cdp = await page.context().newCDPSession(page);
  const data = { items: [], files: paths, dragOperationsMask: 1 };
  for (const type of ['dragEnter', 'dragOver', 'drop'] as const) {
    await cdp.send('Input.dispatchDragEvent', { type, x: 600, y: 400, data });
  }
  await cdp.detach();
}

/**
 * A zip of `count` 14×14 grayscale PNGs in class folders `bars/h` and `bars/v`: a two-pixel horizontal or
 * vertical bar at a varying position. A small CNN separates them in a few epochs.
 */
export function barsZip(count: number): number[] {
  const entries = Array.from({ length: count }, (_, i) => {
    const horizontal = i % 2 === 0;
    const at = 3 + (i % 9);
    const png = encodePng(14, 14, 1, (x, y) => [(horizontal ? y : x) === at || (horizontal ? y : x) === at + 1 ? 255 : 0]);
    return { name: `bars/${horizontal ? 'h' : 'v'}/${i}.png`, data: new Uint8Array(png) };
  });
  return Array.from(writeZip(entries));
}
