// Label tables for images: column detection by name, matching rows to images, and refusals.
import { describe, expect, it } from 'vitest';
import { applyLabelTable, detectFileLayout } from '../../../src/engine/data/file-tree';
import { DataInputError } from '../../../src/engine/data/table-types';

function csvLayout(...paths: string[]) {
  return detectFileLayout(paths.map((p) => ({ segments: p.split('/'), size: 10 })));
}

function labelsOf(layout: { items: { displayPath: string; label?: string }[] }): [string, string | undefined][] {
  return layout.items.map((i) => [i.displayPath, i.label]);
}

function failure(run: () => unknown, code: string): DataInputError {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(DataInputError);
    expect((error as DataInputError).code).toBe(code);
    return error as DataInputError;
  }
  throw new Error('expected a DataInputError');
}

const IMAGES = csvLayout('d/images/1.png', 'd/images/2.png', 'd/images/3.jpg', 'd/images/4.png', 'd/labels.csv');

describe('applyLabelTable', () => {
  it('matches rows by path suffix or bare name, skips unlisted images, and says what it used', () => {
    const csv = '\uFEFFFileName,extra,Label\n1.png,x,cat\nimages/2.png,x,dog\n3,x,cat\nmissing.png,x,dog\n1.png,x,dog\n4.png,x,\n';
    const layout = applyLabelTable(IMAGES, csv);
    expect(labelsOf(layout)).toEqual([['d/images/1.png', 'cat'], ['d/images/2.png', 'dog'], ['d/images/3.jpg', 'cat']]);
    expect(layout.classes).toEqual(['cat', 'dog']);
    expect(layout.skipped).toEqual([{ displayPath: 'd/images/4.png', reason: 'not listed in d/labels.csv' }]);
    expect(layout.notes).toContain('d/labels.csv: file names from column "FileName", labels from column "Label".');
    expect(layout.notes).toContain('1 rows of d/labels.csv name no image here (e.g. "missing.png"); they are ignored.');
    expect(layout.notes).toContain('1 rows of d/labels.csv have no label; they are ignored.');
    expect(layout.notes).toContain('1 rows give an image a second, different label; the first label is kept.');
    // The input layout is unchanged.
    expect(IMAGES.items.every((i) => i.label === undefined)).toBe(true);
  });

  it('detects columns by other common names and reads tab-separated tables', () => {
    const layout = applyLabelTable(csvLayout('a.png', 'b.png', 'labels.tsv'), 'Image ID\tWidth\tClass Name\na\t3\t__proto__\nB.PNG\t4\tconstructor\n');
    expect(labelsOf(layout)).toEqual([['a.png', '__proto__'], ['b.png', 'constructor']]);
    expect(layout.notes.join(' ')).toMatch(/column "Image ID", labels from column "Class Name"/);
  });

  it('reads a two-column table without usable names as (file, label)', () => {
    const headerless = applyLabelTable(csvLayout('1.png', '2.png', 'labels.csv'), '1.png,0\n2.png,1\n');
    expect(labelsOf(headerless)).toEqual([['1.png', '0'], ['2.png', '1']]);
    expect(headerless.notes.join(' ')).toMatch(/first column is read as the file name/);
    const unnamed = applyLabelTable(csvLayout('1.png', '2.png', 'labels.csv'), 'a;b\n1.png;x\n2.png;y\n');
    expect(labelsOf(unnamed)).toEqual([['1.png', 'x'], ['2.png', 'y']]);
  });

  it('does not guess between two images with the same bare name', () => {
    const layout = applyLabelTable(csvLayout('x/1.png', 'y/1.png', 'y/2.png', 'labels.csv'), 'file,label\n1.png,a\nx/1.png,b\n2,c\n');
    expect(labelsOf(layout)).toEqual([['x/1.png', 'b'], ['y/2.png', 'c']]);
    expect(layout.notes.join(' ')).toMatch(/1 rows of labels\.csv name no image here \(e\.g\. "1\.png"\)/);
  });

  it('refuses tables it cannot use', () => {
    expect(failure(() => applyLabelTable(IMAGES, 'a,b,c\n1.png,2,3\n'), 'bad-label-table').message).toMatch(/its columns are a, b, c\. Give it a header/);
    expect(failure(() => applyLabelTable(IMAGES, 'file,label\nnope.png,cat\n'), 'bad-label-table').message).toMatch(/No row of d\/labels\.csv names an image that is here \(for example "nope\.png"\)/);
    expect(failure(() => applyLabelTable(IMAGES, 'file,label\n1.png,cat\n2.png,cat\n'), 'single-class').message).toMatch(/label "cat"/);
    expect(failure(() => applyLabelTable(IMAGES, 'file,label\n"1.png,cat\n'), 'unterminated-quote')).toBeDefined();
    expect(() => applyLabelTable(csvLayout('a/1.png', 'b/2.png'), 'x')).toThrow(RangeError);
  });
});
