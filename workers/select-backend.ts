// Chooses the tfjs backend inside a worker: WebGPU when an adapter exists, else WebGL, else CPU,
// and says why in words the UI shows. Imported only by the training worker entry.
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import type { BackendChoice } from './train-events';
import { checkGradientsByKind, disagreeingKinds, GRADIENT_TOLERANCE, gradientsAgree } from './backend-check';
import type { ModelSpec } from '../src/engine/model/model-spec';

/** Kinds a run can move to another backend for (the rest of the app stays on WebGPU). */
const ROUTABLE_KINDS = new Set<ModelSpec['kind']>(['rnn']);

/** Whether the backend `name` can start (and switch back to the active one). */
async function canUse(name: string): Promise<boolean> {
  const active = tf.getBackend();
  const ok = await tf.setBackend(name).catch(() => false);
  await tf.setBackend(active);
  return ok;
}



async function describeAdapter(): Promise<{ adapter?: string; problem?: string }> {
  const gpu = (self.navigator as Navigator & { gpu?: GPU }).gpu;
  if (!gpu) return { problem: 'this browser has no WebGPU (navigator.gpu is missing)' };
  const adapter = await gpu.requestAdapter();
  if (!adapter) return { problem: 'WebGPU found no usable graphics adapter' };
  const info = adapter.info;
  const text = [info?.vendor, info?.architecture, info?.description].filter(Boolean).join(' ');
  return { adapter: text || 'unnamed adapter' };
}

/** Initialise the best available backend. `forced` (a URL parameter) lets a user or test pick one. */
export async function selectBackend(forced?: string): Promise<BackendChoice> {
  const reasons: string[] = [];
  if (!forced || forced === 'webgpu') {
    const { adapter, problem } = await describeAdapter();
    if (adapter && (await tf.setBackend('webgpu'))) {
      await tf.ready();
      // Trust a GPU backend only once its gradients match the CPU's on a small model of every kind (issue 4).
      const gradientCheck = await checkGradientsByKind();
      if (gradientsAgree(gradientCheck)) {
        return { name: 'webgpu', reason: `WebGPU adapter found (${adapter}); its gradients match the CPU's.`, adapter, gradientCheck };
      }
      const bad = gradientCheck.filter((c) => !(c.worst.relativeError <= GRADIENT_TOLERANCE));
      const described = bad.map((c) => `${c.model} ${c.worst.relativeError.toPrecision(2)} on ${c.worst.name}`).join('; ');
      // Only recurrent models wrong: keep WebGPU for the rest and train those on WebGL (see backendForModel).
      if (bad.every((c) => ROUTABLE_KINDS.has(c.kind)) && (await canUse('webgl'))) {
        const routedKinds = disagreeingKinds(gradientCheck);
        return { name: 'webgpu', adapter, gradientCheck, routedKinds,
          reason: `WebGPU adapter found (${adapter}); recurrent models train on WebGL because their WebGPU gradients differ from the CPU's (relative error ${described}).` };
      }
      reasons.push(`WebGPU gradients differ from the CPU's (relative error ${described})`);
    } else {
      reasons.push(problem ?? 'the WebGPU backend failed to start');
    }
  }
  if (!forced || forced === 'webgl') {
    if (await tf.setBackend('webgl')) {
      await tf.ready();
      return { name: 'webgl', reason: `${reasons.length ? `Using WebGL because ${reasons.join('; ')}.` : 'WebGL was requested.'}` };
    }
    reasons.push('WebGL is not available either');
  }
  await tf.setBackend('cpu');
  await tf.ready();
  const why = reasons.length ? `${reasons.join('; ')}` : 'the CPU backend was requested';
  return { name: 'cpu', reason: `Training on the CPU (slower) because ${why}.` };
}
