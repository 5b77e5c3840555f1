// Seeded synthetic CSV tables for the browser tests (made in code, nothing downloaded).
import { createRandom } from '../../src/engine/random';

/**
 * Three well-separated classes in two numeric features plus a categorical one, a numeric
 * `size` column for regression, and `missingTargets` rows whose class is empty.
 */
export function classificationCsv(rows = 240, missingTargets = 3, seed = 7): string {
  const next = createRandom(seed);
  const classes = ['alpha', 'beta', 'gamma'];
  const colours = ['red', 'green', 'blue'];
  const lines = ['x1,x2,colour,size,kind'];
  for (let i = 0; i < rows; i += 1) {
    const k = i % 3;
    const x1 = (k * 3 + (next() - 0.5) * 1.5).toFixed(3);
    const x2 = ((2 - k) * 2 + (next() - 0.5) * 1.5).toFixed(3);
    const colour = next() < 0.8 ? colours[k] : colours[Math.floor(next() * 3)];
    const size = (10 + 5 * Number(x1) - 2 * Number(x2) + (next() - 0.5)).toFixed(2);
    const label = i < missingTargets ? '' : classes[k];
    lines.push(`${x1},${x2},${colour},${size},${label}`);
  }
  return `${lines.join('\n')}\n`;
}
