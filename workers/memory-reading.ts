// What the monitoring panel shows about memory: live tensors and their bytes, and the GPU's share
// where the backend reports it (WebGPU and WebGL keep their own byte counts).
import * as tf from '@tensorflow/tfjs';

export interface MemoryReading {
  tensors: number;
  /** Bytes of all live tensors, wherever they are. */
  bytes: number;
  /** Bytes the backend holds on the GPU (absent on the CPU backend). */
  gpuBytes?: number;
}

/** A reading of this worker's tfjs memory now (cheap: counters only, no GPU sync). */
export function readMemory(): MemoryReading {
  const memory = tf.memory() as tf.MemoryInfo & { numBytesInGPU?: number; numBytesInGPUAllocated?: number };
  const gpuBytes = memory.numBytesInGPUAllocated ?? memory.numBytesInGPU;
  return { tensors: memory.numTensors, bytes: memory.numBytes, ...(gpuBytes !== undefined ? { gpuBytes } : {}) };
}
