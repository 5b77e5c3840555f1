// Yield to the event loop between batches so messages (Stop) from other threads are handled.

const channel = typeof MessageChannel === 'function' ? new MessageChannel() : undefined;
const waiting: (() => void)[] = [];
if (channel) {
  channel.port1.onmessage = () => waiting.shift()?.();
  // Node keeps a process alive while a port is referenced; the loop should not.
  (channel.port1 as unknown as { unref?: () => void }).unref?.();
  (channel.port2 as unknown as { unref?: () => void }).unref?.();
}

/** Resolve on the next macrotask. A MessageChannel avoids setTimeout's 4 ms clamp for nested timers. */
export function yieldToEventLoop(): Promise<void> {
  if (!channel) return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
  });
}
