// Exposes a worker API factory over a MessageChannel with Comlink, as a worker entry does,
// so tests prove that arguments, results and callbacks survive structured cloning.
import * as Comlink from 'comlink';

/** Expose `api` on one end of a new MessageChannel and return the remote proxy plus a closer. */
export function exposeOverChannel<T extends object>(api: T): { remote: Comlink.Remote<T>; close: () => void } {
  const { port1, port2 } = new MessageChannel();
  Comlink.expose(api, port1);
  const remote = Comlink.wrap<T>(port2);
  return {
    remote,
    close: () => {
      remote[Comlink.releaseProxy]();
      port1.close();
      port2.close();
    },
  };
}
