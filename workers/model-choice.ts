// Turns what the user picked in the Train panel (hidden layers of an MLP, a preset such as a LeNet-like CNN, or
// the Transformer text classifier) into the full model spec for a prepared dataset: input from its pipeline.
import { isImagePipeline } from '../src/engine/data/image-pipeline';
import type { FittedPipeline } from '../src/engine/data/prepare-types';
import { createPresetSpec, MODEL_PRESETS, type PresetId, type PresetInput } from '../src/engine/model/model-presets';
import type { Activation, AnyModelSpec, MlpSpec } from '../src/engine/model/model-types';
import { defaultTransformerSpec } from '../src/engine/model/transformer-spec';
import { vocabularySize } from '../src/engine/text/tokenizer';

/** Choices beyond MODEL_PRESETS: the default Transformer encoder sized to the dataset's token sequences. */
export const EXTRA_MODEL_CHOICES = {
  'transformer-text': {
    label: 'Transformer text classifier',
    description: 'Token and position embeddings (64), two self-attention blocks (4 heads) and mean pooling over the non-padding tokens.',
    dataKind: 'text',
  },
} as const;

/** Every named model the Train panel offers. */
export type ModelChoiceId = PresetId | keyof typeof EXTRA_MODEL_CHOICES;

/** The Train panel's choice: the simple MLP of the first version, or a named preset. */
export type ModelChoice =
  | { hiddenLayers: number[]; activation: Activation }
  | { preset: ModelChoiceId };

const DATA_KIND_WORDS = { table: 'tables', images: 'image datasets', text: 'texts prepared with the “Token sequence” encoding (and no other feature)' } as const;

/**
 * What the dataset feeds a model: image pixels (shape), token ids (when the only feature is one text column
 * encoded as a token sequence: its vocabulary size and length), or a row of encoded features (size).
 */
export function presetInput(pipeline: FittedPipeline): PresetInput {
  if (isImagePipeline(pipeline)) {
    const { height, width, channels } = pipeline.input.shape;
    return { kind: 'images', inputShape: [height, width, channels] };
  }
  const [only, ...others] = pipeline.encoders;
  if (only?.kind === 'token-sequence' && others.length === 0) {
    return { kind: 'text', vocabSize: vocabularySize(only.tokenizer), sequenceLength: only.length };
  }
  return { kind: 'table', inputSize: pipeline.featureNames.length };
}

/** Label and data kind of a named choice; throws for an unknown name. */
function choiceInfo(id: ModelChoiceId): { label: string; dataKind: 'table' | 'images' | 'text' } {
  if (Object.hasOwn(MODEL_PRESETS, id)) return MODEL_PRESETS[id as PresetId];
  if (Object.hasOwn(EXTRA_MODEL_CHOICES, id)) return EXTRA_MODEL_CHOICES[id as keyof typeof EXTRA_MODEL_CHOICES];
  throw new Error(`Unknown model preset “${String(id)}”.`);
}

/** The model spec for `choice` on data prepared by `pipeline`. Throws a message when the preset does not fit the data. */
export function resolveModelSpec(choice: ModelChoice, pipeline: FittedPipeline): AnyModelSpec {
  const task = pipeline.spec.task;
  const outputSize = task === 'classification' ? (pipeline.classes?.length ?? 0) : 1;
  if ('preset' in choice) {
    const { label, dataKind } = choiceInfo(choice.preset);
    const input = presetInput(pipeline);
    if (dataKind !== input.kind) {
      throw new Error(`The preset “${label}” is for ${DATA_KIND_WORDS[dataKind]}; choose another model for this dataset.`);
    }
    if (choice.preset === 'transformer-text' && input.kind === 'text') {
      return { ...defaultTransformerSpec(input.vocabSize, outputSize, task), sequenceLength: input.sequenceLength };
    }
    return createPresetSpec(choice.preset as PresetId, input, { task, outputSize });
  }
  const spec: MlpSpec = {
    version: 1, kind: 'mlp', inputSize: pipeline.featureNames.length,
    hiddenLayers: choice.hiddenLayers, activation: choice.activation, outputSize, task,
  };
  return spec;
}
