// Turns what the user dropped or picked (files, folders, several folders) into a flat list of files
// with their relative path segments. Only walks directory entries; files are read in the data worker.

/** A file and where it sat in the dropped folder tree (the folder names are class labels for images). */
export interface PickedFile {
  file: File;
  /** Path segments from the dropped item down to the file, file name last. Display and layout only. */
  path: string[];
}

/** Folders are walked breadth-first with an explicit queue, so deep or wide trees cannot overflow the stack. */
const MAX_FILES = 200_000;

function readAllEntries(reader: FileSystemDirectoryReader): Promise<FileSystemEntry[]> {
  // readEntries returns at most ~100 entries per call; call it until it returns an empty batch.
  return new Promise((resolve, reject) => {
    const all: FileSystemEntry[] = [];
    const next = () => reader.readEntries((batch) => {
      if (batch.length === 0) resolve(all);
      else { all.push(...batch); next(); }
    }, reject);
    next();
  });
}

function entryFile(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

/** Every file under the given entries, each with its path from the dropped item. */
async function walkEntries(roots: FileSystemEntry[]): Promise<PickedFile[]> {
  const files: PickedFile[] = [];
  const queue: { entry: FileSystemEntry; path: string[] }[] = roots.map((entry) => ({ entry, path: [entry.name] }));
  for (let i = 0; i < queue.length; i += 1) {
    const { entry, path } = queue[i];
    if (entry.isFile) {
      files.push({ file: await entryFile(entry as FileSystemFileEntry), path });
      if (files.length > MAX_FILES) throw new Error(`The drop holds more than ${MAX_FILES.toLocaleString()} files; split it or drop a zip.`);
    } else if (entry.isDirectory) {
      for (const child of await readAllEntries((entry as FileSystemDirectoryEntry).createReader())) {
        queue.push({ entry: child, path: [...path, child.name] });
      }
    }
  }
  return files;
}

/**
 * The files of a drop. Folders are traversed (Chromium exposes them through `webkitGetAsEntry`);
 * without entry support, the plain file list is used.
 */
export async function filesFromDrop(transfer: DataTransfer): Promise<PickedFile[]> {
  // Entries must be taken synchronously, before the drop event handler returns.
  const entries = Array.from(transfer.items ?? [])
    .filter((item) => item.kind === 'file')
    .map((item) => item.webkitGetAsEntry?.())
    .filter((entry): entry is FileSystemEntry => entry != null);
  const plain = Array.from(transfer.files ?? []);
  if (entries.length === 0) return plain.map((file) => ({ file, path: [file.name] }));
  return walkEntries(entries);
}

/** The files of an `<input type=file>` (with or without `webkitdirectory`). */
export function filesFromInput(list: FileList | null): PickedFile[] {
  return Array.from(list ?? []).map((file) => ({
    file,
    path: file.webkitRelativePath ? file.webkitRelativePath.split('/') : [file.name],
  }));
}
