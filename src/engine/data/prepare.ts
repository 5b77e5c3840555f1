// Public entry of the tabular preprocessing pipeline: spec defaults, fitting (train rows only) and encoding.
// The work lives in prepare-spec.ts, pipeline-fit.ts and pipeline-encode.ts; import from here.

export {
  DEFAULT_SEED,
  DEFAULT_SPLIT,
  MAX_CLASSES_FOR_NUMERIC_TARGET,
  PrepareSpecError,
  defaultPrepareSpec,
  suggestTask,
  validatePrepareSpec,
} from './prepare-spec';
export { fitPipeline } from './pipeline-fit';
export { cellToNumber, encodeRows } from './pipeline-encode';
export { isMissingCell } from './missing-cells';
