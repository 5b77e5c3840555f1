// languageModelMetrics against hand-computed values.
import { describe, expect, it } from 'vitest';
import { languageModelMetrics } from '../../../src/engine/metrics/language-model-metrics';

describe('languageModelMetrics', () => {
  it('turns nats per token into perplexity and bits', () => {
    // A uniform guess over 65 characters: loss ln 65, perplexity 65, bits log2 65 = 6.0224.
    const m = languageModelMetrics(Math.log(65), 1000, 1000);
    expect(m.perplexity).toBeCloseTo(65, 9);
    expect(m.bitsPerToken).toBeCloseTo(Math.log2(65), 12);
    expect(m.bitsPerCharacter).toBeCloseTo(Math.log2(65), 12);
    expect(m.notes).toEqual([]);
  });

  it('bits per character scale by tokens per character', () => {
    // 2 nats per token, 250 tokens for 1000 characters: 2 * 250 / (1000 * ln 2) = 0.7213 bits per character.
    const m = languageModelMetrics(2, 250, 1000);
    expect(m.bitsPerCharacter).toBeCloseTo(0.5 / Math.LN2, 12);
    expect(m.bitsPerToken).toBeCloseTo(2 / Math.LN2, 12);
    expect(m.lossNats).toBe(2);
  });

  it('without counts, or with an overflowing perplexity, gives null and a note (never NaN or Infinity)', () => {
    const m = languageModelMetrics(800);
    expect(m.perplexity).toBeNull();
    expect(m.bitsPerCharacter).toBeNull();
    expect(m.notes.join(' ')).toMatch(/too large to show.*needs the token and character counts/);
    expect(languageModelMetrics(0).perplexity).toBe(1);
  });

  it('rejects a diverged loss and bad counts with what to do', () => {
    expect(() => languageModelMetrics(Number.NaN)).toThrow(/training diverged, so lower the learning rate/);
    expect(() => languageModelMetrics(-1)).toThrow(/>= 0/);
    expect(() => languageModelMetrics(1, 0, 10)).toThrow(/tokens must be a positive integer/);
    expect(() => languageModelMetrics(1, 10, 2.5)).toThrow(/characters must be a positive integer/);
  });
});
