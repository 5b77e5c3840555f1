// Language-model metrics from a mean cross-entropy: perplexity and bits per token / per character.

/** What a mean next-token loss means in the units people compare. */
export interface LanguageModelMetrics {
  /** Mean cross-entropy in nats per token, as passed. */
  lossNats: number;
  /** exp(lossNats); null when it overflows a double (loss above ~709 nats), with a note. */
  perplexity: number | null;
  /** lossNats / ln 2. */
  bitsPerToken: number;
  /** Bits per character = lossNats * tokens / (characters * ln 2); null without both counts. */
  bitsPerCharacter: number | null;
  notes: string[];
}

/**
 * Perplexity and bits from a mean next-token loss in nats. `tokens` and `characters` are the counts of the
 * scored text (for a character-level model they are equal); both are needed for bits per character. Throws
 * when the loss is not a finite number >= 0 or a count is not a positive integer.
 */
export function languageModelMetrics(meanLossNats: number, tokens?: number, characters?: number): LanguageModelMetrics {
  if (!Number.isFinite(meanLossNats) || meanLossNats < 0) {
    throw new Error(`languageModelMetrics: the mean loss must be a finite number of nats >= 0, got ${meanLossNats}; a NaN or Infinity loss means training diverged, so lower the learning rate.`);
  }
  for (const [name, count] of [['tokens', tokens], ['characters', characters]] as const) {
    if (count !== undefined && (!Number.isInteger(count) || count < 1)) {
      throw new Error(`languageModelMetrics: ${name} must be a positive integer when given, got ${count}; score at least one token.`);
    }
  }
  const notes: string[] = [];
  let perplexity: number | null = Math.exp(meanLossNats);
  if (!Number.isFinite(perplexity)) {
    perplexity = null;
    notes.push(`Perplexity exp(${meanLossNats.toFixed(1)}) is too large to show; the loss in nats or bits says the same.`);
  }
  let bitsPerCharacter: number | null = null;
  if (tokens !== undefined && characters !== undefined) bitsPerCharacter = (meanLossNats * tokens) / (characters * Math.LN2);
  else notes.push('Bits per character needs the token and character counts of the scored text.');
  return { lossNats: meanLossNats, perplexity, bitsPerToken: meanLossNats / Math.LN2, bitsPerCharacter, notes };
}
