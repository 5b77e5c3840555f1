// Labels images from a table (labels.csv): finds the file-name and label columns by their names and
// matches each row to an image by path suffix or bare name, case-insensitively. Pure.
import { normalizeEntryName } from '../archive/entry-names';
import { CsvParser } from './csv-parser';
import { cleanHeader, detectDelimiter, detectHeader } from './csv-sniff';
import type { DatasetLayout, LayoutItem } from './file-tree-types';
import { DataInputError } from './table-types';

/** Header names (lower case, letters and digits only) of the file column, most specific first. */
const FILE_COLUMNS = ['filename', 'file', 'fname', 'imagename', 'imagefile', 'imagepath', 'filepath', 'path', 'image', 'img', 'imageid', 'id', 'name'];
const LABEL_COLUMNS = ['label', 'labels', 'class', 'classname', 'labelname', 'target', 'category', 'y'];
/** Marks a key shared by several images (a bare name in two folders): such a key matches nothing. */
const AMBIGUOUS = -1;
const EXAMPLES = 3;

function parseTable(text: string, displayPath: string): string[][] {
  const rows: string[][] = [];
  const delimiter = /\.tsv$/i.test(displayPath) ? '\t' : detectDelimiter(text.slice(0, 64 * 1024), text.length <= 64 * 1024);
  const parser = new CsvParser({ delimiter, onRow: (cells) => rows.push(cells) });
  parser.push(text);
  parser.finish();
  return rows;
}

function findColumn(columns: readonly string[], wanted: readonly string[]): number {
  const simple = columns.map((c) => c.toLowerCase().replace(/[^a-z0-9]/g, ''));
  for (const name of wanted) {
    const at = simple.indexOf(name);
    if (at >= 0) return at;
  }
  return -1;
}

/** Which columns hold file names and labels; a header-less or unnamed two-column table is read as (file, label). */
function chooseColumns(rows: string[][], displayPath: string, notes: string[]): { file: number; label: number; body: string[][] } {
  const hasHeader = rows.length > 0 && detectHeader(rows[0]);
  const columns = hasHeader ? cleanHeader(rows[0]).columns : [];
  const body = hasHeader ? rows.slice(1) : rows;
  let file = findColumn(columns, FILE_COLUMNS);
  let label = findColumn(columns, LABEL_COLUMNS);
  if ((file < 0 || label < 0 || file === label) && rows.length > 0 && rows[0].length === 2) {
    notes.push(`${displayPath}: the first column is read as the file name and the second as the label.`);
    return { file: 0, label: 1, body };
  }
  if (file < 0 || label < 0 || file === label) {
    const found = columns.length ? `its columns are ${columns.join(', ')}` : 'it has no header row';
    throw new DataInputError('bad-label-table', `${displayPath} cannot be used for labels: ${found}. Give it a header with a file column (e.g. "filename") and a label column (e.g. "label").`);
  }
  notes.push(`${displayPath}: file names from column "${columns[file]}", labels from column "${columns[label]}".`);
  return { file, label, body };
}

/** Keys under which an image can be named: every path suffix, and its bare name without extension. */
function indexImages(items: readonly LayoutItem[]): Map<string, number> {
  const keys = new Map<string, number>();
  const add = (key: string, position: number) => keys.set(key, keys.has(key) && keys.get(key) !== position ? AMBIGUOUS : position);
  items.forEach((item, position) => {
    const segments = item.displayPath.toLowerCase().split('/');
    for (let k = 0; k < segments.length; k++) add(segments.slice(k).join('/'), position);
    const stem = segments[segments.length - 1].replace(/\.[^.]*$/, '');
    if (stem !== '') add(stem, position);
  });
  return keys;
}

function listSome(values: readonly string[]): string {
  return values.slice(0, EXAMPLES).map((v) => `"${v}"`).join(', ') + (values.length > EXAMPLES ? ', …' : '');
}

/**
 * Labels an 'image-csv' layout from the text of its label table: each row's file cell is matched to
 * an image by path suffix (`images/1.png`, `1.png`) or bare name (`1`), ignoring case; a name shared
 * by several images matches none. Unlisted images move to `skipped`; unmatched, repeated or
 * label-less rows are counted in `notes`. Throws DataInputError 'bad-label-table' (no usable columns,
 * no row matches an image) or 'single-class'. Returns a new layout; `layout` is not changed. Pure.
 */
export function applyLabelTable(layout: DatasetLayout, text: string): DatasetLayout {
  if (layout.kind !== 'image-csv' || !layout.labelTable) throw new RangeError(`applyLabelTable needs an 'image-csv' layout, got '${layout.kind}'.`);
  const tablePath = layout.labelTable.displayPath;
  const notes = [...layout.notes];
  const { file, label, body } = chooseColumns(parseTable(text.replace(/^\uFEFF/, ''), tablePath), tablePath, notes);
  const keys = indexImages(layout.items);
  const labels: (string | undefined)[] = layout.items.map(() => undefined);
  const unmatched: string[] = [];
  let conflicts = 0;
  let blank = 0;
  for (const row of body) {
    const name = (row[file] ?? '').trim();
    const value = (row[label] ?? '').trim();
    if (name === '' && value === '') continue;
    if (value === '') {
      blank++;
      continue;
    }
    const position = keys.get(normalizeEntryName(name).join('/').toLowerCase());
    if (position === undefined || position === AMBIGUOUS) unmatched.push(name);
    else if (labels[position] === undefined) labels[position] = value;
    else if (labels[position] !== value) conflicts++;
  }
  const items: LayoutItem[] = [];
  layout.items.forEach((item, k) => {
    if (labels[k] !== undefined) items.push({ ...item, label: labels[k] });
  });
  if (items.length === 0) {
    throw new DataInputError('bad-label-table', `No row of ${tablePath} names an image that is here (for example ${listSome(unmatched)}). Its file column must hold the images' file names, such as "${layout.items[0]?.displayPath.split('/').pop() ?? 'photo.png'}".`);
  }
  const skipped = [...layout.skipped, ...layout.items.filter((_, k) => labels[k] === undefined).map((item) => ({ displayPath: item.displayPath, reason: `not listed in ${tablePath}` }))];
  if (unmatched.length) notes.push(`${unmatched.length} rows of ${tablePath} name no image here (e.g. ${listSome(unmatched)}); they are ignored.`);
  if (blank) notes.push(`${blank} rows of ${tablePath} have no label; they are ignored.`);
  if (conflicts) notes.push(`${conflicts} rows give an image a second, different label; the first label is kept.`);
  const classes = [...new Set(items.map((i) => i.label as string))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  if (classes.length < 2) throw new DataInputError('single-class', `Every labelled image in ${tablePath} has the label "${classes[0]}". A classifier needs at least two classes.`);
  return { ...layout, items, classes, skipped, notes };
}
