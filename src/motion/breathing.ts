/**
 * Breathing: a slow cycle at rest (about 15 breaths a minute), and in speech
 * the pattern speakers use: a long exhalation while talking, a quick inhale at
 * a pause (speech inhalations take 0.3–0.6 s; Winkworth et al. 1995).
 */
import { HOPS_PER_SECOND } from './audio-features.ts';
import { between, type RandomState } from './seeded-random.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';

const DT = 1 / HOPS_PER_SECOND;
const INHALE_S = 0.45;

export interface BreathState {
  rng: RandomState;
  level: Spring;
  /** Phase of the resting cycle in [0, 1), and its current period in seconds. */
  phase: number;
  period: number;
  /** Seconds left of a speech inhale. */
  inhale: number;
}

export function breathState(rng: RandomState): BreathState {
  return { rng, level: spring(0.3), phase: between(rng, 0, 1), period: between(rng, 3.5, 4.5), inhale: 0 };
}

/** Returns the chest rise in [0, 1]. */
export function stepBreath(s: BreathState, speech: number, pauseOnset: boolean): number {
  if (pauseOnset) s.inhale = INHALE_S;
  let target: number;
  if (s.inhale > 0) {
    s.inhale -= DT;
    target = 1;
  } else {
    s.phase += DT / s.period;
    if (s.phase >= 1) {
      s.phase -= 1;
      s.period = between(s.rng, 3.5, 4.8);
    }
    const rest = 0.5 - 0.5 * Math.cos(2 * Math.PI * s.phase);
    // While speaking the lungs empty slowly towards a low level.
    target = rest * (1 - speech) + 0.15 * speech;
  }
  return stepSpring(s.level, target, omegaFor(s.inhale > 0 ? INHALE_S : 1.2), DT);
}
