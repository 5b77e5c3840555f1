// Early termination of poor trials: asynchronous successive halving (ASHA, Li et al. 2018) as pure functions
// over the trials' recorded values, usable with any strategy, and the synchronous variant for a fixed set of arms.

/** Rungs at minEpochs·eta^k epochs, the last at maxEpochs; eta ≥ 2 is the fraction (1/eta) kept per rung. */
export interface HalvingSpec {
  minEpochs: number;
  maxEpochs: number;
  eta: number;
}

/** A halving spec that cannot work; the message names the field. */
export class HalvingSpecError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'HalvingSpecError';
  }
}

/** The epochs at the end of each rung, e.g. {1, 9, 3} → [1, 3, 9]. Throws HalvingSpecError for a bad spec. */
export function rungEpochs(spec: HalvingSpec): number[] {
  const { minEpochs, maxEpochs, eta } = spec;
  if (!Number.isInteger(minEpochs) || minEpochs < 1) throw new HalvingSpecError(`Successive halving needs a first rung of at least 1 whole epoch, not ${minEpochs}.`);
  if (!Number.isInteger(maxEpochs) || maxEpochs < minEpochs) throw new HalvingSpecError(`Successive halving needs the last rung (${maxEpochs} epochs) to be a whole number no smaller than the first (${minEpochs}).`);
  if (!Number.isInteger(eta) || eta < 2) throw new HalvingSpecError(`Successive halving keeps 1 in eta trials per rung; eta must be a whole number of at least 2, not ${eta}.`);
  const rungs: number[] = [];
  for (let epochs = minEpochs; epochs < maxEpochs; epochs *= eta) rungs.push(epochs);
  rungs.push(maxEpochs);
  return rungs;
}

/** What ASHA needs to know of a trial. Values are minimized. */
export interface HalvingTrial {
  id: number;
  /** Value reached at the end of each rung completed so far (index = rung). */
  rungValues: number[];
  /** True while the trial trains toward its next rung. */
  running: boolean;
  /** False once the trial was stopped early, failed, or finished the last rung. */
  open: boolean;
}

export type HalvingDecision =
  | { action: 'promote'; trialId: number; toRung: number; epochs: number }
  | { action: 'start-new'; epochs: number };

/**
 * ASHA's decision when a worker becomes free: from the highest rung down, promote the best trial (not running,
 * still open, not yet past that rung) whose value is among the top ⌊n/eta⌋ of the n values recorded at that rung;
 * otherwise start a new trial at rung 0. Ties go to the lower id. Pure.
 */
export function nextHalvingStep(spec: HalvingSpec, trials: readonly HalvingTrial[]): HalvingDecision {
  const rungs = rungEpochs(spec);
  for (let rung = rungs.length - 2; rung >= 0; rung--) {
    const reached = trials.filter((t) => t.rungValues.length > rung);
    const keep = Math.floor(reached.length / spec.eta);
    if (keep === 0) continue;
    const top = [...reached].sort((a, b) => a.rungValues[rung] - b.rungValues[rung] || a.id - b.id).slice(0, keep);
    const candidate = top.find((t) => t.rungValues.length === rung + 1 && t.open && !t.running);
    if (candidate) return { action: 'promote', trialId: candidate.id, toRung: rung + 1, epochs: rungs[rung + 1] };
  }
  return { action: 'start-new', epochs: rungs[0] };
}

/**
 * Synchronous successive halving over `armCount` arms: evaluate every arm at the first rung, keep the best
 * ⌈n/eta⌉ (at least 1), evaluate those at the next rung, and so on to the last. `evaluate(arm, epochs)` returns
 * a value to minimize. Returns the surviving arm and the arms evaluated at each rung.
 */
export function successiveHalving(armCount: number, spec: HalvingSpec, evaluate: (arm: number, epochs: number) => number): { survivor: number; rungs: number[][] } {
  if (!Number.isInteger(armCount) || armCount < 1) throw new HalvingSpecError(`Successive halving needs at least 1 arm, not ${armCount}.`);
  const epochs = rungEpochs(spec);
  let alive = Array.from({ length: armCount }, (_, i) => i);
  const rungs: number[][] = [];
  for (let rung = 0; rung < epochs.length; rung++) {
    rungs.push(alive);
    const scored = alive.map((arm) => ({ arm, value: evaluate(arm, epochs[rung]) })).sort((a, b) => a.value - b.value || a.arm - b.arm);
    const keep = rung === epochs.length - 1 ? 1 : Math.max(1, Math.ceil(alive.length / spec.eta));
    alive = scored.slice(0, keep).map((s) => s.arm);
  }
  return { survivor: alive[0], rungs };
}
