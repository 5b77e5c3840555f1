// Rune state for training-time augmentation: the user's choice (applied to the next training run)
// and the preview of augmented images computed in the data worker.
import type { Remote } from 'comlink';
import type { ImageAugmentSpec } from '../engine/augment/image-augment-spec';
import type { TrainAugmentation } from '../engine/train/batch-augment';
import type { DataApi } from '../../workers/data-api';
import type { AugmentPreview } from '../../workers/augment-preview';
import type { UiRegistries } from '../../workers/registries';

export type ImageAugmentName = keyof ImageAugmentSpec;

export class AugmentState {
  /** What the next run uses; empty = no augmentation. */
  choice = $state<TrainAugmentation>({});
  preview = $state.raw<AugmentPreview | null>(null);
  previewProblem = $state<string | null>(null);
  previewing = $state(false);
  registry = $state.raw<UiRegistries['imageAugmentations'] | null>(null);
  /** Bumped by "Show other samples" so the preview draws new random transforms. */
  seed = $state(1);

  constructor(private readonly api: Remote<DataApi>) {}

  async loadRegistry(): Promise<void> {
    this.registry ??= (await this.api.registries()).imageAugmentations;
  }

  /** Turn one image augmentation on (with its registry defaults) or off. */
  toggleImage(name: ImageAugmentName, on: boolean): void {
    const image: ImageAugmentSpec = { ...(this.choice.image ?? {}) };
    if (on && this.registry) (image as Record<string, unknown>)[name] = structuredClone($state.snapshot(this.registry[name].defaults));
    else delete image[name];
    this.choice = { ...this.choice, image: Object.keys(image).length > 0 ? image : undefined };
  }

  /** Change one numeric field of an image augmentation that is on. */
  setImageField(name: ImageAugmentName, field: string, value: number): void {
    const current = this.choice.image?.[name];
    if (!current || !Number.isFinite(value)) return;
    this.choice = { ...this.choice, image: { ...this.choice.image, [name]: { ...current, [field]: value } } };
  }

  setTabular(field: 'featureNoiseStd' | 'mixupAlpha' | 'tokenDeletion', value: number): void {
    this.choice = { ...this.choice, [field]: Number.isFinite(value) && value > 0 ? value : undefined };
  }

  /**
   * The choice that applies to a dataset kind: image options for images; noise and mixup for tables, plus
   * token deletion when `hasText` (a text column encoded as bag of tokens is among the features).
   */
  forKind(kind: 'table' | 'images' | 'corpus', hasText = false): TrainAugmentation | undefined {
    const { image, featureNoiseStd, mixupAlpha, tokenDeletion } = $state.snapshot(this.choice) as TrainAugmentation;
    const picked: TrainAugmentation = kind === 'images' ? { image, mixupAlpha }
      : kind === 'table' ? { featureNoiseStd, mixupAlpha, ...(hasText ? { tokenDeletion } : {}) } : {};
    const clean = Object.fromEntries(Object.entries(picked).filter(([, v]) => v !== undefined)) as TrainAugmentation;
    return Object.keys(clean).length > 0 ? clean : undefined;
  }

  async refreshPreview(datasetId: string): Promise<void> {
    this.previewing = true;
    try {
      const outcome = await this.api.previewAugmentation(datasetId, $state.snapshot(this.choice) as TrainAugmentation, this.seed);
      this.preview = outcome.ok ? outcome.value : null;
      this.previewProblem = outcome.ok ? null : outcome.problem.message;
    } finally {
      this.previewing = false;
    }
  }
}
