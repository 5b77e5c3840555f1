// Packing a TrainerSnapshot's float32 tensors into one little-endian byte stream cut into
// fixed-size shards, and rebuilding the tensors from shards; plus the NaN/Inf scan.
import type { NamedArray, TrainerSnapshot } from '../train/train-types';
import type { CheckpointTensorEntry } from './records';
import { InvalidSnapshotError } from './storage-errors';

/** Layout version of the byte stream described by CheckpointMetaRecord.tensors. */
export const CHECKPOINT_SCHEMA_VERSION = 1;

const LITTLE_ENDIAN_HOST = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

export interface PackedSnapshot {
  tensors: CheckpointTensorEntry[];
  /** Every shard is `shardBytes` long except possibly the last. */
  shards: ArrayBuffer[];
  totalBytes: number;
}

function elementCount(shape: number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

function checkArray(group: string, a: NamedArray): void {
  if (!(a.data instanceof Float32Array)) throw new InvalidSnapshotError(`Tensor ${group}/${a.name} is not float32 data.`);
  if (!a.shape.every((d) => Number.isInteger(d) && d >= 0) || elementCount(a.shape) !== a.data.length) {
    throw new InvalidSnapshotError(
      `Tensor ${group}/${a.name} has ${a.data.length} values but shape [${a.shape.join(', ')}]; the snapshot is inconsistent.`,
    );
  }
}

/** The tensor's values as little-endian bytes (a view on little-endian hosts, a copy otherwise). */
function littleEndianBytes(data: Float32Array): Uint8Array {
  if (LITTLE_ENDIAN_HOST) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const out = new Uint8Array(data.byteLength);
  const view = new DataView(out.buffer);
  for (let i = 0; i < data.length; i++) view.setFloat32(i * 4, data[i], true);
  return out;
}

/** Copy `length` bytes between the stream (split into `shards` starting at `starts`) and `bytes`. */
function copyStream(shards: Uint8Array[], starts: number[], streamOffset: number, bytes: Uint8Array, toStream: boolean): void {
  let s = 0;
  while (s + 1 < shards.length && starts[s + 1] <= streamOffset) s++;
  let done = 0;
  while (done < bytes.length) {
    const shard = shards[s];
    const within = streamOffset + done - starts[s];
    const n = Math.min(bytes.length - done, shard.length - within);
    if (toStream) shard.set(bytes.subarray(done, done + n), within);
    else bytes.set(shard.subarray(within, within + n), done);
    done += n;
    s++;
  }
}

/**
 * Lay out weights then optimizer weights, each as float32 little-endian, in one stream and cut
 * it into shards of at most `shardBytes` bytes. Copies the data once (the shards own their bytes).
 * Throws InvalidSnapshotError when a tensor's data does not match its shape.
 */
export function packSnapshot(snapshot: TrainerSnapshot, shardBytes: number): PackedSnapshot {
  const tensors: CheckpointTensorEntry[] = [];
  let totalBytes = 0;
  const groups = [['weights', snapshot.weights], ['optimizer', snapshot.optimizerWeights], ['best', snapshot.bestWeights ?? []]] as const;
  for (const [group, arrays] of groups) {
    for (const a of arrays) {
      checkArray(group, a);
      tensors.push({ group, name: a.name, shape: a.shape.slice(), byteOffset: totalBytes, byteLength: a.data.byteLength });
      totalBytes += a.data.byteLength;
    }
  }
  const shards: Uint8Array[] = [];
  const starts: number[] = [];
  for (let offset = 0; offset < totalBytes; offset += shardBytes) {
    starts.push(offset);
    shards.push(new Uint8Array(Math.min(shardBytes, totalBytes - offset)));
  }
  const all = [...snapshot.weights, ...snapshot.optimizerWeights, ...(snapshot.bestWeights ?? [])];
  all.forEach((a, i) => copyStream(shards, starts, tensors[i].byteOffset, littleEndianBytes(a.data), true));
  return { tensors, shards: shards.map((s) => s.buffer as ArrayBuffer), totalBytes };
}

/**
 * Rebuild the tensors from verified shards (in index order). The caller has checked that every
 * entry lies inside the stream and that byteLength = 4 × elements of shape.
 */
export function unpackTensors(
  tensors: CheckpointTensorEntry[],
  shards: ArrayBuffer[],
): { weights: NamedArray[]; optimizerWeights: NamedArray[]; bestWeights: NamedArray[] } {
  const views = shards.map((b) => new Uint8Array(b));
  const starts: number[] = [];
  let offset = 0;
  for (const v of views) {
    starts.push(offset);
    offset += v.length;
  }
  const weights: NamedArray[] = [];
  const optimizerWeights: NamedArray[] = [];
  const bestWeights: NamedArray[] = [];
  const byGroup = { weights, optimizer: optimizerWeights, best: bestWeights };
  for (const t of tensors) {
    const data = new Float32Array(t.byteLength / 4);
    const bytes = new Uint8Array(data.buffer);
    if (t.byteLength > 0) copyStream(views, starts, t.byteOffset, bytes, false);
    if (!LITTLE_ENDIAN_HOST) {
      const view = new DataView(data.buffer);
      for (let i = 0; i < data.length; i++) data[i] = view.getFloat32(i * 4, true);
    }
    byGroup[t.group].push({ name: t.name, shape: t.shape.slice(), data });
  }
  return { weights, optimizerWeights, bestWeights };
}

/** The first NaN or ±Infinity among `arrays`, as "name[index]", or undefined when all are finite. */
export function findNonFinite(arrays: NamedArray[]): string | undefined {
  for (const a of arrays) {
    const d = a.data;
    for (let i = 0; i < d.length; i++) {
      if (!Number.isFinite(d[i])) return `${a.name}[${i}] = ${d[i]}`;
    }
  }
  return undefined;
}

/** Expected byte length of a float32 tensor of `shape`. */
export function float32ByteLength(shape: number[]): number {
  return elementCount(shape) * 4;
}
