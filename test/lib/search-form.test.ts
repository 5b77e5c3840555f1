// The Tune form as a request: enabled rows only, typed choice options, conditions narrowed to the parent's
// searched options (or dropped when the parent is not searched), halving from the form.
import { describe, expect, it } from 'vitest';
import { defaultSearchForm, searchRequest, spaceOf, type SpaceRow } from '../../src/lib/search-form';

const rows = (): SpaceRow[] => [
  { name: 'learningRate', enabled: true, spec: { kind: 'float', name: 'learningRate', min: 1e-4, max: 0.1, scale: 'log' }, optionsText: '' },
  { name: 'optimizer', enabled: true, spec: { kind: 'choice', name: 'optimizer', options: [] }, optionsText: 'adam, momentum' },
  { name: 'momentum', enabled: true, spec: { kind: 'float', name: 'momentum', min: 0.5, max: 0.99, scale: 'linear', when: { param: 'optimizer', oneOf: ['momentum', 'nesterov'] } }, optionsText: '' },
  { name: 'weightDecay', enabled: true, spec: { kind: 'float', name: 'weightDecay', min: 1e-5, max: 0.1, scale: 'log', when: { param: 'optimizer', oneOf: ['adamw'] } }, optionsText: '' },
  { name: 'batchSize', enabled: false, spec: { kind: 'choice', name: 'batchSize', options: [] }, optionsText: '16, 32' },
];

describe('spaceOf', () => {
  it('keeps enabled rows, parses options and narrows conditions to what is searched', () => {
    const space = spaceOf(defaultSearchForm(rows()));
    expect(space.params.map((p) => p.name)).toEqual(['learningRate', 'optimizer', 'momentum']);
    expect(space.params[1]).toMatchObject({ options: ['adam', 'momentum'] });
    // nesterov is not searched, and weight decay could never be active (adamw is not listed): it is left out.
    expect(space.params[2].when).toEqual({ param: 'optimizer', oneOf: ['momentum'] });
  });

  it('drops a condition whose parent is not searched, and reads numbers and booleans in options', () => {
    const form = defaultSearchForm(rows());
    form.rows[1].enabled = false;
    form.rows[4] = { ...form.rows[4], enabled: true, optionsText: '16, 32, , true' };
    const space = spaceOf(form);
    expect(space.params.find((p) => p.name === 'momentum')?.when).toBeUndefined();
    expect(space.params.find((p) => p.name === 'batchSize')).toMatchObject({ options: [16, 32, true] });
  });

  it('builds the request with the form’s epochs and successive halving', () => {
    const form = { ...defaultSearchForm(rows()), halving: true, minEpochs: 1, eta: 3, epochs: 9 };
    const request = searchRequest(form, 'd1', { hiddenLayers: [8], activation: 'relu' }, { epochs: 2, batchSize: 8, learningRate: 0.1, optimizer: 'adam', seed: 1 });
    expect(request.base.config.epochs).toBe(9);
    expect(request.halving).toEqual({ minEpochs: 1, maxEpochs: 9, eta: 3 });
    expect(request.strategy).toEqual({ kind: 'bayesian', initialRandom: 4 });
  });
});
