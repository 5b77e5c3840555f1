// Which backend one run trains on: the one chosen at start-up, or WebGL for a model kind whose WebGPU
// gradients failed the start-up check (the rest of the app stays on WebGPU).
import * as tf from '@tensorflow/tfjs';
import type { AnyModelSpec } from '../src/engine/model/model-types';
import type { BackendChoice } from './train-events';

/**
 * Switch tfjs to the backend a run of `spec` must train on: the chosen backend, or WebGL for a kind whose
 * WebGPU gradients failed the start-up check. Returns the backend name used and why, when it differs.
 */
export async function backendForModel(choice: BackendChoice, spec: AnyModelSpec): Promise<{ name: BackendChoice['name']; notice?: string }> {
  const kind = spec.version === 1 ? 'mlp' : spec.kind;
  if (choice.routedKinds?.includes(kind)) {
    const why = `its gradients on this WebGPU adapter differ from the CPU's`;
    // setBackend throws for an unregistered backend (no WebGL in Node) and returns false when it cannot start.
    if (await tf.setBackend('webgl').catch(() => false)) return { name: 'webgl', notice: `This ${kind.toUpperCase()} model trains on WebGL: ${why}.` };
    await tf.setBackend('cpu');
    return { name: 'cpu', notice: `This ${kind.toUpperCase()} model trains on the CPU: ${why} and WebGL is not available.` };
  }
  if (tf.getBackend() !== choice.name) await tf.setBackend(choice.name);
  return { name: choice.name };
}
