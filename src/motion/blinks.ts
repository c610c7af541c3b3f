/**
 * Blinks with human statistics. Spontaneous blinks come at irregular
 * intervals (a gamma-like distribution, mean 60/rate seconds, never closer than
 * 0.8 s); speakers also blink at the ends of phrases (Nakano & Kitazawa 2010
 * found blinks cluster at pause boundaries), so a pause onset triggers a blink
 * with probability 0.5 when the eyes have been open for a second. 5% of blinks
 * are doubles.
 *
 * One blink: 90 ms closing (eased in), 40 ms closed, 170 ms reopening
 * (eased out): lids close faster than they open (Evinger et al. 1991).
 */
import { HOPS_PER_SECOND } from './audio-features.ts';
import { uniform, type RandomState } from './seeded-random.ts';

const DT = 1 / HOPS_PER_SECOND;
const CLOSE_S = 0.09;
const HOLD_S = 0.04;
const OPEN_S = 0.17;
export const BLINK_SECONDS = CLOSE_S + HOLD_S + OPEN_S;
const MIN_INTERVAL_S = 0.8;
const PAUSE_BLINK_CHANCE = 0.5;
const DOUBLE_CHANCE = 0.05;

export interface BlinkState {
  rng: RandomState;
  /** Seconds since the current or last blink started. */
  since: number;
  /** Seconds until the next spontaneous blink. */
  until: number;
}

export function blinkState(rng: RandomState, ratePerMinute: number): BlinkState {
  // The first blink comes early-ish but not at t = 0, which would look like a glitch.
  return { rng, since: 10, until: 0.5 + uniform(rng) * (60 / ratePerMinute) };
}

/** Advances one hop; returns the lid closure (0 open … 1 shut) and whether a blink started. */
export function stepBlink(s: BlinkState, ratePerMinute: number, pauseOnset: boolean): { lid: number; started: boolean } {
  s.since += DT;
  s.until -= DT;
  let started = false;
  const pauseBlink = pauseOnset && s.since > 1 && uniform(s.rng) < PAUSE_BLINK_CHANCE;
  if ((s.until <= 0 && s.since >= MIN_INTERVAL_S) || pauseBlink) {
    started = true;
    s.since = 0;
    s.until = uniform(s.rng) < DOUBLE_CHANCE ? BLINK_SECONDS + 0.08 : nextInterval(s.rng, ratePerMinute);
  }
  return { lid: lidAt(s.since), started };
}

/** Gamma(shape 3) intervals: the shape of measured inter-blink histograms (peaked, long right tail). */
function nextInterval(rng: RandomState, ratePerMinute: number): number {
  const mean = 60 / ratePerMinute;
  let g = 0;
  for (let i = 0; i < 3; i++) g -= Math.log(Math.max(1e-12, uniform(rng)));
  return Math.max(MIN_INTERVAL_S, (g / 3) * mean);
}

function lidAt(t: number): number {
  if (t < 0 || t >= BLINK_SECONDS) return 0;
  if (t < CLOSE_S) {
    const u = t / CLOSE_S;
    return u * u;
  }
  if (t < CLOSE_S + HOLD_S) return 1;
  const u = (t - CLOSE_S - HOLD_S) / OPEN_S;
  return 1 - u * (2 - u);
}
