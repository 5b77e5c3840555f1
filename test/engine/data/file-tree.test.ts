// Dataset layout detection from file paths: image class folders, images + label table, text classes,
// text corpus, skipped clutter, and the errors that describe the expected layouts.
import { describe, expect, it } from 'vitest';
import { arrangeFiles, detectFileLayout } from '../../../src/engine/data/file-tree';
import type { TreeFile } from '../../../src/engine/data/file-tree';
import { DataInputError } from '../../../src/engine/data/table-types';

/** Files from `/`-joined paths, 10 bytes each (a path ending with `/` is a folder). */
function filesOf(...paths: string[]): TreeFile[] {
  return paths.map((p) => ({ segments: p.split('/').filter((s) => s !== ''), size: 10, isDirectory: p.endsWith('/') }));
}

function labelled(layout: { items: { fileIndex: number; label?: string }[] }): [number, string | undefined][] {
  return layout.items.map((i) => [i.fileIndex, i.label]);
}

function failure(files: TreeFile[], code: string): DataInputError {
  try {
    detectFileLayout(files);
  } catch (error) {
    expect(error).toBeInstanceOf(DataInputError);
    expect((error as DataInputError).code).toBe(code);
    return error as DataInputError;
  }
  throw new Error('expected detectFileLayout to throw');
}

describe('detectFileLayout: images', () => {
  it('reads one folder per class below a common root, skipping clutter', () => {
    const files = filesOf('animals/', 'animals/cat/1.png', 'animals/dog/a.jpeg', 'animals/cat/2.JPG', 'animals/.DS_Store', 'animals/README.txt', '__MACOSX/animals/._1.png', 'animals/dog/b.webp');
    const layout = detectFileLayout(files);
    expect(layout.kind).toBe('image-classes');
    expect(layout.classes).toEqual(['cat', 'dog']);
    expect(labelled(layout)).toEqual([[1, 'cat'], [3, 'cat'], [2, 'dog'], [7, 'dog']]);
    expect(layout.items[0].displayPath).toBe('animals/cat/1.png');
    expect(layout.skipped).toEqual([
      { displayPath: 'animals/.DS_Store', reason: 'system file' },
      { displayPath: '__MACOSX/animals/._1.png', reason: 'macOS metadata folder (__MACOSX)' },
      { displayPath: 'animals/README.txt', reason: 'not an image' },
    ]);
    expect(layout.notes).toContain('All files are inside "animals"; that folder is treated as the root.');
  });

  it('takes several dropped folders as classes, keeps __proto__ and constructor, counts nested images', () => {
    const layout = detectFileLayout(filesOf('__proto__/1.gif', 'constructor/2.png', 'constructor/deep/3.png', 'loose.png'));
    expect(layout.classes).toEqual(['__proto__', 'constructor']);
    expect(labelled(layout)).toEqual([[0, '__proto__'], [1, 'constructor'], [2, 'constructor']]);
    expect(layout.skipped).toEqual([{ displayPath: 'loose.png', reason: 'not inside a class folder' }]);
    expect(layout.notes).toContain('1 images in sub-folders of a class folder count for that class.');
  });

  it('merges train/test split folders and labels by the class folder below them', () => {
    const layout = detectFileLayout(filesOf('ds/train/cat/1.png', 'ds/train/dog/2.png', 'ds/test/cat/3.png', 'ds/test/dog/4.png'));
    expect(layout.kind).toBe('image-classes');
    expect(labelled(layout)).toEqual([[2, 'cat'], [3, 'dog'], [0, 'cat'], [1, 'dog']]);
    expect(layout.notes.join(' ')).toMatch(/train\/test split/);
  });

  it('skips 0-byte files and normalises hostile path segments', () => {
    const files: TreeFile[] = [
      { segments: ['..', 'cat', '1.png'], size: 5 },
      { segments: ['dog', 'C:', '2.png'], size: 5 },
      { segments: ['dog', '3.png'], size: 0 },
    ];
    const layout = detectFileLayout(files);
    expect(layout.items.map((i) => i.displayPath)).toEqual(['cat/1.png', 'dog/2.png']);
    expect(layout.skipped).toEqual([{ displayPath: 'dog/3.png', reason: 'empty file' }]);
  });

  it('refuses images with no class folders and no table, or with one class', () => {
    expect(failure(filesOf('cats/1.png', 'cats/2.png'), 'unknown-layout').message).toMatch(/Found 2 images, all in "cats", and no labels\.csv.*Expected one of/);
    expect(failure(filesOf('1.png', 'x/2.png'), 'unknown-layout').message).toMatch(/not in class folders/);
    expect(failure(filesOf('train/cat/1.png', 'test/cat/2.png'), 'single-class').message).toMatch(/one class folder \("cat"\)/);
  });

  it('chooses a label table: labels.csv, else the only table when the images have no class folders', () => {
    const layout = detectFileLayout(filesOf('d/images/1.png', 'd/images/2.png', 'd/labels.csv', 'd/other.csv'));
    expect(layout).toMatchObject({ kind: 'image-csv', classes: [], labelTable: { fileIndex: 2, displayPath: 'd/labels.csv' } });
    expect(layout.items.map((i) => i.label)).toEqual([undefined, undefined]);
    expect(layout.skipped).toEqual([{ displayPath: 'd/other.csv', reason: 'only d/labels.csv is used for labels' }]);
    expect(detectFileLayout(filesOf('1.png', 'meta.tsv')).labelTable?.fileIndex).toBe(1);
    // Class folders win over a table that is not called labels.csv.
    const folders = detectFileLayout(filesOf('cat/1.png', 'dog/2.png', 'meta.csv'));
    expect(folders.kind).toBe('image-classes');
    expect(folders.skipped[0].displayPath).toBe('meta.csv');
    expect(failure(filesOf('1.png', 'a.csv', 'b.csv'), 'unknown-layout').message).toMatch(/which one holds the labels\? Name it labels\.csv/);
  });
});

describe('detectFileLayout: text', () => {
  it('reads one .txt file per class, named after the file', () => {
    const layout = detectFileLayout(filesOf('reviews/positive.txt', 'reviews/negative.TXT', 'reviews/notes.md'));
    expect(layout.kind).toBe('text-classes');
    expect(labelled(layout)).toEqual([[1, 'negative'], [0, 'positive']]);
    expect(layout.skipped).toEqual([{ displayPath: 'reviews/notes.md', reason: 'not a .txt file' }]);
  });

  it('reads one folder of .txt files per class', () => {
    const layout = detectFileLayout(filesOf('pos/a.txt', 'pos/b.txt', 'neg/c.txt'));
    expect(layout.kind).toBe('text-classes');
    expect(layout.classes).toEqual(['neg', 'pos']);
    expect(labelled(layout)).toEqual([[2, 'neg'], [0, 'pos'], [1, 'pos']]);
  });

  it('reads a single .txt file, or .txt files without class structure, as a corpus', () => {
    const single = detectFileLayout(filesOf('books/moby.txt'));
    expect(single).toMatchObject({ kind: 'text-corpus', classes: [], items: [{ fileIndex: 0, displayPath: 'books/moby.txt' }] });
    const mixed = detectFileLayout(filesOf('b.txt', 'x/a.txt'));
    expect(mixed.kind).toBe('text-corpus');
    expect(mixed.items.map((i) => i.displayPath)).toEqual(['b.txt', 'x/a.txt']);
    expect(mixed.notes.join(' ')).toMatch(/do not form classes/);
  });

  it('describes the expected layouts when nothing fits', () => {
    expect(failure(filesOf('a.pdf', 'b.docx'), 'unknown-layout').message).toMatch(/found 2 other files, e\.g\. a\.pdf, b\.docx\)\. Expected one of: image folders/);
    expect(failure([], 'unknown-layout').message).toMatch(/^No images/);
    expect(failure(filesOf('.hidden.png', 'x/'), 'unknown-layout').message).toMatch(/^No images/);
  });
});

describe('arrangeFiles', () => {
  it('reads and applies the label table for image-csv, and passes other layouts through', async () => {
    const files = filesOf('1.png', '2.png', 'labels.csv');
    const asked: number[] = [];
    const layout = await arrangeFiles(files, async (index) => {
      asked.push(index);
      return 'file,label\n1.png,cat\n2.png,dog\n';
    });
    expect(asked).toEqual([2]);
    expect(labelled(layout)).toEqual([[0, 'cat'], [1, 'dog']]);
    const classes = await arrangeFiles(filesOf('a/1.png', 'b/2.png'), async () => {
      throw new Error('not called');
    });
    expect(classes.classes).toEqual(['a', 'b']);
  });
});
