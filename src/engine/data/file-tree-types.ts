// Shapes for deciding a dataset's layout from a set of files (a zip, dropped folders, dropped files):
// the flat file list that goes in and the plain, cloneable layout that comes out.

/** One file of the set. `fileIndex` in the results is its position in the input array. */
export interface TreeFile {
  /** Path segments below the drop or archive root, e.g. `['animals', 'cat', '1.png']`. Several dropped folders: each folder's name first. */
  segments: string[];
  /** Bytes (0-byte files are skipped). */
  size: number;
  /** A folder entry (zip folders); ignored, folders are seen through their files' paths. */
  isDirectory?: boolean;
}

export type DatasetLayoutKind = 'image-classes' | 'image-csv' | 'text-classes' | 'text-corpus';

/** A file that is part of the dataset. */
export interface LayoutItem {
  fileIndex: number;
  /** The class; absent for a text corpus, and for image-csv until applyLabelTable. */
  label?: string;
  /** The file's normalised path, `/`-joined: for display only. */
  displayPath: string;
}

/** A file left out, with the reason to show the user. */
export interface SkippedFile {
  displayPath: string;
  reason: string;
}

/** The layout of a file set. Labels and paths are data in arrays, never object keys. */
export interface DatasetLayout {
  kind: DatasetLayoutKind;
  /** Files in the dataset, sorted by displayPath (code-unit order) so the result does not depend on drop order. */
  items: LayoutItem[];
  /** Distinct labels in code-unit order (empty for a text corpus, and for image-csv until labelled). */
  classes: string[];
  skipped: SkippedFile[];
  /** Plain-language notes on how the files were read (root folder stripped, columns used...). */
  notes: string[];
  /** image-csv only: the label table to read and pass to applyLabelTable. */
  labelTable?: { fileIndex: number; displayPath: string };
}
