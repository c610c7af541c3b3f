/**
 * Lip sync against festival's known phone timings (tests/fixtures/speech).
 * Measured when written (see the motion report): bilabial recall 37/38 (97%)
 * against 22/38 (58%) for jaw-from-RMS alone; audio-to-jaw lag 0 frames on all
 * five utterances.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { MotionTrack } from '../../../src/contracts/motion.ts';
import { downmix } from '../../../src/motion/resample.ts';
import { FESTIVAL_FIXTURES, loadAudio, loadPhones, trackOf } from './helpers.ts';
import {
  BILABIALS, OPEN_VOWELS, bestLag, bilabialRecall, closedElsewhere, lipGap, meanOver, rmsEnvelope, type Phone,
} from './lipsync-metrics.ts';

const FPS = 25;
const VOWELS = new Set(['aa', 'ae', 'ah', 'ao', 'aw', 'ax', 'ay', 'eh', 'er', 'ey', 'ih', 'iy', 'ow', 'oy', 'uh', 'uw']);
const CLOSE_VOWELS = new Set(['iy', 'uw', 'ih', 'uh']);
type Run = { name: string; phones: Phone[]; track: MotionTrack; rms: Float64Array };
const runs: Run[] = [];
/** The same sentences in festival's ked voice, which the lip classifiers were not fitted on. */
const heldOutVoice: Run[] = [];

beforeAll(async () => {
  for (const [dir, into] of [['', runs], ['ked/', heldOutVoice]] as const) {
    for (const fixture of FESTIVAL_FIXTURES) {
      const name = `${dir}${fixture}`;
      const audio = loadAudio(name);
      const track = await trackOf(audio, { fps: FPS });
      into.push({ name, phones: loadPhones(name), track, rms: rmsEnvelope(downmix(audio.channels), audio.sampleRate, FPS, track.frameCount) });
    }
  }
});

/** Hits over cases, pooled over the runs. */
function pooled(rs: Run[], count: (r: Run) => { hits: number; cases: number }, minCases: number): number {
  let hits = 0;
  let cases = 0;
  for (const r of rs) {
    const c = count(r);
    hits += c.hits;
    cases += c.cases;
  }
  expect(cases).toBeGreaterThanOrEqual(minCases);
  return hits / cases;
}

const recall = (rs: Run[]) => pooled(rs, (r) => {
  const { hit, total } = bilabialRecall(r.track.frames, FPS, r.phones);
  return { hits: hit, cases: total };
}, 30);

const closedShareElsewhere = (rs: Run[]) => pooled(rs, (r) => {
  const { closed, total } = closedElsewhere(r.track.frames, FPS, r.phones);
  return { hits: closed, cases: total };
}, 200);

const ROUNDED = new Set(['uw', 'uh', 'ow', 'oy', 'w']);
const SPREAD = new Set(['iy', 'ih', 'ey', 'y']);
/** English sounds often made with some rounding (r is labialised, so are sh, ch, jh; ao and er vary by accent): counted on neither side. */
const PARTLY_ROUNDED = new Set(['r', 'er', 'sh', 'zh', 'ch', 'jh', 'ao']);

/** Mean of `value` over the frames in a set of phones, and over the other frames of speech, pooled over runs. */
function contrast(rs: Run[], set: Set<string>, value: (f: MotionTrack['frames'][number]) => number, neither = new Set<string>()): { inside: number; outside: number } {
  const others = new Set([...new Set(rs.flatMap((r) => r.phones.map((p) => p.phone)))].filter((p) => !set.has(p) && !neither.has(p) && p !== 'pau'));
  const pool = (which: Set<string>) => {
    let sum = 0;
    let n = 0;
    for (const r of rs) r.track.frames.forEach((f, i) => {
      const t = i / FPS;
      const p = r.phones.find((q) => t >= q.start && t < q.end);
      if (p && which.has(p.phone)) { sum += value(f); n++; }
    });
    expect(n).toBeGreaterThan(10);
    return sum / n;
  };
  return { inside: pool(set), outside: pool(others) };
}

describe('lip sync on festival speech with known phone timings', () => {
  it('closes the lips within ±1 frame (25 fps) for at least 80% of p/b/m, in both voices', () => {
    expect(recall(runs)).toBeGreaterThanOrEqual(0.8);
    expect(recall(heldOutVoice)).toBeGreaterThanOrEqual(0.8);
  });

  // Measured when written (kal / ked): 15.8 % / 12.4 % of those frames closed, 8 / 5 closures near no p/b/m
  // or pause, p/b/m recall 97 % / 87 %. With the seal from quietness alone (before lip-cues.ts):
  // 27.8 % / 21.9 %, 12 / 10 closures, the lips shutting on t, d, k, v, dh, ng; recall 97 % / 100 %.
  it('keeps the lips apart on other consonants: closed in under 18% of the other speech frames, in both voices', () => {
    expect(closedShareElsewhere(runs)).toBeLessThan(0.18);
    expect(closedShareElsewhere(heldOutVoice)).toBeLessThan(0.18);
  });

  // Measured when written, mean over the frames in the class / over the other speech frames:
  // rounding (pucker + funnel) kal 0.589 / 0.116, ked 0.413 / 0.172; spreading (stretch) kal 0.148 / 0.008, ked 0.142 / 0.010.
  // With the formant rules of articulation.ts instead of lip-cues.ts: rounding kal 0.340 / 0.161, ked 0.282 / 0.139;
  // spreading kal 0.102 / 0.017, ked 0.158 / 0.039 (the lips rounded half as much, and spread on other sounds too).
  it('rounds the lips on u, o, w and spreads them on i, e, y, well above the other speech, in both voices', () => {
    const rounding = (f: MotionTrack['frames'][number]) => (f.blendshapes.mouthPucker ?? 0) + (f.blendshapes.mouthFunnel ?? 0);
    const spreading = (f: MotionTrack['frames'][number]) => f.blendshapes.mouthStretchLeft ?? 0;
    for (const [voice, rs] of [['kal', runs], ['ked', heldOutVoice]] as const) {
      const round = contrast(rs, ROUNDED, rounding, PARTLY_ROUNDED);
      const spread = contrast(rs, SPREAD, spreading);
      console.log(`${voice}: rounding ${round.inside.toFixed(3)} / ${round.outside.toFixed(3)}, spreading ${spread.inside.toFixed(3)} / ${spread.outside.toFixed(3)}`);
      expect(round.inside, `${voice} rounding on u, o, w`).toBeGreaterThan(0.35);
      expect(round.inside, `${voice} rounding on u, o, w against the rest`).toBeGreaterThan(2.2 * round.outside);
      expect(spread.inside, `${voice} spreading on i, e, y`).toBeGreaterThan(0.1);
      expect(spread.inside, `${voice} spreading on i, e, y against the rest`).toBeGreaterThan(8 * spread.outside);
    }
  });

  it('opens the jaw on open vowels and shuts the lips on p/b/m', () => {
    for (const r of runs) {
      const openJaw = meanOver(r.track.frames, FPS, r.phones, OPEN_VOWELS, (f) => f.blendshapes.jawOpen ?? 0);
      const closeJaw = meanOver(r.track.frames, FPS, r.phones, CLOSE_VOWELS, (f) => f.blendshapes.jawOpen ?? 0);
      const bilabialGap = meanOver(r.track.frames, FPS, r.phones, BILABIALS, lipGap);
      expect(openJaw, r.name).toBeGreaterThan(0.3);
      expect(bilabialGap, r.name).toBeLessThan(0.05);
      if (!Number.isNaN(closeJaw)) expect(openJaw, r.name).toBeGreaterThan(closeJaw);
    }
  });

  it('puts the jaw peaks on vowels, mostly on open ones', () => {
    let peaks = 0;
    let onVowel = 0;
    let onOpen = 0;
    for (const r of runs) {
      const jaw = r.track.frames.map((f) => f.blendshapes.jawOpen ?? 0);
      for (let i = 1; i + 1 < jaw.length; i++) {
        if (!(jaw[i]! > 0.2 && jaw[i]! >= jaw[i - 1]! && jaw[i]! > jaw[i + 1]!)) continue;
        const t = i / FPS;
        // A frame is 40 ms; a peak on the frame next to a vowel's edge still belongs to it.
        const near = r.phones.filter((p) => t >= p.start - 1 / FPS && t < p.end + 1 / FPS).map((p) => p.phone);
        peaks++;
        if (near.some((p) => VOWELS.has(p))) onVowel++;
        if (near.some((p) => OPEN_VOWELS.has(p))) onOpen++;
      }
    }
    expect(peaks).toBeGreaterThan(30);
    expect(onVowel / peaks).toBeGreaterThan(0.9);
    expect(onOpen / peaks).toBeGreaterThan(0.5);
  });

  it('has no audio-to-motion offset: jawOpen best matches the RMS envelope within ±1 frame', () => {
    for (const r of runs) {
      const jaw = r.track.frames.map((f) => f.blendshapes.jawOpen ?? 0);
      const { lag, r: corr } = bestLag(jaw, r.rms, 5);
      expect(Math.abs(lag), r.name).toBeLessThanOrEqual(1);
      expect(corr, r.name).toBeGreaterThan(0.6);
    }
  });

  it('marks visemes, closures among them, at the p/b/m of the text', () => {
    let matched = 0;
    let total = 0;
    for (const r of runs) {
      const pp = r.track.markers.filter((m) => m.kind === 'viseme' && m.label === 'PP');
      const bil = r.phones.filter((p) => BILABIALS.has(p.phone));
      matched += bil.filter((p) => pp.some((m) => m.start < p.end + 0.04 && m.end > p.start - 0.04)).length;
      total += bil.length;
      expect(r.track.markers.some((m) => m.kind === 'viseme' && m.label === 'aa'), r.name).toBe(true);
    }
    expect(matched / total).toBeGreaterThan(0.8);
  });
});
