// A file the engine can read at any offset without loading it whole (a browser File/Blob, or bytes
// in tests). Archive and Parquet readers use it so memory stays bounded by what they ask for.

/** Random-access bytes. `read` may return fewer bytes only at the end of the source. */
export interface RandomAccessSource {
  /** Total size in bytes. */
  readonly size: number;
  /** Bytes `[offset, offset + length)`, clipped to the end of the source. */
  read(offset: number, length: number): Promise<Uint8Array>;
}

/** Wraps bytes already in memory (tests, small files). */
export function bytesSource(bytes: Uint8Array): RandomAccessSource {
  return {
    size: bytes.byteLength,
    read: async (offset, length) => bytes.subarray(Math.max(0, offset), Math.min(bytes.byteLength, offset + length)),
  };
}

/** Wraps a Blob (a File is a Blob): each read slices and reads only that range. */
export function blobSource(blob: Pick<Blob, 'size' | 'slice'>): RandomAccessSource {
  return {
    size: blob.size,
    read: async (offset, length) => new Uint8Array(await blob.slice(offset, offset + length).arrayBuffer()),
  };
}
