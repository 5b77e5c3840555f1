// The app-wide training lock (Web Locks): one tab trains at a time, and a page can tell
// whether a run marked 'running' is alive in another tab or was interrupted.

/** Name of the Web Lock held for as long as a run trains. */
export const TRAINING_LOCK = 'webtrain-training';

/** Run `work` holding the lock; 'busy' when another tab holds it. Without Web Locks, just run. */
export async function withTrainingLock<T>(work: () => Promise<T>): Promise<T | 'busy'> {
  const locks = self.navigator.locks;
  if (!locks) return work();
  return locks.request(TRAINING_LOCK, { ifAvailable: true }, async (lock) => (lock ? work() : 'busy' as const));
}

/** Whether any tab of this origin holds the training lock right now. */
export async function isTrainingRunning(): Promise<boolean> {
  const state = await self.navigator.locks?.query();
  return Boolean(state?.held?.some((lock) => lock.name === TRAINING_LOCK));
}
