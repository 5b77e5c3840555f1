// Random variates from a seeded uniform source: normal (Box-Muller), gamma (Marsaglia-Tsang)
// and beta (ratio of gammas), for noise and mixup. Every draw comes from the given RandomSource.
import type { RandomSource } from '../random';

/** One standard normal draw (Box-Muller; uses two uniforms, discards the second normal for simplicity). */
export function sampleNormal(random: RandomSource): number {
  // 1 - u lies in (0, 1], so the logarithm is finite.
  const u = 1 - random();
  const v = random();
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
}

/**
 * One Gamma(shape, 1) draw by Marsaglia and Tsang's squeeze method (2000); for shape < 1 a
 * Gamma(shape + 1) draw is scaled by U^(1/shape). Throws RangeError unless shape > 0 and finite.
 */
export function sampleGamma(random: RandomSource, shape: number): number {
  if (!(shape > 0) || !Number.isFinite(shape)) throw new RangeError(`Gamma shape must be a positive number, got ${shape}.`);
  if (shape < 1) {
    const boost = Math.pow(1 - random(), 1 / shape);
    return sampleGamma(random, shape + 1) * boost;
  }
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = sampleNormal(random);
    const t = 1 + c * x;
    if (t <= 0) continue;
    const v = t * t * t;
    const u = 1 - random();
    // Cheap squeeze first; the logarithmic test is exact.
    if (u < 1 - 0.0331 * x ** 4) return d * v;
    if (Math.log(u) < 0.5 * x * x + d * (1 - v + Math.log(v))) return d * v;
  }
}

/**
 * One Beta(a, b) draw in [0, 1] as X / (X + Y) with X ~ Gamma(a), Y ~ Gamma(b). When both gammas
 * underflow to 0 (tiny shapes, where Beta is nearly a coin flip between 0 and 1) it returns 0 or 1 with
 * probabilities b/(a+b) and a/(a+b). Throws RangeError unless a, b > 0.
 */
export function sampleBeta(random: RandomSource, a: number, b: number): number {
  const x = sampleGamma(random, a);
  const y = sampleGamma(random, b);
  if (x + y === 0) return random() < a / (a + b) ? 1 : 0;
  return x / (x + y);
}
