// Decides how a set of files forms a dataset (image class folders, images + label table, text per
// class, or one text corpus) and the label of each file, from paths alone. Pure: reads no bytes.
import { entrySkipReason, normalizeEntryName } from '../archive/entry-names';
import type { DatasetLayout, LayoutItem, SkippedFile, TreeFile } from './file-tree-types';
import { applyLabelTable } from './file-tree-labels';
import { DataInputError } from './table-types';

export type { DatasetLayout, DatasetLayoutKind, LayoutItem, SkippedFile, TreeFile } from './file-tree-types';
export { applyLabelTable } from './file-tree-labels';

type FileKind = 'image' | 'text' | 'table' | 'other';

interface Candidate {
  fileIndex: number;
  segments: string[];
  displayPath: string;
  kind: FileKind;
}

const IMAGE_EXTENSIONS = new Set(['png', 'jpg', 'jpeg', 'webp', 'gif']);
const TABLE_EXTENSIONS = new Set(['csv', 'tsv']);
/** First-level folders that are a train/test split rather than classes. */
const SPLIT_FOLDERS = new Set(['train', 'training', 'test', 'testing', 'val', 'valid', 'validation']);

export const EXPECTED_LAYOUTS =
  'Expected one of: image folders, one per class (cat/1.png, dog/2.png); images with a labels.csv that maps file names to labels; ' +
  'one .txt file per class (positive.txt, negative.txt) or one folder of .txt files per class; or a single .txt file of text to model.';

function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : '';
}

function kindOf(name: string): FileKind {
  const ext = extensionOf(name);
  if (IMAGE_EXTENSIONS.has(ext)) return 'image';
  if (ext === 'txt') return 'text';
  return TABLE_EXTENSIONS.has(ext) ? 'table' : 'other';
}

function byPath(a: { displayPath: string }, b: { displayPath: string }): number {
  return a.displayPath < b.displayPath ? -1 : a.displayPath > b.displayPath ? 1 : 0;
}

/** How many leading folders every file shares (never counting a file's own name). */
function commonRootDepth(files: readonly Candidate[]): number {
  if (files.length === 0) return 0;
  const first = files[0].segments;
  let depth = first.length - 1;
  for (const f of files) {
    depth = Math.min(depth, f.segments.length - 1);
    for (let d = 0; d < depth; d++) {
      if (f.segments[d] !== first[d]) {
        depth = d;
        break;
      }
    }
  }
  return depth;
}

function distinctSorted(labels: Iterable<string>): string[] {
  return [...new Set(labels)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function rootNote(files: readonly Candidate[], depth: number): string[] {
  return depth === 0 ? [] : [`All files are inside "${files[0].segments.slice(0, depth).join('/')}"; that folder is treated as the root.`];
}

/** Label = the first folder below the root (or the second, under train/test/val split folders). */
function folderClasses(files: readonly Candidate[], depth: number, skipped: SkippedFile[], notes: string[], what: string): LayoutItem[] {
  const firstFolders = new Set(files.filter((f) => f.segments.length - depth >= 2).map((f) => f.segments[depth]));
  const split = firstFolders.size >= 2 && [...firstFolders].every((n) => SPLIT_FOLDERS.has(n.toLowerCase())) && files.every((f) => f.segments.length - depth >= 3);
  const level = split ? depth + 1 : depth;
  if (split) notes.push(`The folders ${[...firstFolders].join(', ')} look like a train/test split; their class folders are merged (WebTrain makes its own split).`);
  const items: LayoutItem[] = [];
  let nested = 0;
  for (const f of files) {
    if (f.segments.length - level < 2) skipped.push({ displayPath: f.displayPath, reason: `not inside a class folder` });
    else {
      if (f.segments.length - level > 2) nested++;
      items.push({ fileIndex: f.fileIndex, label: f.segments[level], displayPath: f.displayPath });
    }
  }
  if (nested > 0) notes.push(`${nested} ${what} in sub-folders of a class folder count for that class.`);
  return items;
}

function requireClasses(items: LayoutItem[], what: string): string[] {
  const classes = distinctSorted(items.map((i) => i.label as string));
  if (classes.length === 1) {
    throw new DataInputError('single-class', `All ${what} are in one class folder ("${classes[0]}"). A classifier needs at least two classes: add a folder per class. ${EXPECTED_LAYOUTS}`);
  }
  return classes;
}

function imageLayout(images: Candidate[], tables: Candidate[], skipped: SkippedFile[]): DatasetLayout {
  const depth = commonRootDepth(images);
  const notes = rootNote(images, depth);
  const named = tables.filter((t) => /^labels\.(csv|tsv)$/i.test(t.segments[t.segments.length - 1]));
  const inFolders = new Set(images.filter((f) => f.segments.length - depth >= 2).map((f) => f.segments[depth])).size >= 2;
  const table = named.length === 1 ? named[0] : tables.length === 1 && !inFolders ? tables[0] : undefined;
  if (table) {
    for (const t of tables) if (t !== table) skipped.push({ displayPath: t.displayPath, reason: `only ${table.displayPath} is used for labels` });
    notes.push(`Labels come from ${table.displayPath}.`);
    const items = images.map((f) => ({ fileIndex: f.fileIndex, displayPath: f.displayPath })).sort(byPath);
    return { kind: 'image-csv', items, classes: [], skipped, notes, labelTable: { fileIndex: table.fileIndex, displayPath: table.displayPath } };
  }
  if (!inFolders && tables.length > 1) {
    throw new DataInputError('unknown-layout', `Found ${images.length} images and ${tables.length} tables (${tables.map((t) => t.displayPath).join(', ')}); which one holds the labels? Name it labels.csv. ${EXPECTED_LAYOUTS}`);
  }
  for (const t of tables) skipped.push({ displayPath: t.displayPath, reason: 'the images are labelled by their class folders (name a table labels.csv to use it instead)' });
  if (!inFolders) {
    const where = depth > 0 ? `all in "${images[0].segments.slice(0, depth).join('/')}"` : 'not in class folders';
    throw new DataInputError('unknown-layout', `Found ${images.length} images, ${where}, and no labels.csv. Put the images of each class in their own folder, or add a labels.csv. ${EXPECTED_LAYOUTS}`);
  }
  const items = folderClasses(images, depth, skipped, notes, 'images').sort(byPath);
  return { kind: 'image-classes', items, classes: requireClasses(items, 'images'), skipped, notes };
}

function textLayout(texts: Candidate[], skipped: SkippedFile[]): DatasetLayout {
  const depth = commonRootDepth(texts);
  const notes = rootNote(texts, depth);
  const atRoot = texts.filter((f) => f.segments.length - depth === 1);
  const plain = (f: Candidate): LayoutItem => ({ fileIndex: f.fileIndex, displayPath: f.displayPath });
  if (texts.length === 1) return { kind: 'text-corpus', items: texts.map(plain), classes: [], skipped, notes: [...notes, 'One text file: read as a corpus for language modelling.'] };
  if (atRoot.length === texts.length) {
    const items = texts.map((f) => ({ ...plain(f), label: f.segments[f.segments.length - 1].replace(/\.[^.]*$/, '') })).sort(byPath);
    notes.push('Each .txt file is one class, named after the file.');
    return { kind: 'text-classes', items, classes: distinctSorted(items.map((i) => i.label)), skipped, notes };
  }
  if (atRoot.length === 0) {
    const items = folderClasses(texts, depth, skipped, notes, 'text files').sort(byPath);
    notes.push('Each folder is one class; every .txt file in it is an example.');
    return { kind: 'text-classes', items, classes: requireClasses(items, 'text files'), skipped, notes };
  }
  notes.push(`The .txt files mix loose files and folders, so they do not form classes; all ${texts.length} are read, in path order, as one corpus for language modelling.`);
  return { kind: 'text-corpus', items: texts.map(plain).sort(byPath), classes: [], skipped, notes };
}

/**
 * The dataset layout of `files` (see DatasetLayout), decided from paths: images win over text; a
 * common root folder is stripped; hidden/system files, 0-byte files and files of other types are
 * listed in `skipped`. For 'image-csv' the labels are still missing: read `labelTable` and call
 * applyLabelTable (or use arrangeFiles). Throws DataInputError 'unknown-layout' or 'single-class'
 * with the expected layouts. Pure.
 */
export function detectFileLayout(files: readonly TreeFile[]): DatasetLayout {
  const skipped: SkippedFile[] = [];
  const found: Candidate[] = [];
  files.forEach((file, fileIndex) => {
    if (file.isDirectory) return;
    const segments = file.segments.flatMap((s) => normalizeEntryName(s));
    const displayPath = segments.join('/');
    const reason = entrySkipReason(segments) ?? (file.size === 0 ? 'empty file' : undefined);
    if (reason !== undefined) skipped.push({ displayPath, reason });
    else found.push({ fileIndex, segments, displayPath, kind: kindOf(segments[segments.length - 1]) });
  });
  const images = found.filter((f) => f.kind === 'image');
  const texts = found.filter((f) => f.kind === 'text');
  const used = images.length > 0 ? 'image' : texts.length > 0 ? 'text' : undefined;
  for (const f of found) {
    if (f.kind === used || (used === 'image' && f.kind === 'table')) continue;
    skipped.push({ displayPath: f.displayPath, reason: used === undefined ? 'not a supported file type' : `not ${used === 'image' ? 'an image' : 'a .txt file'}` });
  }
  if (used === 'image') return imageLayout(images, found.filter((f) => f.kind === 'table'), skipped);
  if (used === 'text') return textLayout(texts, skipped);
  const sample = found.slice(0, 5).map((f) => f.displayPath).join(', ');
  throw new DataInputError('unknown-layout', `No images (.png .jpg .jpeg .webp .gif) or .txt files were found${found.length ? ` (found ${found.length} other files, e.g. ${sample})` : ''}. ${EXPECTED_LAYOUTS}`);
}

/**
 * detectFileLayout, then for 'image-csv' reads the label table through `readText(fileIndex)` (the
 * caller decodes the file, e.g. from the archive) and applies it. Resolves to a labelled layout.
 */
export async function arrangeFiles(files: readonly TreeFile[], readText: (fileIndex: number) => Promise<string>): Promise<DatasetLayout> {
  const layout = detectFileLayout(files);
  return layout.labelTable ? applyLabelTable(layout, await readText(layout.labelTable.fileIndex)) : layout;
}
