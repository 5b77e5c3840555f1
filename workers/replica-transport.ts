// How data-parallel replicas reach each other from worker threads: one SharedArrayBuffer all-reduce when the
// page is cross-origin isolated, else MessagePorts to a coordinator hosted by party 0 (the training worker).
import { coordinatorParty, ReduceCoordinator, type GradientAllReduce } from '../src/engine/parallel/all-reduce';
import { createSharedReduceBuffer, SharedAllReduce, type SharedReduceBuffer } from '../src/engine/parallel/shared-all-reduce';

/** A replica's end of the transport, as sent to its worker (structured-cloneable; the port is transferred). */
export type ReplicaLink = { kind: 'shared'; shared: SharedReduceBuffer } | { kind: 'port'; port: MessagePort };

/** A replica that does not answer within this time fails the step with a message naming it. */
export const REDUCE_TIMEOUT_MS = 120_000;

/** The all-reduce of party `party` (≥ 1) over `link`, inside a replica worker. */
export function joinReduce(link: ReplicaLink, party: number): GradientAllReduce {
  if (link.kind === 'shared') return new SharedAllReduce(link.shared, party, { timeoutMs: REDUCE_TIMEOUT_MS });
  const { port } = link;
  return {
    allReduce: (local) => new Promise<Float32Array>((resolve, reject) => {
      port.onmessage = (event: MessageEvent<Float32Array | { error: string }>) => {
        const data = event.data;
        if (data instanceof Float32Array) resolve(data);
        else reject(new Error(data.error));
      };
      // A copy is transferred: the caller still owns `local`.
      const copy = local.slice();
      port.postMessage(copy, [copy.buffer]);
    }),
  };
}

/**
 * Party 0's side for `parties` replicas summing vectors of `length` values: its own all-reduce and one link
 * per other party (index i is party i + 1). Shared memory needs `crossOriginIsolated` (SharedArrayBuffer).
 */
export function hostReduce(parties: number, length: number, shared: boolean): { own: GradientAllReduce; links: ReplicaLink[]; close: () => void } {
  if (shared) {
    const buffer = createSharedReduceBuffer(parties, length);
    return { own: new SharedAllReduce(buffer, 0, { timeoutMs: REDUCE_TIMEOUT_MS }), links: Array.from({ length: parties - 1 }, () => ({ kind: 'shared', shared: buffer })), close: () => undefined };
  }
  const coordinator = new ReduceCoordinator(parties, length, REDUCE_TIMEOUT_MS);
  const channels = Array.from({ length: parties - 1 }, () => new MessageChannel());
  channels.forEach((channel, i) => {
    const port = channel.port1;
    port.onmessage = (event: MessageEvent<Float32Array>) => {
      coordinator.submit(i + 1, event.data).then(
        (sum) => port.postMessage(sum, [sum.buffer]),
        (error: unknown) => port.postMessage({ error: error instanceof Error ? error.message : String(error) }),
      );
    };
  });
  return {
    own: coordinatorParty(coordinator, 0),
    links: channels.map((channel) => ({ kind: 'port', port: channel.port2 })),
    close: () => {
      coordinator.close(new Error('The data-parallel group was closed.'));
      channels.forEach((channel) => channel.port1.close());
    },
  };
}
