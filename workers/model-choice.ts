// Turns what the user picked in the Train panel (hidden layers of an MLP, or a preset such as a LeNet-like
// CNN) into the full model spec for a prepared dataset: input size or shape and output from its pipeline.
import { isImagePipeline } from '../src/engine/data/image-pipeline';
import type { FittedPipeline } from '../src/engine/data/prepare-types';
import { createPresetSpec, MODEL_PRESETS, type PresetId, type PresetInput } from '../src/engine/model/model-presets';
import type { Activation, AnyModelSpec, MlpSpec } from '../src/engine/model/model-types';

/** The Train panel's choice: the simple MLP of the first version, or a named preset. */
export type ModelChoice =
  | { hiddenLayers: number[]; activation: Activation }
  | { preset: PresetId };

/** What the dataset feeds a model: image pixels (shape) or a row of encoded features (size). */
function presetInput(pipeline: FittedPipeline): PresetInput {
  if (isImagePipeline(pipeline)) {
    const { height, width, channels } = pipeline.input.shape;
    return { kind: 'images', inputShape: [height, width, channels] };
  }
  return { kind: 'table', inputSize: pipeline.featureNames.length };
}

/** The model spec for `choice` on data prepared by `pipeline`. Throws a message when the preset does not fit the data. */
export function resolveModelSpec(choice: ModelChoice, pipeline: FittedPipeline): AnyModelSpec {
  const task = pipeline.spec.task;
  const outputSize = task === 'classification' ? (pipeline.classes?.length ?? 0) : 1;
  if ('preset' in choice) {
    if (!Object.hasOwn(MODEL_PRESETS, choice.preset)) throw new Error(`Unknown model preset “${String(choice.preset)}”.`);
    const input = presetInput(pipeline);
    const wanted = MODEL_PRESETS[choice.preset].dataKind;
    if ((wanted === 'images') !== (input.kind === 'images')) {
      throw new Error(`The preset “${MODEL_PRESETS[choice.preset].label}” is for ${wanted === 'images' ? 'image datasets' : 'tables'}; choose another model for this dataset.`);
    }
    return createPresetSpec(choice.preset, input, { task, outputSize });
  }
  const spec: MlpSpec = {
    version: 1, kind: 'mlp', inputSize: pipeline.featureNames.length,
    hiddenLayers: choice.hiddenLayers, activation: choice.activation, outputSize, task,
  };
  return spec;
}
