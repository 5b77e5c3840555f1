// The byte budget shared by every entry read from one archive, so that many small bombs cannot add
// up to what one big bomb is refused for (zip bomb defence across entries).
import { formatBytes } from '../data/utf8-stream';
import { DataInputError } from '../data/table-types';

/** Default total inflated bytes one archive may produce: 2 GiB. */
export const DEFAULT_ARCHIVE_BUDGET_BYTES = 2 * 1024 * 1024 * 1024;

/**
 * Counts inflated bytes across the entries of one archive. Create one per archive and pass it to
 * every readZipEntry call; `charge` throws DataInputError 'archive-too-large' once the total would
 * pass `limitBytes`. Not thread-safe; lives in the worker that reads the archive.
 */
export class ArchiveBudget {
  readonly limitBytes: number;
  private used = 0;

  constructor(limitBytes: number = DEFAULT_ARCHIVE_BUDGET_BYTES) {
    if (!(limitBytes >= 0) || !Number.isFinite(limitBytes)) throw new RangeError(`limitBytes must be a finite number >= 0, got ${limitBytes}.`);
    this.limitBytes = limitBytes;
  }

  /** Inflated bytes counted so far. */
  get usedBytes(): number {
    return this.used;
  }

  /** Bytes still allowed. */
  get remainingBytes(): number {
    return this.limitBytes - this.used;
  }

  /** Count `bytes` more inflated bytes for the entry shown as `entryName`; throws if that passes the limit. */
  charge(bytes: number, entryName: string): void {
    if (bytes > this.remainingBytes) throw this.exceeded(entryName, this.used + bytes);
    this.used += bytes;
  }

  /** The error for reaching the limit while reading `entryName`, which would bring the total to `total` bytes. */
  exceeded(entryName: string, total: number): DataInputError {
    return new DataInputError(
      'archive-too-large',
      `Reading "${entryName}" would unpack this archive to ${formatBytes(total)}, more than the ${formatBytes(this.limitBytes)} allowed ` +
        '(a "zip bomb" unpacks to far more than its size). Use a smaller archive, or split the data over several.',
    );
  }
}
