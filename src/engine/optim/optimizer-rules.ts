// The per-variable update formulas of every optimizer kind, as tfjs ops, and the slot layout each needs.
// engine-optimizer.ts owns the slot variables, the step counter and the state; this file only does math.
import * as tf from '@tensorflow/tfjs';
import type { ResolvedOptimizerSpec } from './optimizer-spec';

/** One per-variable slot (moment, accumulator): its name suffix and the value it starts at. */
export interface SlotLayout {
  name: string;
  initial: number;
}

/** The slots each variable needs under `spec`, in the order the rules and the saved state use them. */
export function slotLayout(spec: ResolvedOptimizerSpec): SlotLayout[] {
  switch (spec.kind) {
    case 'sgd':
      return [];
    case 'momentum':
    case 'nesterov':
      return [{ name: 'velocity', initial: 0 }];
    case 'adam':
    case 'adamw':
      return [{ name: 'm', initial: 0 }, { name: 'v', initial: 0 }];
    case 'rmsprop':
      // The momentum buffer only exists when momentum is used, so plain RMSprop stores one slot.
      return spec.momentum > 0 ? [{ name: 'rms', initial: 0 }, { name: 'momentum', initial: 0 }] : [{ name: 'rms', initial: 0 }];
    case 'adagrad':
      return [{ name: 'accumulator', initial: spec.initialAccumulator }];
  }
}

/**
 * Updates one variable `w` and its `slots` in place from gradient `g` at learning rate `lr`;
 * `t` is the 1-based number of this update (Adam's bias correction). Call inside tf.tidy: the
 * intermediate tensors are left to it. Every replica calling this with the same inputs gets the same result.
 *
 * Formulas (g gradient, lr learning rate of this step):
 * - sgd:       w -= lr·g
 * - momentum:  v = μ·v + g;  w -= lr·v            (the tfjs / PyTorch form: lr applies at the update,
 * - nesterov:  v = μ·v + g;  w -= lr·(g + μ·v)     so a schedule changing lr rescales the whole velocity)
 * - adam:      m = β1·m + (1-β1)·g;  v = β2·v + (1-β2)·g²;  w -= lr·m̂/(√v̂ + ε),  m̂ = m/(1-β1^t), v̂ = v/(1-β2^t)
 *              (Kingma & Ba 2015, Algorithm 1, as tfjs; Keras folds the correction into lr, equal up to ε placement)
 * - adamw:     Adam's step plus w -= lr·λ·w on the weights before this step. This is Loshchilov & Hutter
 *              (2019) Algorithm 2 with the schedule multiplier η_t folded into lr: the decay IS scaled by the
 *              learning rate (as PyTorch's and Keras' AdamW), so decay follows the schedule and stops with it.
 * - rmsprop:   s = ρ·s + (1-ρ)·g²;  d = lr·g/(√s + ε);  with momentum μ>0: b = μ·b + d, w -= b;  else w -= d.
 *              ε is added outside the square root (Keras, PyTorch); tfjs adds it inside.
 * - adagrad:   a = a + g²;  w -= lr·g/(√a + ε)  (ε outside the root as Keras; tfjs adds it inside).
 */
export function applyUpdateRule(spec: ResolvedOptimizerSpec, w: tf.Variable, g: tf.Tensor, slots: tf.Variable[], lr: number, t: number): void {
  switch (spec.kind) {
    case 'sgd':
      w.assign(tf.sub(w, tf.mul(g, lr)));
      return;
    case 'momentum':
    case 'nesterov': {
      const [velocity] = slots;
      const v = tf.add(tf.mul(velocity, spec.momentum), g);
      velocity.assign(v);
      const direction = spec.kind === 'nesterov' ? tf.add(g, tf.mul(v, spec.momentum)) : v;
      w.assign(tf.sub(w, tf.mul(direction, lr)));
      return;
    }
    case 'adam':
    case 'adamw': {
      const [mSlot, vSlot] = slots;
      const m = tf.add(tf.mul(mSlot, spec.beta1), tf.mul(g, 1 - spec.beta1));
      const v = tf.add(tf.mul(vSlot, spec.beta2), tf.mul(tf.square(g), 1 - spec.beta2));
      mSlot.assign(m);
      vSlot.assign(v);
      // Bias corrections in float64 on the CPU (no accumulated-power variable to drift or save).
      const mHat = tf.div(m, 1 - Math.pow(spec.beta1, t));
      const vHat = tf.div(v, 1 - Math.pow(spec.beta2, t));
      const adamStep = tf.mul(tf.div(mHat, tf.add(tf.sqrt(vHat), spec.epsilon)), lr);
      const decayed = spec.kind === 'adamw' && spec.weightDecay > 0 ? tf.sub(w, tf.mul(w, lr * spec.weightDecay)) : w;
      w.assign(tf.sub(decayed, adamStep));
      return;
    }
    case 'rmsprop': {
      const [rms, momentum] = slots;
      const s = tf.add(tf.mul(rms, spec.rho), tf.mul(tf.square(g), 1 - spec.rho));
      rms.assign(s);
      let delta = tf.div(tf.mul(g, lr), tf.add(tf.sqrt(s), spec.epsilon));
      if (momentum) {
        delta = tf.add(tf.mul(momentum, spec.momentum), delta);
        momentum.assign(delta);
      }
      w.assign(tf.sub(w, delta));
      return;
    }
    case 'adagrad': {
      const [accumulator] = slots;
      const a = tf.add(accumulator, tf.square(g));
      accumulator.assign(a);
      w.assign(tf.sub(w, tf.div(tf.mul(g, lr), tf.add(tf.sqrt(a), spec.epsilon))));
      return;
    }
  }
}
