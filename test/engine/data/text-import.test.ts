// Tests for text imports: corpus chunking (no split surrogate pairs, counts, T1 invalid UTF-8 with
// its byte offset) and labelled text files (per line and per file, bad files skipped and listed).
import { describe, expect, it } from 'vitest';
import { importCorpus, importTextClasses, type ChunkSink, type LabelledTextFile } from '../../../src/engine/data/text-import';
import type { DatasetChunkPayload } from '../../../src/engine/storage/records';
import { DataInputError } from '../../../src/engine/data/table-types';
import { bytesOf, streamOf, utf8 } from './stream-helpers';

function memorySink(): ChunkSink & { chunks: DatasetChunkPayload[] } {
  const chunks: DatasetChunkPayload[] = [];
  return { chunks, writeChunk: async (payload, index) => { expect(index).toBe(chunks.length); chunks.push(payload); } };
}

describe('importCorpus', () => {
  it('stores the text in chunks that rejoin exactly and never split a surrogate pair', async () => {
    const text = 'To be, or not 🙂 to be:\nthat is the question.\n机器学习 🙂🙂\n'.repeat(50);
    for (const size of [1, 3, 7, 4096]) {
      const sink = memorySink();
      const result = await importCorpus(streamOf(utf8(text), size), sink, { chunkChars: 17 });
      const rejoined = sink.chunks.map((c) => c.text).join('');
      expect(rejoined).toBe(text);
      for (const chunk of sink.chunks) {
        const t = chunk.text ?? '';
        expect(t.length).toBeLessThanOrEqual(17);
        expect(t.charCodeAt(t.length - 1) >= 0xd800 && t.charCodeAt(t.length - 1) <= 0xdbff).toBe(false);
      }
      expect(result.chunkCount).toBe(sink.chunks.length);
      expect(result.lines).toBe(150);
      expect(result.characters).toBe([...text].length);
      expect(result.distinctCharacters).toBe(new Set([...text]).size);
      expect(result.preview[0]).toEqual(['To be, or not 🙂 to be:']);
      expect(result.bytesRead).toBe(utf8(text).length);
    }
  });

  it('counts a last line without a newline', async () => {
    const result = await importCorpus(streamOf(utf8('a\nb'), 64), memorySink());
    expect(result.lines).toBe(2);
  });

  it('refuses invalid UTF-8 with its byte offset (T1) and an empty file', async () => {
    const bad = bytesOf(utf8('hello wor'), [0xff, 0xfe, 0x41], utf8('ld\n'));
    const error = await importCorpus(streamOf(bad, 4), memorySink()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DataInputError);
    expect((error as DataInputError).code).toBe('not-utf8');
    expect((error as DataInputError).byteOffset).toBe(9);
    await expect(importCorpus(streamOf(utf8('  \n '), 2), memorySink())).rejects.toMatchObject({ code: 'empty-file' });
  });
});

function file(label: string, text: string | Uint8Array, perLine: boolean, name = `${label}.txt`): LabelledTextFile {
  const bytes = typeof text === 'string' ? utf8(text) : text;
  return { label, displayPath: name, perLine, open: () => streamOf(bytes, 5) };
}

describe('importTextClasses', () => {
  it('makes one example per non-blank line of a file per class', async () => {
    const sink = memorySink();
    const result = await importTextClasses([file('pos', 'great film\n\nloved it\r\n', true), file('neg', 'boring\nawful plot', true)], sink, { chunkRows: 2 });
    expect(sink.chunks.flatMap((c) => c.rows)).toEqual([['great film', 'pos'], ['loved it', 'pos'], ['boring', 'neg'], ['awful plot', 'neg']]);
    expect(result).toMatchObject({ rowCount: 4, chunkCount: 2, layout: { columns: ['text', 'label'] } });
    expect(result.summaries[1]).toMatchObject({ name: 'label', distinct: 2 });
  });

  it('makes one example per file of a folder per class and skips a file that is not UTF-8', async () => {
    const sink = memorySink();
    const bad = bytesOf(utf8('ok so far '), [0xc3, 0x28]);
    const result = await importTextClasses([
      file('spam', 'WIN a prize\nnow', false, 'spam/1.txt'),
      file('spam', bad, false, 'spam/2.txt'),
      file('ham', 'see you at 5', false, 'ham/1.txt'),
    ], sink);
    expect(sink.chunks.flatMap((c) => c.rows)).toEqual([['WIN a prize\nnow', 'spam'], ['see you at 5', 'ham']]);
    expect(result.skippedFiles).toHaveLength(1);
    expect(result.skippedFiles[0].displayPath).toBe('spam/2.txt');
    expect(result.skippedFiles[0].reason).toMatch(/not UTF-8.*byte offset 10/);
  });

  it('refuses when no example is left, naming the unreadable file', async () => {
    await expect(importTextClasses([file('a', bytesOf([0xff]), false, 'a/x.txt')], memorySink()))
      .rejects.toThrow(/No text examples.*a\/x\.txt/);
  });

  it('cuts an over-long example and says so', async () => {
    const sink = memorySink();
    const result = await importTextClasses([file('a', 'x'.repeat(50), false)], sink, { maxExampleChars: 10 });
    expect(sink.chunks[0].rows[0][0]).toBe('x'.repeat(10));
    expect(result.layout.notes.join(' ')).toMatch(/1 example.*cut/);
  });
});
