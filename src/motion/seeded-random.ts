/**
 * Deterministic randomness. The state is one 32-bit integer held in a plain
 * object, so it is carried across chunks (and could be saved) like any other
 * motion state, and the same seed always gives the same motion.
 *
 * Each subsystem (head, blinks, gaze, breathing) draws from its own stream,
 * derived from the user's seed, so changing how often one of them draws
 * does not reshuffle the others.
 */

export interface RandomState {
  s: number;
}

/** Mixes a seed and a stream name into a well-spread starting state (splitmix-style finaliser). */
export function randomStream(seed: number, stream: string): RandomState {
  let h = (Math.floor(seed) ^ 0x9e3779b9) >>> 0;
  for (let i = 0; i < stream.length; i++) h = Math.imul(h ^ stream.charCodeAt(i), 0x85ebca6b) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return { s: h >>> 0 };
}

/** Uniform in [0, 1). mulberry32: tiny, fast, and good enough for animation. */
export function uniform(r: RandomState): number {
  r.s = (r.s + 0x6d2b79f5) >>> 0;
  let t = r.s;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}

/** Standard normal, by Box-Muller (one value per call; simplicity over speed). */
export function gaussian(r: RandomState): number {
  const u = Math.max(1e-12, uniform(r));
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * uniform(r));
}

export function between(r: RandomState, lo: number, hi: number): number {
  return lo + (hi - lo) * uniform(r);
}
