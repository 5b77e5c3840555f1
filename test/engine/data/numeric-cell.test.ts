// parseNumericCell's fast path must accept exactly the plain decimal/scientific notation: checked
// against the defining pattern on hand-picked tricky cells and on many seeded random ones.
import { describe, expect, it } from 'vitest';
import { parseNumericCell } from '../../../src/engine/data/column-profiler';
import { createRandom } from '../../../src/engine/random';

const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
function byPattern(cell: string): number | undefined {
  const t = cell.trim();
  if (!PLAIN.test(t)) return undefined;
  const v = Number(t);
  return Number.isFinite(v) ? v : undefined;
}

describe('parseNumericCell', () => {
  it('agrees with the plain-number pattern on tricky cells', () => {
    const cells = ['7', '-0.5', '.5', '5.', '1e-3', '0e5', '+.5E+3', ' 007 ', '', ' ', '.', '-', '+', 'e5', '5e', '1e999', '-1e999',
      'NaN', 'Infinity', '+Infinity', '-Infinity', '0x10', '0X1f', '0b101', '0B1', '0o7', '0O7', '-0x10', '1_000', '1,5', '5 6',
      '١٢', '１２', '0.0.1', '--1', '+-1', '1e+', '00012', '0', '-0', '9007199254740993', '1.7976931348623157e308', '2e308'];
    for (const cell of cells) expect([cell, parseNumericCell(cell)]).toEqual([cell, byPattern(cell)]);
  });

  it('agrees with the pattern on 20,000 random short strings of number-like characters', () => {
    const random = createRandom(11);
    const alphabet = '0123456789+-.eExXbBoO _a';
    for (let i = 0; i < 20_000; i += 1) {
      const length = 1 + Math.floor(random() * 6);
      let cell = '';
      for (let k = 0; k < length; k += 1) cell += alphabet[Math.floor(random() * alphabet.length)];
      expect([cell, parseNumericCell(cell)]).toEqual([cell, byPattern(cell)]);
    }
  });
});
