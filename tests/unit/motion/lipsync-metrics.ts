/**
 * Lip-sync measures shared by the tests and by the figures in the report.
 * Ground truth is festival's phone timing (tests/fixtures/speech/*.json).
 */
import type { MotionFrame } from '../../../src/contracts/motion.ts';

export interface Phone {
  phone: string;
  start: number;
  end: number;
}

export const BILABIALS = new Set(['p', 'b', 'm', 'em']);
export const OPEN_VOWELS = new Set(['aa', 'ae', 'ah', 'ao', 'aw', 'ay']);

/** Lip gap in blendshape units: ARKit mouthClose cancels jawOpen at the lips. */
export function lipGap(f: MotionFrame): number {
  return (f.blendshapes.jawOpen ?? 0) - (f.blendshapes.mouthClose ?? 0);
}

/** Below this gap the lips count as closed: 5% of the full jawOpen range, under a millimetre on a face. */
export const CLOSED_GAP = 0.05;

/** Adjacent bilabials ("Bob bought") are one closure, as a speaker makes them. */
export function bilabialEvents(phones: Phone[]): Array<{ start: number; end: number; phones: string }> {
  const events: Array<{ start: number; end: number; phones: string }> = [];
  for (const p of phones) {
    if (!BILABIALS.has(p.phone)) continue;
    const last = events[events.length - 1];
    if (last && Math.abs(last.end - p.start) < 1e-6) {
      last.end = p.end;
      last.phones += p.phone;
    } else events.push({ start: p.start, end: p.end, phones: p.phone });
  }
  return events;
}

/** Fraction of bilabial events with a closed-lip frame within ±1 frame of the phone. */
export function bilabialRecall(frames: MotionFrame[], fps: number, phones: Phone[], gap = lipGap): { hit: number; total: number } {
  const events = bilabialEvents(phones);
  let hit = 0;
  for (const e of events) {
    const from = Math.floor(e.start * fps) - 1;
    const to = Math.ceil(e.end * fps) + 1;
    let closed = false;
    for (let i = Math.max(0, from); i <= Math.min(frames.length - 1, to); i++) if (gap(frames[i]!) < CLOSED_GAP) closed = true;
    if (closed) hit++;
  }
  return { hit, total: events.length };
}

/**
 * Closures inside speech that are not near a bilabial (within one frame): runs of closed frames
 * whose span overlaps no p/b/m and no pause. Returned with the phones they fall on.
 */
export function spuriousClosures(frames: MotionFrame[], fps: number, phones: Phone[], gap = lipGap): string[] {
  const out: string[] = [];
  const phoneAt = (t: number) => phones.find((p) => t >= p.start && t < p.end)?.phone ?? 'pau';
  let i = 0;
  while (i < frames.length) {
    if (gap(frames[i]!) >= CLOSED_GAP) { i++; continue; }
    let j = i;
    while (j + 1 < frames.length && gap(frames[j + 1]!) < CLOSED_GAP) j++;
    const near = new Set<string>();
    for (let k = i - 1; k <= j + 1; k++) near.add(phoneAt(k / fps));
    const explained = [...near].some((p) => BILABIALS.has(p) || p === 'pau');
    if (!explained) out.push([...near].join('/'));
    i = j + 1;
  }
  return out;
}

/** Mean of `value` over frames that fall in phones of a set. */
export function meanOver(frames: MotionFrame[], fps: number, phones: Phone[], set: Set<string>, value: (f: MotionFrame) => number): number {
  let s = 0;
  let n = 0;
  frames.forEach((f, i) => {
    const t = i / fps;
    const p = phones.find((q) => t >= q.start && t < q.end);
    if (p && set.has(p.phone)) { s += value(f); n++; }
  });
  return n ? s / n : NaN;
}

/** RMS envelope of mono samples at the frame rate (40 ms windows centred on the frames). */
export function rmsEnvelope(samples: Float32Array, rate: number, fps: number, frames: number): Float64Array {
  const env = new Float64Array(frames);
  const half = Math.round(rate / fps / 2);
  for (let i = 0; i < frames; i++) {
    const c = Math.round((i / fps) * rate);
    let s = 0;
    let n = 0;
    for (let k = Math.max(0, c - half); k < Math.min(samples.length, c + half); k++) { s += samples[k]! * samples[k]!; n++; }
    env[i] = n ? Math.sqrt(s / n) : 0;
  }
  return env;
}

export function pearson(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.min(a.length, b.length);
  let ma = 0, mb = 0;
  for (let i = 0; i < n; i++) { ma += a[i]!; mb += b[i]!; }
  ma /= n; mb /= n;
  let sab = 0, saa = 0, sbb = 0;
  for (let i = 0; i < n; i++) {
    const x = a[i]! - ma, y = b[i]! - mb;
    sab += x * y; saa += x * x; sbb += y * y;
  }
  return sab / Math.sqrt(saa * sbb || 1);
}

/** The lag (frames) maximising correlation of motion[i + lag] with audio[i]; positive = motion late. */
export function bestLag(motion: ArrayLike<number>, audio: ArrayLike<number>, maxLag: number): { lag: number; r: number } {
  let best = { lag: 0, r: -Infinity };
  for (let lag = -maxLag; lag <= maxLag; lag++) {
    const a: number[] = [];
    const m: number[] = [];
    for (let i = 0; i < audio.length; i++) {
      const j = i + lag;
      if (j < 0 || j >= motion.length) continue;
      a.push(audio[i]!);
      m.push(motion[j]!);
    }
    const r = pearson(m, a);
    if (r > best.r) best = { lag, r };
  }
  return best;
}

/** Frames inside other phones of speech (not p/b/m, not a pause), and how many of them have the lips closed. */
export function closedElsewhere(frames: MotionFrame[], fps: number, phones: Phone[], gap = lipGap): { closed: number; total: number } {
  let closed = 0;
  let total = 0;
  frames.forEach((f, i) => {
    const p = phones.find((q) => i / fps >= q.start && i / fps < q.end)?.phone ?? 'pau';
    if (p === 'pau' || BILABIALS.has(p)) return;
    total++;
    if (gap(f) < CLOSED_GAP) closed++;
  });
  return { closed, total };
}
