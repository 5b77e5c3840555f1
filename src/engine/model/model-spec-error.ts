// The error every model-spec check throws: a spec that cannot be built, named field first.

/** A model spec that cannot be built; the message names the field, the value and the accepted range. */
export class ModelSpecError extends Error {
  /** Dotted path of the offending field when known (e.g. `layers[2].units`), for highlighting a form field. */
  readonly field: string | undefined;

  constructor(message: string, field?: string) {
    super(message);
    this.name = 'ModelSpecError';
    this.field = field;
  }
}
