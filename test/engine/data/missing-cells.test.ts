// Which cells count as missing: every token in any case and with surrounding spaces, and nothing else.
import { describe, expect, it } from 'vitest';
import { isMissingCell, MISSING_CELL_TOKENS } from '../../../src/engine/data/missing-cells';

describe('isMissingCell', () => {
  it('accepts every token in any case, padded with spaces', () => {
    for (const token of MISSING_CELL_TOKENS) {
      for (const cell of [token, token.toUpperCase(), ` ${token} `, token.replace(/^./, (c) => c.toUpperCase())]) {
        expect([cell, isMissingCell(cell)]).toEqual([cell, true]);
      }
    }
    expect(isMissingCell('\t')).toBe(true);
  });

  it('rejects values that merely look close', () => {
    for (const cell of ['0', 'no', 'none', 'nA1', 'nana', 'n/a/', '??', '-', 'N.A.', 'null0', 'NaN1', 'Inf']) {
      expect([cell, isMissingCell(cell)]).toEqual([cell, false]);
    }
  });
});
