// The engine's option registries (labels, descriptions, defaults) as plain data for the page, which
// renders its forms from them without loading engine code into the main bundle.
import { IMAGE_AUGMENTATIONS } from '../src/engine/augment/image-augment-spec';
import { CLEANING_STEPS } from '../src/engine/clean/cleaning-registry';
import { ENCODINGS } from '../src/engine/clean/encoding-registry';
import { TOKEN_AUGMENTATION_REGISTRY } from '../src/engine/text/token-augment';
import { TOKENIZER_REGISTRY } from '../src/engine/text/tokenizer';
import { MODEL_PRESETS } from '../src/engine/model/model-presets';
import { EXTRA_MODEL_CHOICES } from './model-choice';
import { OPTIMIZER_REGISTRY } from '../src/engine/optim/optimizer-spec';
import { LR_SCHEDULE_REGISTRY } from '../src/engine/optim/lr-schedule';
import { TUNABLE_OPTIONS } from '../src/engine/search/tunable-options';
import { SEARCH_STRATEGIES } from '../src/engine/search/strategy';
import { ENSEMBLE_METHODS } from '../src/engine/ensemble/ensemble';

/** Every registry the UI renders forms from; structured-cloneable. */
export function uiRegistries() {
  return {
    imageAugmentations: IMAGE_AUGMENTATIONS,
    cleaningSteps: CLEANING_STEPS,
    encodings: ENCODINGS,
    tokenizers: TOKENIZER_REGISTRY,
    tokenAugmentations: TOKEN_AUGMENTATION_REGISTRY,
    /** Every named model the Train panel offers: the engine's presets and the extra choices. */
    modelPresets: { ...MODEL_PRESETS, ...EXTRA_MODEL_CHOICES },
    optimizers: OPTIMIZER_REGISTRY,
    schedules: LR_SCHEDULE_REGISTRY,
    tunableOptions: TUNABLE_OPTIONS,
    searchStrategies: SEARCH_STRATEGIES,
    ensembleMethods: ENSEMBLE_METHODS,
  };
}

export type UiRegistries = ReturnType<typeof uiRegistries>;
