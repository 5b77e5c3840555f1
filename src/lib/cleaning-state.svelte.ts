// Rune state for the Clean tab (and the Prepare form's encoding choices): the engine's registries (loaded once from the
// data worker), the recorded cleaning steps of the current spec, adding and undoing a step (each refits
// the pipeline in the worker), and what the last change did.
import type { CleaningStep, FittedPipeline, PrepareSpec } from '../engine/data/prepare-types';
import type { UiRegistries } from '../../workers/registries';
import type { DatasetsState } from './datasets-state.svelte';
import { copyJson, specWithCleaning, type SchemaColumn } from './cleaning-plan';
import { describeStep } from './cleaning-sentences';

export type { UiRegistries } from '../../workers/registries';

/** The numbers of a fitted pipeline that a cleaning change moves. */
export interface PipelineFacts {
  droppedByCleaning: number;
  counts: FittedPipeline['counts'];
  features: number;
}

/** The last change: what was done, and the facts before it (null when there was no fitted pipeline). */
export interface CleaningChange {
  action: string;
  before: PipelineFacts | null;
}

/** The facts of a pipeline, or null. */
export function pipelineFacts(pipeline: FittedPipeline | null): PipelineFacts | null {
  if (!pipeline) return null;
  return { droppedByCleaning: pipeline.droppedByCleaning ?? 0, counts: { ...pipeline.counts }, features: pipeline.featureNames.length };
}

export class CleaningState {
  registries = $state.raw<UiRegistries | null>(null);
  /** Why the registries could not be loaded (the forms cannot be shown then). */
  loadProblem = $state<string | null>(null);
  /** Set after a step was added or undone and the refit succeeded; cleared when it failed. */
  lastChange = $state.raw<CleaningChange | null>(null);
  constructor(private readonly datasets: DatasetsState) {}

  /** The steps of the current spec, in the order they run (reactive: reads the spec's state). */
  get steps(): CleaningStep[] {
    return this.datasets.spec?.cleaning ?? [];
  }

  /** Loads the registries once (later calls do nothing). Never rejects: a failure sets `loadProblem`. */
  async load(): Promise<void> {
    if (this.registries) return;
    try {
      this.registries = await this.datasets.registries();
      this.loadProblem = null;
    } catch (error) {
      this.loadProblem = `The cleaning options could not be loaded (${error instanceof Error ? error.message : String(error)}); reload the page.`;
    }
  }

  /** Appends `step` to the cleaning of the current spec and refits; `raw` is the imported table's schema. */
  add(step: CleaningStep, raw: readonly SchemaColumn[]): Promise<boolean> {
    return this.change([...this.steps, copyJson(step)], raw, `Added: ${describeStep(step)}`);
  }

  /** Removes the last step and refits. Does nothing (false) when there is none. */
  undo(raw: readonly SchemaColumn[]): Promise<boolean> {
    const last = this.steps.at(-1);
    if (!last) return Promise.resolve(false);
    return this.change(this.steps.slice(0, -1), raw, `Undone: ${describeStep(last)}`);
  }

  private async change(next: CleaningStep[], raw: readonly SchemaColumn[], action: string): Promise<boolean> {
    const spec: PrepareSpec | null = this.datasets.spec;
    if (!spec || !this.registries) return false;
    const before = pipelineFacts(this.datasets.pipeline);
    this.lastChange = null;
    const ok = await this.datasets.prepare(specWithCleaning(spec, raw, next, this.registries.encodings));
    if (ok) this.lastChange = { action, before };
    return ok;
  }
}
