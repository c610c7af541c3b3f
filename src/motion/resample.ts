/**
 * Streaming downmix and resampling to the analysis rate.
 *
 * Every output sample is a windowed-sinc sum over a fixed set of input
 * samples, computed from its absolute index alone, so the output is
 * bit-identical however the input is split into blocks. That property is what
 * lets chunked synthesis promise chunk-size invariance.
 */

/** Averages channels. Surround LFE is averaged in too: it carries no articulation, and a mean keeps levels comparable. */
export function downmix(channels: Float32Array[]): Float32Array {
  const first = channels[0];
  if (!first) return new Float32Array(0);
  if (channels.length === 1) return first;
  const out = new Float32Array(first.length);
  const gain = 1 / channels.length;
  for (const ch of channels) for (let i = 0; i < out.length; i++) out[i]! += ch[i]! * gain;
  return out;
}

// Kernel: Kaiser-windowed sinc over ±ZEROS zero crossings (at the output rate
// when downsampling). 16 crossings and beta 8 give > 70 dB stop-band, far more
// than features computed on 25 ms frames can notice; the pass band ends at 90%
// of the lower Nyquist so nothing folds back.
const ZEROS = 16;
const PASS = 0.9;
const BETA = 8;
const TABLE_STEPS = 512; // table points per zero crossing; linear interpolation between them

const kernelTable = buildKernelTable();

function buildKernelTable(): Float64Array {
  const n = ZEROS * TABLE_STEPS;
  const t = new Float64Array(n + 2);
  const i0Beta = besselI0(BETA);
  for (let i = 0; i <= n; i++) {
    const u = i / TABLE_STEPS;
    const r = u / ZEROS;
    const sinc = u === 0 ? 1 : Math.sin(Math.PI * PASS * u) / (Math.PI * PASS * u);
    t[i] = PASS * sinc * (besselI0(BETA * Math.sqrt(Math.max(0, 1 - r * r))) / i0Beta);
  }
  return t; // t[n + 1] stays 0 so interpolation at the edge is safe
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) * (x / (2 * k));
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

function kernel(u: number): number {
  const a = Math.abs(u) * TABLE_STEPS;
  const i = Math.floor(a);
  if (i >= ZEROS * TABLE_STEPS) return 0;
  const f = a - i;
  return kernelTable[i]! * (1 - f) + kernelTable[i + 1]! * f;
}

export class StreamingResampler {
  private readonly scale: number;
  private readonly halfWidth: number; // input samples either side of an output's centre
  private buf = new Float32Array(4096);
  private bufLen = 0;
  private bufStart = 0; // absolute input index of buf[0]
  private inputCount = 0;
  private outIndex = 0;

  constructor(readonly inRate: number, readonly outRate: number) {
    this.scale = Math.min(1, outRate / inRate);
    this.halfWidth = Math.ceil(ZEROS / this.scale);
  }

  /** Feeds mono input; returns the output samples that became computable. */
  push(input: Float32Array): Float32Array {
    if (this.inRate === this.outRate) {
      this.inputCount += input.length;
      return input.slice();
    }
    this.append(input);
    return this.drain(false);
  }

  /** Ends the stream: the input is taken to be followed by silence. */
  flush(): Float32Array {
    if (this.inRate === this.outRate) return new Float32Array(0);
    return this.drain(true);
  }

  private append(input: Float32Array): void {
    if (this.bufLen + input.length > this.buf.length) {
      const next = new Float32Array(Math.max(this.buf.length * 2, this.bufLen + input.length));
      next.set(this.buf.subarray(0, this.bufLen));
      this.buf = next;
    }
    this.buf.set(input, this.bufLen);
    this.bufLen += input.length;
    this.inputCount += input.length;
  }

  private drain(final: boolean): Float32Array {
    const out: number[] = [];
    const available = this.bufStart + this.bufLen; // absolute index one past the last input
    const total = final ? Math.ceil((this.inputCount * this.outRate) / this.inRate) : Infinity;
    for (;;) {
      if (this.outIndex >= total) break;
      // Exact rational position, so rounding is the same whatever the block split.
      const num = this.outIndex * this.inRate;
      const centre = Math.floor(num / this.outRate);
      const frac = (num - centre * this.outRate) / this.outRate;
      const last = centre + this.halfWidth;
      if (!final && last >= available) break;
      let acc = 0;
      for (let j = centre - this.halfWidth + 1; j <= last; j++) {
        const k = j - this.bufStart;
        if (j < 0 || k >= this.bufLen) continue; // before the start or after the end: silence
        acc += this.buf[k]! * kernel(this.scale * (j - centre - frac));
      }
      out.push(acc * this.scale);
      this.outIndex++;
    }
    this.discardBefore(Math.floor((this.outIndex * this.inRate) / this.outRate) - this.halfWidth);
    return Float32Array.from(out);
  }

  private discardBefore(absolute: number): void {
    const drop = Math.min(this.bufLen, absolute - this.bufStart);
    if (drop <= 0) return;
    this.buf.copyWithin(0, drop, this.bufLen);
    this.bufLen -= drop;
    this.bufStart += drop;
  }
}
