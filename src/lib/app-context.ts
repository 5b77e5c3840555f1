// Typed Svelte context: the app's state objects, created once in App.svelte.
import { getContext, setContext } from 'svelte';
import type { AugmentState } from './augment-state.svelte';
import type { DatasetsState } from './datasets-state.svelte';
import type { QualityState } from './quality-state.svelte';
import type { TrainingState } from './training-state.svelte';

export interface AppContext {
  datasets: DatasetsState;
  training: TrainingState;
  augment: AugmentState;
  quality: QualityState;
}

const KEY = Symbol('webtrain-app');

export function setAppContext(context: AppContext): AppContext {
  return setContext(KEY, context);
}

export function getAppContext(): AppContext {
  const context = getContext<AppContext | undefined>(KEY);
  if (!context) throw new Error('getAppContext() called outside <App>: create the state in App.svelte first.');
  return context;
}
