// Device-loss handling (row G1): watching a backend's device.lost, and re-creating a backend under the
// same name with its registered factory, on fake backends and on the real tfjs registry.
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { deviceLossNotice, exposeDeviceDestroyHook, recreateBackend, startDeviceLossWatch, watchDeviceLoss, type BackendRegistry } from '../../workers/device-loss';

/** A backend-like object whose device can be lost on demand. */
function fakeGpuBackend() {
  let lose: (info: { reason: string; message: string }) => void = () => undefined;
  const lost = new Promise<{ reason: string; message: string }>((resolve) => { lose = resolve; });
  const destroy = vi.fn(() => lose({ reason: 'destroyed', message: 'Device was destroyed.' }));
  return { device: { lost, destroy }, lose: (reason: string, message: string) => lose({ reason, message }) };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('watchDeviceLoss', () => {
  it('reports the reason and message once when the device is lost', async () => {
    const backend = fakeGpuBackend();
    const onLost = vi.fn();
    watchDeviceLoss(backend, onLost);
    await settle();
    expect(onLost).not.toHaveBeenCalled();
    backend.lose('unknown', 'GPU process crashed');
    await settle();
    expect(onLost.mock.calls).toEqual([[{ reason: 'unknown', message: 'GPU process crashed' }]]);
  });

  it('stays silent after unsubscribing, and is a no-op for backends without a device', async () => {
    const backend = fakeGpuBackend();
    const onLost = vi.fn();
    watchDeviceLoss(backend, onLost)();
    backend.lose('destroyed', '');
    const cpuLost = vi.fn();
    const stop = watchDeviceLoss(tf.backend(), cpuLost);
    watchDeviceLoss(null, cpuLost);
    watchDeviceLoss({ device: { lost: 'not a promise' } }, cpuLost);
    await settle();
    expect(onLost).not.toHaveBeenCalled();
    expect(cpuLost).not.toHaveBeenCalled();
    expect(() => stop()).not.toThrow();
  });

  it('fills in a missing reason or message', async () => {
    const onLost = vi.fn();
    watchDeviceLoss({ device: { lost: Promise.resolve(undefined) } }, onLost);
    await settle();
    expect(onLost).toHaveBeenCalledWith({ reason: 'unknown', message: '' });
  });
});

/** A registry that records calls; `starts` says whether setBackend succeeds. */
function fakeRegistry(options: { factory?: () => unknown; removeThrows?: boolean; registers?: boolean; starts?: boolean } = {}) {
  const calls: string[] = [];
  const registry: BackendRegistry = {
    findBackendFactory: (name) => { calls.push(`find ${name}`); return options.factory ?? null; },
    removeBackend: (name) => { calls.push(`remove ${name}`); if (options.removeThrows) throw new Error('dispose failed on a lost device'); },
    registerBackend: (name, factory, priority) => { calls.push(`register ${name} ${priority} ${factory === options.factory}`); return options.registers ?? true; },
    setBackend: async (name) => { calls.push(`set ${name}`); return options.starts ?? true; },
  };
  return { registry, calls };
}

describe('recreateBackend', () => {
  it('removes, re-registers the same factory under the same name and priority, then activates it', async () => {
    const { registry, calls } = fakeRegistry({ factory: () => ({}) });
    await recreateBackend(registry);
    expect(calls).toEqual(['find webgpu', 'remove webgpu', 'register webgpu 3 true', 'set webgpu']);
  });

  it('goes on when disposing the old instance throws', async () => {
    const { registry, calls } = fakeRegistry({ factory: () => ({}), removeThrows: true });
    await recreateBackend(registry, 'webgpu', 5);
    expect(calls).toEqual(['find webgpu', 'remove webgpu', 'register webgpu 5 true', 'set webgpu']);
  });

  it('says why when the backend is unknown, cannot be registered again, or does not start', async () => {
    await expect(recreateBackend(fakeRegistry().registry)).rejects.toThrow('The webgpu backend is not registered');
    await expect(recreateBackend(fakeRegistry({ factory: () => ({}), registers: false }).registry)).rejects.toThrow('could not be registered again');
    await expect(recreateBackend(fakeRegistry({ factory: () => ({}), starts: false }).registry)).rejects.toThrow('did not start again');
  });

  it('gives a new instance from the same factory on the real tfjs registry', async () => {
    class DisposableBackend extends tf.KernelBackend {
      disposed = false;
      override dispose(): void { this.disposed = true; }
    }
    const factory = vi.fn(() => new DisposableBackend());
    tf.registerBackend('lossy-test', factory, 0);
    expect(await tf.setBackend('lossy-test')).toBe(true);
    const first = tf.backend() as DisposableBackend;
    await recreateBackend(tf, 'lossy-test', 0);
    expect(tf.getBackend()).toBe('lossy-test');
    expect(tf.backend()).not.toBe(first);
    expect(first.disposed).toBe(true);
    expect(factory).toHaveBeenCalledTimes(2);
  });

  afterAll(async () => {
    tf.removeBackend('lossy-test');
    await tf.setBackend('cpu');
  });
});

describe('deviceLossNotice and the destroy hook', () => {
  it('names the reason and the epoch training resumed from', () => {
    expect(deviceLossNotice({ reason: 'destroyed', message: 'Device was destroyed.' }, 4))
      .toBe('The graphics device was lost (destroyed: Device was destroyed.). WebTrain restarted WebGPU and resumed from the checkpoint of epoch 4.');
    expect(deviceLossNotice({ reason: 'unknown', message: '' }, 0)).toContain('(unknown)');
  });

  it('destroys the active backend device, and reports when there is none', async () => {
    const backend = fakeGpuBackend();
    let active: unknown = backend;
    exposeDeviceDestroyHook(() => active);
    const hook = (globalThis as unknown as { __webtrainDestroyDevice: () => boolean }).__webtrainDestroyDevice;
    const onLost = vi.fn();
    watchDeviceLoss(backend, onLost);
    expect(hook()).toBe(true);
    await settle();
    expect(backend.device.destroy).toHaveBeenCalledOnce();
    expect(onLost).toHaveBeenCalledWith({ reason: 'destroyed', message: 'Device was destroyed.' });
    active = tf.backend();
    expect(hook()).toBe(false);
  });
});

describe('startDeviceLossWatch', () => {
  it('remembers the loss and hands it to a waiter, even one that started waiting first', async () => {
    const backend = fakeGpuBackend();
    const watch = startDeviceLossWatch(backend);
    expect(watch.lost()).toBeUndefined();
    const waiting = watch.waitForLoss(5_000);
    backend.lose('destroyed', 'gone');
    expect(await waiting).toEqual({ reason: 'destroyed', message: 'gone' });
    expect(watch.lost()).toEqual({ reason: 'destroyed', message: 'gone' });
    expect(await watch.waitForLoss(5_000)).toEqual({ reason: 'destroyed', message: 'gone' });
  });

  it('gives up after the wait, answers at once without a device, and ignores losses after stop', async () => {
    const backend = fakeGpuBackend();
    const watch = startDeviceLossWatch(backend);
    expect(await watch.waitForLoss(20)).toBeUndefined();
    const started = Date.now();
    expect(await startDeviceLossWatch(tf.backend()).waitForLoss(5_000)).toBeUndefined();
    expect(Date.now() - started).toBeLessThan(1_000);
    watch.stop();
    backend.lose('unknown', 'late');
    await settle();
    expect(watch.lost()).toBeUndefined();
  });
});
