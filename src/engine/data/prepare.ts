// Public entry of the tabular preprocessing pipeline: spec defaults, cleaning, fitting (train rows only) and encoding.
// The work lives in prepare-spec.ts, pipeline-fit.ts and pipeline-encode.ts; import from here.

export {
  DEFAULT_SEED,
  DEFAULT_SPLIT,
  MAX_CLASSES_FOR_NUMERIC_TARGET,
  PrepareSpecError,
  defaultPrepareSpec,
  suggestTask,
  upgradePrepareSpec,
  validatePrepareSpec,
} from './prepare-spec';
export { fitPipeline } from './pipeline-fit';
export { cellToNumber, encodeFeatures, encodeRows } from './pipeline-encode';
export { isMissingCell } from './missing-cells';
export { assignFolds } from './split';
// Cleaning steps and encodings: registries (the UI renders from them) and the pure edit verbs.
export { CLEANING_STEPS, CleaningStepError, addStep, undoStep } from '../clean/cleaning-registry';
export { cleanedSchema, fitCleaning } from '../clean/cleaning-fit';
export { applyCleaning } from '../clean/cleaning-apply';
export { DEFAULT_HASH_BUCKETS, ENCODINGS, ONE_HOT_MAX_CATEGORIES, defaultEncodingFor } from '../clean/encoding-registry';
