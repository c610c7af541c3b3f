/**
 * The One-Euro filter (Casiez, Roussel & Vogel, CHI 2012): a low-pass filter
 * whose cutoff rises with speed, so a still face does not jitter and a moving
 * one does not lag. One instance filters a whole vector (e.g. 468 × 3
 * landmark coordinates) with shared parameters.
 */

export interface OneEuroParams {
  /** Hz at rest: lower removes more jitter. */
  minCutoff: number;
  /** How fast the cutoff rises with speed (per unit/s): higher lags less in fast motion. */
  beta: number;
  /** Hz for the speed estimate itself. */
  derivativeCutoff: number;
}

/**
 * Defaults for landmarks in photo pixels at video rates, tuned by eye on
 * webcam-like motion: 1 Hz keeps a resting face steady to a fraction of a
 * pixel; beta 0.007 lets a head turning at ~300 px/s through.
 */
export const LANDMARK_SMOOTHING: OneEuroParams = { minCutoff: 1, beta: 0.007, derivativeCutoff: 1 };

function alpha(cutoffHz: number, dtSeconds: number): number {
  const tau = 1 / (2 * Math.PI * cutoffHz);
  return 1 / (1 + tau / dtSeconds);
}

export class OneEuroFilter {
  private value: Float32Array | undefined;
  private speed: Float32Array | undefined;
  private lastMs = 0;

  constructor(private readonly params: OneEuroParams = LANDMARK_SMOOTHING) {}

  /** Returns a new filtered vector; the first call (or one after reset) passes through. */
  filter(x: Float32Array, timestampMs: number): Float32Array {
    if (!this.value || !this.speed || this.value.length !== x.length || timestampMs <= this.lastMs) {
      this.value = Float32Array.from(x);
      this.speed = new Float32Array(x.length);
      this.lastMs = timestampMs;
      return Float32Array.from(x);
    }
    const dt = (timestampMs - this.lastMs) / 1000;
    this.lastMs = timestampMs;
    const aD = alpha(this.params.derivativeCutoff, dt);
    const out = new Float32Array(x.length);
    for (let i = 0; i < x.length; i++) {
      const prev = this.value[i]!;
      const d = this.speed[i]! + aD * ((x[i]! - prev) / dt - this.speed[i]!);
      this.speed[i] = d;
      const a = alpha(this.params.minCutoff + this.params.beta * Math.abs(d), dt);
      out[i] = prev + a * (x[i]! - prev);
    }
    this.value.set(out);
    return out;
  }

  reset(): void {
    this.value = undefined;
    this.speed = undefined;
  }
}
