// Tests for the image import: headers checked before decoding, bad files skipped with reasons
// (I1-I5), grayscale decided by the first image, chunks of fixed-size pixels beside metadata rows.
import { describe, expect, it } from 'vitest';
import { importImages, type ImageDecoder, type ImageFileItem } from '../../../src/engine/data/image-import';
import type { ChunkSink } from '../../../src/engine/data/text-import';
import type { DatasetChunkPayload } from '../../../src/engine/storage/records';
import { gifBytes, jpegHeader, pngHeader, textBytes } from '../image/header-fixtures';

function memorySink(): ChunkSink & { chunks: DatasetChunkPayload[] } {
  const chunks: DatasetChunkPayload[] = [];
  return { chunks, writeChunk: async (payload) => { chunks.push(payload); } };
}

function item(label: string, displayPath: string, bytes: Uint8Array): ImageFileItem {
  return { label, displayPath, read: async () => bytes };
}

/** Fills the stored image with the item's width (so tests can tell images apart); refuses 'broken' widths. */
const fakeDecoder = (calls: number[][]): ImageDecoder => async (_bytes, header, shape) => {
  calls.push([header.width, header.height]);
  if (header.width === 13) throw new Error('decode failed');
  return new Uint8Array(shape.width * shape.height * shape.channels).fill(header.width);
};

describe('importImages', () => {
  it('stores fixed-size pixels in chunks with one metadata row per image', async () => {
    const calls: number[][] = [];
    const sink = memorySink();
    const items = [1, 2, 3, 4, 5].map((w) => item(w % 2 ? 'odd' : 'even', `${w % 2 ? 'odd' : 'even'}/${w}.png`, pngHeader({ width: w, height: 7, colorType: 0 })));
    const result = await importImages(items, fakeDecoder(calls), sink, { width: 4, height: 4, chunkImages: 2 });
    expect(result.imageShape).toEqual({ width: 4, height: 4, channels: 1, fit: 'pad' });
    expect(result).toMatchObject({ rowCount: 5, chunkCount: 3 });
    expect(sink.chunks.map((c) => c.rows.length)).toEqual([2, 2, 1]);
    expect(sink.chunks[0].rows[1]).toEqual(['even/2.png', 'even', '2', '7', 'png']);
    expect(sink.chunks[1].pixels?.length).toBe(2 * 16);
    expect([...(sink.chunks[1].pixels ?? [])].slice(14, 18)).toEqual([3, 3, 4, 4]);
    expect(result.summaries[1]).toMatchObject({ name: 'label', distinct: 2 });
    expect(calls).toHaveLength(5);
  });

  it('skips hostile and broken files with a reason before decoding them, and goes on', async () => {
    const calls: number[][] = [];
    const sink = memorySink();
    const items = [
      item('a', 'a/ok.jpg', jpegHeader({ width: 8, height: 8, components: 3 })),
      item('a', 'a/random.png', new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12])), // I2
      item('a', 'a/page.jpg', textBytes('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>')), // I5
      item('b', 'b/huge.png', pngHeader({ width: 20000, height: 20000 })), // I3
      item('b', 'b/cut.png', pngHeader({ width: 13, height: 13 })), // I1: header fine, decode fails
      item('b', 'b/anim.gif', gifBytes({ width: 9, height: 9, frames: 2 })), // I6: first frame
    ];
    const result = await importImages(items, fakeDecoder(calls), sink);
    expect(result.rowCount).toBe(2);
    expect(result.imageShape.channels).toBe(3);
    expect(result.skippedFiles.map((s) => s.displayPath)).toEqual(['a/random.png', 'a/page.jpg', 'b/huge.png', 'b/cut.png']);
    const reasons = result.skippedFiles.map((s) => s.reason);
    expect(reasons[0]).toMatch(/not a PNG, JPEG, WebP or GIF|not an? (PNG|image)/i);
    expect(reasons[1]).toMatch(/SVG|HTML|text/);
    expect(reasons[2]).toMatch(/20000/);
    expect(reasons[3]).toMatch(/truncated or damaged/);
    // Nothing was decoded for the files refused from their header.
    expect(calls).toEqual([[8, 8], [13, 13], [9, 9]]);
  });

  it('refuses a set with no usable image, naming one bad file', async () => {
    await expect(importImages([item('a', 'a/x.png', textBytes('hello'))], fakeDecoder([]), memorySink()))
      .rejects.toMatchObject({ code: 'no-images', message: expect.stringMatching(/a\/x\.png/) });
  });

  it('converts colour images to grayscale when the first image is grayscale, and says so', async () => {
    const result = await importImages([
      item('a', 'a/1.png', pngHeader({ width: 4, height: 4, colorType: 0 })),
      item('a', 'a/2.png', pngHeader({ width: 4, height: 4, colorType: 2 })),
    ], fakeDecoder([]), memorySink());
    expect(result.imageShape.channels).toBe(1);
    expect(result.layout.notes.join(' ')).toMatch(/1 colour image.*grayscale/);
  });

  it('stops at once when aborted and validates the stored size', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(importImages([item('a', 'a/1.png', pngHeader({ width: 4, height: 4 }))], fakeDecoder([]), memorySink(), { signal: controller.signal }))
      .rejects.toThrow(/abort/i);
    await expect(importImages([], fakeDecoder([]), memorySink(), { width: 2 })).rejects.toThrow(RangeError);
  });
});
