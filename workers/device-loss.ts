// WebGPU device loss (reference/reliability.md, facts 5-6 and row G1): tfjs-backend-webgpu installs no
// `device.lost` handler, so the training worker watches the device itself, and recovers by
// re-creating the backend under the same name with the factory the package registered.

/** Why the device went away, as GPUDeviceLostInfo reports it ('destroyed' after device.destroy()). */
export interface DeviceLossInfo {
  reason: string;
  message: string;
}

/** The part of the tfjs API that re-creating a backend needs (the tfjs module itself, or a fake in tests). */
export interface BackendRegistry {
  findBackendFactory(name: string): (() => unknown) | null;
  removeBackend(name: string): void;
  registerBackend(name: string, factory: () => unknown, priority?: number): boolean;
  setBackend(name: string): Promise<boolean>;
}

/** Priority tfjs-backend-webgpu registers 'webgpu' with (its base.js); kept so auto-selection is unchanged. */
export const WEBGPU_PRIORITY = 3;

/** The device of a tfjs WebGPU backend, or undefined for backends without one (cpu, webgl). */
function deviceOf(backend: unknown): { lost: Promise<unknown>; destroy?: () => void } | undefined {
  const device = (backend as { device?: { lost?: unknown } } | null)?.device;
  return device && device.lost instanceof Promise ? (device as { lost: Promise<unknown> }) : undefined;
}

/**
 * Call `onLost` once if the GPU device behind `backend` (tf.backend() on 'webgpu', which has
 * `.device: GPUDevice`) is lost. Returns an unsubscribe function; after it, `onLost` is never called
 * (device.lost cannot be unsubscribed, so a flag drops the late call). Backends without a device: no-op.
 */
export function watchDeviceLoss(backend: unknown, onLost: (info: DeviceLossInfo) => void): () => void {
  const device = deviceOf(backend);
  if (!device) return () => undefined;
  let active = true;
  void device.lost.then((info) => {
    if (!active) return;
    active = false;
    const { reason, message } = (info ?? {}) as Partial<DeviceLossInfo>;
    onLost({ reason: String(reason ?? 'unknown'), message: String(message ?? '') });
  });
  return () => {
    active = false;
  };
}

/** A running watch on one backend's device (see `startDeviceLossWatch`). */
export interface DeviceLossWatch {
  /** The loss reported so far, if any. */
  lost(): DeviceLossInfo | undefined;
  /**
   * The loss, waiting up to `ms` for it: a failed GPU call can reject before device.lost settles.
   * Resolves undefined at once for a backend without a device.
   */
  waitForLoss(ms: number): Promise<DeviceLossInfo | undefined>;
  /** Stop watching; later losses are ignored. */
  stop(): void;
}

/** Watch the device of `backend` for the length of one training session. */
export function startDeviceLossWatch(backend: unknown): DeviceLossWatch {
  let seen: DeviceLossInfo | undefined;
  let report: (info: DeviceLossInfo) => void = () => undefined;
  const reported = new Promise<DeviceLossInfo>((resolve) => { report = resolve; });
  const stop = watchDeviceLoss(backend, (info) => {
    seen = info;
    report(info);
  });
  const hasDevice = deviceOf(backend) !== undefined;
  return {
    lost: () => seen,
    waitForLoss: (ms) => (seen || !hasDevice ? Promise.resolve(seen)
      : Promise.race([reported, new Promise<undefined>((resolve) => setTimeout(resolve, ms))])),
    stop,
  };
}

/**
 * Replace backend `name` with a fresh instance from the same factory (for 'webgpu': a new adapter
 * and device) and make it the active backend. Recovery only works under the same name: kernels are
 * registered per backend name. Tensors of the old backend are gone; reload the model from a checkpoint.
 * Throws when the backend was never registered or the new instance cannot start.
 */
export async function recreateBackend(tf: BackendRegistry, name = 'webgpu', priority = WEBGPU_PRIORITY): Promise<void> {
  const factory = tf.findBackendFactory(name);
  if (!factory) throw new Error(`The ${name} backend is not registered, so it cannot be re-created.`);
  try {
    // Disposing the old instance touches its (lost) device; its failure must not block recovery.
    tf.removeBackend(name);
  } catch {
    // Fall through: registering again below reports whether the old entry is still in the way.
  }
  if (!tf.registerBackend(name, factory, priority)) throw new Error(`The ${name} backend could not be registered again.`);
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend did not start again after the graphics device was lost.`);
}

/** Words for the user after a recovery: what happened and where training continues from. */
export function deviceLossNotice(info: DeviceLossInfo, resumedEpoch: number): string {
  const why = info.message ? `${info.reason}: ${info.message}` : info.reason;
  return `The graphics device was lost (${why}). WebTrain restarted WebGPU and resumed from the checkpoint of epoch ${resumedEpoch}.`;
}

/**
 * Test hook: `self.__webtrainDestroyDevice()` (globalThis is the worker's self) destroys the device of the active backend, as a driver
 * reset would. Installed by the training worker entry so browser tests can inject fault G1.
 */
export function exposeDeviceDestroyHook(activeBackend: () => unknown): void {
  (globalThis as unknown as { __webtrainDestroyDevice?: () => boolean }).__webtrainDestroyDevice = () => {
    const device = deviceOf(activeBackend());
    device?.destroy?.();
    return Boolean(device);
  };
}
