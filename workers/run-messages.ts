// Words shared by both kinds of run (rows and language models): another tab holds the training lock,
// and a resume that had to fall back to an older checkpoint.
import type { LoadedCheckpoint } from '../src/engine/storage/checkpoints-repo';

const BUSY_MESSAGE = 'Training is running in another tab. Stop it there, or close that tab, then try again.';

/** The result of work run under the training lock; throws the user-facing message when another tab held it. */
export function unlessBusy<T>(result: T | 'busy'): T {
  if (result === 'busy') throw new Error(BUSY_MESSAGE);
  return result;
}

/** What to tell the user when the newest checkpoint failed its checks and an older one was used. */
export function fallbackNotice(loaded: LoadedCheckpoint | undefined): string | undefined {
  return loaded?.fellBackFrom
    ? `The newest checkpoint could not be used (${loaded.fellBackFrom.reason}); resumed from epoch ${loaded.meta.epoch}.`
    : undefined;
}
