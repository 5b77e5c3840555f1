// Tests for streaming UTF-8 decoding: chunk boundaries, BOMs, binary/UTF-16 detection and exact
// positions of invalid bytes.
import { describe, expect, it } from 'vitest';
import { checkFileHead } from '../../../src/engine/data/byte-sniff';
import { DataInputError } from '../../../src/engine/data/table-types';
import { Utf8ChunkDecoder, findInvalidUtf8, readUtf8Text } from '../../../src/engine/data/utf8-stream';
import { CHUNK_SIZES, bytesOf, rejectionOf, seededRandom, streamOf, utf8 } from './stream-helpers';

async function readAll(bytes: Uint8Array, sizes: number | readonly number[], maxBytes?: number): Promise<string> {
  let text = '';
  for await (const piece of readUtf8Text(streamOf(bytes, sizes), { maxBytes })) text += piece.text;
  return text;
}

async function readError(bytes: Uint8Array, sizes: number | readonly number[]): Promise<DataInputError> {
  const error = await rejectionOf(readAll(bytes, sizes));
  expect(error).toBeInstanceOf(DataInputError);
  return error as DataInputError;
}

const MIXED = 'name,city\nZoë,Zürich\n张伟,北京\n😀 party,🎉🎈\nÅsa,Malmö\r\nend,€\n';

describe('readUtf8Text', () => {
  it.each(CHUNK_SIZES)('decodes multi-byte characters split across %i-byte chunks exactly', async (size) => {
    const text = await readAll(utf8(MIXED), size);
    expect(text).toBe(MIXED);
    expect(text).not.toContain('\uFFFD');
  });

  it.each(CHUNK_SIZES)('strips a UTF-8 BOM but keeps a second one (%i-byte chunks)', async (size) => {
    expect(await readAll(bytesOf([0xef, 0xbb, 0xbf], utf8('a,b\n1,2\n')), size)).toBe('a,b\n1,2\n');
    expect(await readAll(bytesOf([0xef, 0xbb, 0xbf, 0xef, 0xbb, 0xbf], utf8('a')), size)).toBe('\uFEFFa');
  });

  it('returns an empty text for an empty stream and reports the byte count', async () => {
    const pieces = [];
    for await (const piece of readUtf8Text(streamOf(new Uint8Array(0), 1))) pieces.push(piece);
    expect(pieces).toEqual([{ text: '', bytesRead: 0 }]);
  });

  it.each(CHUNK_SIZES)('reports the byte offset and line of a Windows-1252 byte (%i-byte chunks)', async (size) => {
    // "caf\xE9" in Windows-1252; the é byte sits on line 3 at byte offset 17.
    const bytes = bytesOf(utf8('name,drink\r\nZoë,tea\nx,caf'), [0xe9], utf8('\n'));
    const offset = utf8('name,drink\r\nZoë,tea\nx,caf').length;
    const error = await readError(bytes, size);
    expect(error.code).toBe('not-utf8');
    expect(error.byteOffset).toBe(offset);
    expect(error.message).toContain(`byte offset ${offset}`);
    expect(error.message).toContain('(line 3)');
    expect(error.message).toContain('save it as CSV UTF-8');
  });

  it.each(CHUNK_SIZES)('counts the BOM in byte offsets and CR-only line breaks in lines (%i-byte chunks)', async (size) => {
    const bytes = bytesOf([0xef, 0xbb, 0xbf], utf8('a\rb\r\r€'), [0xe2, 0x82, 0x41]);
    const error = await readError(bytes, size);
    expect(error.byteOffset).toBe(3 + utf8('a\rb\r\r€').length);
    expect(error.message).toContain('(line 4)');
  });

  it.each(CHUNK_SIZES)('refuses a file that ends inside a character (%i-byte chunks)', async (size) => {
    const error = await readError(bytesOf(utf8('a,b\n1,'), [0xf0, 0x9f, 0x98]), size);
    expect(error.code).toBe('not-utf8');
    expect(error.byteOffset).toBe(6);
    expect(error.message).toContain('ends in the middle of a character');
  });

  it.each(CHUNK_SIZES)('refuses UTF-16 files (%i-byte chunks)', async (size) => {
    const le = bytesOf([0xff, 0xfe], ...[...'a,b\n'].map((c) => [c.charCodeAt(0), 0]));
    const be = bytesOf([0xfe, 0xff], ...[...'a,b\n'].map((c) => [0, c.charCodeAt(0)]));
    const noBom = bytesOf(...[...'name,age\n1,2\n'].map((c) => [c.charCodeAt(0), 0]));
    for (const bytes of [le, be, noBom]) {
      const error = await readError(bytes, size);
      expect(error.code).toBe('utf16');
      expect(error.message).toContain('UTF-8');
    }
  });

  it('refuses files beyond maxBytes', async () => {
    const error = (await rejectionOf(readAll(utf8('a,b\n1,2\n3,4\n'), 4, 8))) as DataInputError;
    expect(error.code).toBe('too-large');
    expect(error.message).toContain('8 bytes');
  });

  it('stops reading and cancels the source when aborted', async () => {
    let cancelled = false;
    const never = new ReadableStream<Uint8Array>({ pull: () => new Promise(() => undefined), cancel: () => void (cancelled = true) });
    const controller = new AbortController();
    const reading = (async () => {
      for await (const piece of readUtf8Text(never, { signal: controller.signal })) void piece;
    })();
    setTimeout(() => controller.abort(), 5);
    const error = await rejectionOf(reading);
    expect((error as DOMException).name).toBe('AbortError');
    expect(cancelled).toBe(true);
  });
});

describe('binary detection', () => {
  const binary = async (bytes: Uint8Array) => readError(bytes, 7);

  it('names known file signatures', async () => {
    const cases: [number[], string][] = [
      [[0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'PNG'],
      [[0x50, 0x4b, 0x03, 0x04, 20, 0, 6, 0], 'ZIP archive (an .xlsx workbook is one)'],
      [[0x1f, 0x8b, 8, 0], 'GZIP'],
      [[0xff, 0xd8, 0xff, 0xe0], 'JPEG'],
      [[...utf8('GIF89a'), 1, 0], 'GIF'],
      [[...utf8('%PDF-1.7\n')], 'PDF'],
    ];
    for (const [head, name] of cases) {
      const error = await binary(bytesOf(head, utf8('x'.repeat(5000))));
      expect(error.code).toBe('binary-file');
      expect(error.message).toContain(name);
      expect(error.message).toContain('Export it from your spreadsheet program as CSV UTF-8.');
    }
  });

  it('refuses seeded random bytes, a NUL byte, and text full of control bytes', async () => {
    const random = seededRandom(7);
    const noise = Uint8Array.from({ length: 10_000 }, () => Math.floor(random() * 256));
    expect((await binary(noise)).code).toBe('binary-file');
    const nul = await binary(bytesOf(utf8('a,b\n1,2'), [0], utf8('\n3,4\n')));
    expect(nul.code).toBe('binary-file');
    expect(nul.byteOffset).toBe(7);
    // 20% bell characters (0x07) and no NUL.
    const bells = bytesOf(...Array.from({ length: 400 }, () => [0x61, 0x62, 0x07, 0x63, 0x64]));
    expect((await binary(bells)).message).toContain('control characters');
  });

  it('accepts text with tabs, form feeds and a few control bytes', () => {
    expect(() => checkFileHead(utf8('a\tb\fc\r\n'.repeat(100) + '\x01'))).not.toThrow();
    expect(() => checkFileHead(new Uint8Array(0))).not.toThrow();
  });
});

describe('Utf8ChunkDecoder and findInvalidUtf8', () => {
  it('finds the start of each kind of ill-formed sequence', () => {
    expect(findInvalidUtf8(utf8('plain ✓ 😀'), true)).toBe(-1);
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0xc0, 0x80]), true)).toBe(1); // overlong NUL
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0x42, 0xed, 0xa0, 0x80]), true)).toBe(2); // surrogate
    expect(findInvalidUtf8(Uint8Array.from([0xf5, 0x80, 0x80, 0x80]), true)).toBe(0); // beyond U+10FFFF
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0x80]), true)).toBe(1); // lone continuation
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0xe2, 0x82]), false)).toBe(-1); // unfinished, more may come
    expect(findInvalidUtf8(Uint8Array.from([0x41, 0xe2, 0x82]), true)).toBe(1);
  });

  it('reports an invalid byte that follows a character held over from the previous chunk', () => {
    const decoder = new Utf8ChunkDecoder();
    let text = decoder.push(utf8('x'.repeat(5000)));
    text += decoder.push(Uint8Array.from([0x41, 0xe2]));
    expect(text).toBe('x'.repeat(5000) + 'A');
    try {
      decoder.push(Uint8Array.from([0x82, 0x41]));
      expect.unreachable();
    } catch (error) {
      expect((error as DataInputError).code).toBe('not-utf8');
      expect((error as DataInputError).byteOffset).toBe(5001);
    }
  });
});
