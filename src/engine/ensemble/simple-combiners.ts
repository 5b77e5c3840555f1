// Combiners with no learned state beyond weights: (weighted) probability or value averaging, and majority vote
// (classification) / median (regression). Inputs are already checked by ensemble-inputs.ts.
import type { MemberPredictions } from './ensemble-types';

type Classified = Extract<MemberPredictions, { task: 'classification' }>;
type Regressed = Extract<MemberPredictions, { task: 'regression' }>;

/**
 * Σ_m weights[m] · member m, element by element (probabilities or values alike), in float64 then stored as
 * float32. With weights summing to 1 a mixture of probability rows is again a probability row.
 */
export function mixMembers(members: MemberPredictions[], weights: readonly number[]): MemberPredictions {
  const arrays = members.map((m) => (m.task === 'classification' ? m.probs : m.values));
  const out = new Float32Array(arrays[0].length);
  for (let i = 0; i < out.length; i++) {
    let sum = 0;
    for (let m = 0; m < arrays.length; m++) sum += weights[m] * arrays[m][i];
    out[i] = sum;
  }
  const first = members[0];
  return first.task === 'classification' ? { task: 'classification', classes: first.classes, probs: out } : { task: 'regression', values: out };
}

/** Equal weights 1/M: probability averaging (classification) or the mean of the values (regression). */
export function averageMembers(members: MemberPredictions[]): MemberPredictions {
  return mixMembers(members, members.map(() => 1 / members.length));
}

/**
 * Majority vote of the members' arg-max classes. Ties between classes with the most votes go to the one with
 * the highest mean probability, then the lowest index. Returned as probabilities so every metric applies:
 * vote shares with the winner's count raised by ½ (so its row arg-max is the tie-broken winner, by a margin
 * float32 keeps), blended with ε = 1/(4(M+1)) of the mean probabilities so no class is exactly 0 and log
 * loss stays finite. ε is small enough that the blend never changes the arg-max (margin ≥ (¼ − ε/2)/(M+1)).
 */
export function voteMembers(members: Classified[]): Classified {
  const k = members[0].classes;
  const count = members.length;
  const rows = members[0].probs.length / k;
  const eps = 1 / (4 * (count + 1));
  const out = new Float32Array(rows * k);
  const votes = new Float64Array(k);
  const mass = new Float64Array(k); // summed probability per class: compared for ties, /M for the blend
  for (let r = 0; r < rows; r++) {
    votes.fill(0);
    mass.fill(0);
    for (const member of members) {
      let best = 0;
      for (let c = 0; c < k; c++) {
        const p = member.probs[r * k + c];
        mass[c] += p;
        if (p > member.probs[r * k + best]) best = c;
      }
      votes[best]++;
    }
    let winner = 0;
    for (let c = 1; c < k; c++) {
      if (votes[c] > votes[winner] || (votes[c] === votes[winner] && mass[c] > mass[winner])) winner = c;
    }
    for (let c = 0; c < k; c++) {
      const share = (votes[c] + (c === winner ? 0.5 : 0)) / (count + 0.5);
      out[r * k + c] = (1 - eps) * share + eps * (mass[c] / count);
    }
  }
  return { task: 'classification', classes: k, probs: out };
}

/** Median of the members' values per row (mean of the two middle values for an even member count). */
export function medianMembers(members: Regressed[]): Regressed {
  const rows = members[0].values.length;
  const out = new Float32Array(rows);
  const column = new Float64Array(members.length);
  const half = members.length >> 1;
  for (let r = 0; r < rows; r++) {
    members.forEach((member, m) => { column[m] = member.values[r]; });
    column.sort();
    out[r] = members.length % 2 ? column[half] : (column[half - 1] + column[half]) / 2;
  }
  return { task: 'regression', values: out };
}
