/**
 * Per-hop audio features at the analysis rate (16 kHz, 10 ms hops), computed
 * as a stream: samples in, one `FeatureFrame` per hop out.
 *
 * Frame n describes the audio centred on n × 10 ms. The spectrum uses a 25 ms
 * window (short enough to see a 40 ms lip closure), pitch a 40 ms window
 * (two periods of a low male voice at 50 Hz would need more; 60 Hz is the
 * floor we track). The stream is zero-padded before the start and after the
 * end, so frame n's value depends only on samples, never on how they arrived.
 */
import { fft } from './fft.ts';

export const ANALYSIS_RATE = 16000;
export const HOP = 160; // samples: 10 ms, 100 frames per second
export const HOPS_PER_SECOND = ANALYSIS_RATE / HOP;
const SPEC_WIN = 400; // 25 ms
const SPEC_FFT = 512;
const PITCH_WIN = 640; // 40 ms
const PITCH_FFT = 1024; // ≥ 2 × PITCH_WIN - 1 would be exact; lags we use are < 384, so 1024 has no wrap-around
const HALF_SPAN = PITCH_WIN / 2; // the widest window reaches this far either side of a frame centre
const MIN_PITCH = 60;
const MAX_PITCH = 1000; // sung notes go well above speech
const MIN_LAG = Math.floor(ANALYSIS_RATE / MAX_PITCH);
const MAX_LAG = Math.ceil(ANALYSIS_RATE / MIN_PITCH);
const MEL_BANDS = 26;
const MFCC_COUNT = 13;
const DB_FLOOR = -120;

export interface FeatureFrame {
  index: number;
  /** Seconds, the centre of the analysis windows. */
  time: number;
  /** Level of the 25 ms window in dBFS (a full-scale sine reads -3). */
  energyDb: number;
  /** Band levels in dBFS. The bands follow what the lips and jaw do to the spectrum:
   * low 80–400 Hz (voicing, nasal murmur), f1 400–1100 Hz (first formant of open vowels),
   * mid 1100–2800 Hz (second formant), high 2800–5000 Hz, fric 5000–8000 Hz (frication). */
  lowDb: number;
  f1Db: number;
  midDb: number;
  highDb: number;
  fricDb: number;
  /** Power-weighted centroids standing in for the first two formants, in Hz. */
  f1Hz: number;
  f2Hz: number;
  /** Spectral centroid (Hz) and flatness (0 tonal … 1 white noise) over 100–8000 Hz. */
  centroidHz: number;
  flatness: number;
  /** Fundamental frequency in Hz, 0 when unvoiced; voicing is the normalised autocorrelation peak. */
  pitchHz: number;
  voicing: number;
  /** 13 mel-frequency cepstral coefficients (c0 included), from 26 bands over 80–7600 Hz. */
  mfcc: Float32Array;
}

const specWindow = hann(SPEC_WIN);
const pitchWindow = hann(PITCH_WIN);
const specWindowPower = specWindow.reduce((a, w) => a + w * w, 0);
const pitchWindowAcf = windowAutocorrelation(pitchWindow);
const binHz = ANALYSIS_RATE / SPEC_FFT;
const melBank = melFilterBank();

export class FeatureExtractor {
  // Samples from absolute index `bufStart` on; we keep HALF_SPAN behind the next frame's centre.
  private buf = new Float32Array(ANALYSIS_RATE);
  private bufLen = 0;
  private bufStart = -HALF_SPAN;
  private total = 0;
  private next = 0;
  private readonly specRe = new Float64Array(SPEC_FFT);
  private readonly specIm = new Float64Array(SPEC_FFT);
  private readonly power = new Float64Array(SPEC_FFT / 2 + 1);
  private readonly acRe = new Float64Array(PITCH_FFT);
  private readonly acIm = new Float64Array(PITCH_FFT);
  private readonly nacf = new Float64Array(MAX_LAG + 2);

  constructor() {
    // Zero history before the first sample.
    this.bufLen = HALF_SPAN;
  }

  /** Feeds analysis-rate samples; returns the frames whose windows are now complete. */
  push(samples: Float32Array): FeatureFrame[] {
    this.append(samples);
    this.total += samples.length;
    return this.drain(Infinity);
  }

  /** Ends the stream; the frames up to the last sample are returned (the tail is zero-padded). */
  flush(): FeatureFrame[] {
    const frames = Math.ceil(this.total / HOP);
    this.append(new Float32Array(HALF_SPAN + HOP));
    return this.drain(frames);
  }

  private append(samples: Float32Array): void {
    if (this.bufLen + samples.length > this.buf.length) {
      const grown = new Float32Array(Math.max(this.buf.length * 2, this.bufLen + samples.length));
      grown.set(this.buf.subarray(0, this.bufLen));
      this.buf = grown;
    }
    this.buf.set(samples, this.bufLen);
    this.bufLen += samples.length;
  }

  private drain(limit: number): FeatureFrame[] {
    const out: FeatureFrame[] = [];
    while (this.next < limit && this.next * HOP + HALF_SPAN <= this.bufStart + this.bufLen) {
      out.push(this.analyse(this.next, this.next * HOP - this.bufStart));
      this.next++;
    }
    const keepFrom = this.next * HOP - HALF_SPAN - this.bufStart;
    if (keepFrom > 0) {
      this.buf.copyWithin(0, keepFrom, this.bufLen);
      this.bufLen -= keepFrom;
      this.bufStart += keepFrom;
    }
    return out;
  }

  private analyse(index: number, centre: number): FeatureFrame {
    const spectrum = this.spectrum(centre);
    const pitch = this.pitch(centre);
    return { index, time: index / HOPS_PER_SECOND, ...spectrum, ...pitch };
  }

  private spectrum(centre: number) {
    const { specRe: re, specIm: im, power, buf } = this;
    re.fill(0);
    im.fill(0);
    const from = centre - SPEC_WIN / 2;
    for (let i = 0; i < SPEC_WIN; i++) re[i] = buf[from + i]! * specWindow[i]!;
    fft(re, im);
    // One-sided power, scaled so a window of constant-power signal reads its mean square.
    for (let k = 0; k <= SPEC_FFT / 2; k++) {
      const edge = k === 0 || k === SPEC_FFT / 2 ? 1 : 2;
      power[k] = (edge * (re[k]! * re[k]! + im[k]! * im[k]!)) / (SPEC_FFT * specWindowPower);
    }
    let total = 0;
    let weighted = 0;
    let logSum = 0;
    let count = 0;
    for (let k = bin(100); k <= SPEC_FFT / 2; k++) {
      const p = power[k]!;
      total += p;
      weighted += p * k * binHz;
      logSum += Math.log(p + 1e-20);
      count++;
    }
    const mean = total / count;
    const mel = new Float64Array(MEL_BANDS);
    for (let b = 0; b < MEL_BANDS; b++) {
      let e = 0;
      for (const [k, w] of melBank[b]!) e += power[k]! * w;
      mel[b] = Math.log(e + 1e-10);
    }
    return {
      energyDb: db(bandPower(power, 0, 8000)),
      lowDb: db(bandPower(power, 80, 400)),
      f1Db: db(bandPower(power, 400, 1100)),
      midDb: db(bandPower(power, 1100, 2800)),
      highDb: db(bandPower(power, 2800, 5000)),
      fricDb: db(bandPower(power, 5000, 8000)),
      f1Hz: centroid(power, 200, 1100),
      f2Hz: centroid(power, 1000, 3000),
      centroidHz: total > 0 ? weighted / total : 0,
      flatness: mean > 0 ? Math.exp(logSum / count) / mean : 0,
      mfcc: dct(mel),
    };
  }

  private pitch(centre: number): { pitchHz: number; voicing: number } {
    const { acRe: re, acIm: im, buf } = this;
    re.fill(0);
    im.fill(0);
    const from = centre - PITCH_WIN / 2;
    for (let i = 0; i < PITCH_WIN; i++) re[i] = buf[from + i]! * pitchWindow[i]!;
    fft(re, im);
    for (let k = 0; k < PITCH_FFT; k++) {
      re[k] = re[k]! * re[k]! + im[k]! * im[k]!;
      im[k] = 0;
    }
    fft(re, im, true);
    const r0 = re[0]!;
    if (r0 < 1e-9) return { pitchHz: 0, voicing: 0 };
    // Normalised by the window's own autocorrelation, so a periodic signal peaks near 1 at its period.
    const nacf = this.nacf;
    let best = 0;
    for (let lag = MIN_LAG - 1; lag <= MAX_LAG + 1; lag++) {
      const v = re[lag]! / r0 / pitchWindowAcf[lag]!;
      nacf[lag] = v;
      if (lag > MIN_LAG && lag < MAX_LAG && v > best) best = v;
    }
    // The first peak close to the best one, so an octave below never wins on a tie.
    for (let lag = MIN_LAG + 1; lag < MAX_LAG; lag++) {
      const v = nacf[lag]!;
      const a = nacf[lag - 1]!;
      const c = nacf[lag + 1]!;
      if (v >= 0.9 * best && v >= a && v >= c) {
        const shift = (a - c) / (2 * (a - 2 * v + c) || 1);
        const voicing = Math.min(1, v);
        return { pitchHz: voicing > 0.45 ? ANALYSIS_RATE / (lag + Math.max(-0.5, Math.min(0.5, shift))) : 0, voicing };
      }
    }
    return { pitchHz: 0, voicing: 0 };
  }
}

function bin(hz: number): number {
  return Math.round(hz / binHz);
}

function bandPower(power: Float64Array, lo: number, hi: number): number {
  let s = 0;
  for (let k = Math.max(0, bin(lo)); k <= Math.min(SPEC_FFT / 2, bin(hi) - 1); k++) s += power[k]!;
  return s;
}

function centroid(power: Float64Array, lo: number, hi: number): number {
  let s = 0;
  let w = 0;
  for (let k = bin(lo); k < bin(hi); k++) {
    s += power[k]!;
    w += power[k]! * k * binHz;
  }
  return s > 0 ? w / s : (lo + hi) / 2;
}

function db(p: number): number {
  return p > 0 ? Math.max(DB_FLOOR, 10 * Math.log10(p)) : DB_FLOOR;
}

function hann(n: number): Float64Array {
  const w = new Float64Array(n);
  for (let i = 0; i < n; i++) w[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
  return w;
}

function windowAutocorrelation(w: Float64Array): Float64Array {
  const r = new Float64Array(w.length);
  let r0 = 0;
  for (let i = 0; i < w.length; i++) r0 += w[i]! * w[i]!;
  for (let lag = 0; lag < w.length; lag++) {
    let s = 0;
    for (let i = 0; i + lag < w.length; i++) s += w[i]! * w[i + lag]!;
    r[lag] = Math.max(1e-6, s / r0);
  }
  return r;
}

function melFilterBank(): Array<Array<[number, number]>> {
  const mel = (hz: number) => 2595 * Math.log10(1 + hz / 700);
  const hz = (m: number) => 700 * (10 ** (m / 2595) - 1);
  const lo = mel(80);
  const hi = mel(7600);
  const edges = Array.from({ length: MEL_BANDS + 2 }, (_, i) => hz(lo + ((hi - lo) * i) / (MEL_BANDS + 1)));
  return Array.from({ length: MEL_BANDS }, (_, b) => {
    const [l, c, r] = [edges[b]!, edges[b + 1]!, edges[b + 2]!];
    const taps: Array<[number, number]> = [];
    for (let k = 0; k <= SPEC_FFT / 2; k++) {
      const f = k * binHz;
      const w = f <= l || f >= r ? 0 : f <= c ? (f - l) / (c - l) : (r - f) / (r - c);
      if (w > 0) taps.push([k, w]);
    }
    return taps;
  });
}

const dctTable = Float64Array.from({ length: MFCC_COUNT * MEL_BANDS }, (_, i) => {
  const c = Math.floor(i / MEL_BANDS);
  const b = i % MEL_BANDS;
  return Math.cos((Math.PI * c * (b + 0.5)) / MEL_BANDS) * Math.sqrt(2 / MEL_BANDS);
});

function dct(logMel: Float64Array): Float32Array {
  const out = new Float32Array(MFCC_COUNT);
  for (let c = 0; c < MFCC_COUNT; c++) {
    let s = 0;
    for (let b = 0; b < MEL_BANDS; b++) s += logMel[b]! * dctTable[c * MEL_BANDS + b]!;
    out[c] = s;
  }
  return out;
}

/** A hop of digital silence, used to run the lookahead past the end of the audio. */
export function silentFeature(index: number): FeatureFrame {
  return {
    index, time: index / HOPS_PER_SECOND, energyDb: DB_FLOOR, lowDb: DB_FLOOR, f1Db: DB_FLOOR, midDb: DB_FLOOR,
    highDb: DB_FLOOR, fricDb: DB_FLOOR, f1Hz: 650, f2Hz: 2000, centroidHz: 0, flatness: 0, pitchHz: 0, voicing: 0,
    mfcc: new Float32Array(MFCC_COUNT),
  };
}
