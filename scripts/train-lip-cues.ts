/**
 * Fits the three lip classifiers of src/motion/lip-cues.ts (closed, rounded,
 * spread) and writes their weights to src/motion/lip-cue-weights.ts.
 * Developer-side: the weights are committed, so CI and users never run this.
 *
 *   tsx scripts/train-lip-cues.ts [--sentences 150] [--out FILE]
 *
 * Data: English prose (the licence texts Debian ships in
 * /usr/share/common-licenses, split into sentences) spoken by festival voices,
 * which write every phone's end time (`utt.save.segs`), so each 10 ms hop gets
 * a true label from its phone:
 *   closed   p, b, m;
 *   rounded  uw, uh, ow, oy, w (lips pushed forward and narrowed);
 *   spread   iy, ih, ey, y (lips drawn wide).
 * Pauses are left out: the motion engine closes and relaxes the lips in
 * silence anyway. Two voices are fitted on (kal, a male diphone voice, and
 * slt, a female HTS voice); a third (ked, another male diphone voice) and
 * sentences used by no training voice are held out, and the held-out figures
 * are written into the weights file.
 *
 * Model: logistic regression on standardised inputs, L2-regularised, the two
 * classes weighted equally, fitted by full-batch Adam. Deterministic: same
 * sentences, same order, same result.
 *
 * Needs (apt): festival festvox-kallpc16k festvox-kdlpc16k festvox-us-slt-hts.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { AnalysisStream } from '../src/motion/analysis-stream.ts';
import { articulate } from '../src/motion/articulation.ts';
import { blocksOf } from '../src/motion/audio-source.ts';
import { CUE_CONTEXT, CUE_INPUTS, CUE_SIZE, lipCues } from '../src/motion/lip-cues.ts';
import type { FeatureFrame } from '../src/motion/audio-features.ts';
import { LevelTracker, smoothStep, type Levels } from '../src/motion/voice-activity.ts';
import { decodeWav } from '../src/motion/wav-decode.ts';

const { values } = parseArgs({
  options: {
    sentences: { type: 'string', default: '150' },
    out: { type: 'string', default: 'src/motion/lip-cue-weights.ts' },
  },
});

const LICENCES = ['GPL-3', 'Apache-2.0', 'MPL-2.0', 'Artistic', 'GFDL-1.3', 'LGPL-2.1', 'GPL-2'];
const TRAIN_VOICES = ['kal_diphone', 'cmu_us_slt_arctic_hts'];
const HELD_OUT_VOICE = 'ked_diphone';
/** Each classifier's phones, and the articulation.ts rule it replaces (for the held-out comparison). */
const CLASSES = [
  { name: 'closure', constant: 'LIP_CLOSURE_MODEL', what: 'p/b/m', phones: new Set(['p', 'b', 'm', 'em']), rule: 'seal' },
  { name: 'round', constant: 'LIP_ROUND_MODEL', what: 'uw/uh/ow/oy/w', phones: new Set(['uw', 'uh', 'ow', 'oy', 'w']), rule: 'round' },
  { name: 'spread', constant: 'LIP_SPREAD_MODEL', what: 'iy/ih/ey/y', phones: new Set(['iy', 'ih', 'ey', 'y']), rule: 'spread' },
] as const;
type ClassName = (typeof CLASSES)[number]['name'];

function sentences(): string[] {
  const text = LICENCES.map((f) => readFileSync(`/usr/share/common-licenses/${f}`, 'utf8')).join(' ');
  const all = text.replace(/\s+/g, ' ').split(/(?<=[.;:?!])\s+/);
  const ok = all.filter((s) => s.length >= 30 && s.length <= 160 && /^[A-Za-z ,.;:'()-]+$/.test(s));
  const unique = [...new Set(ok)];
  // Seeded shuffle, so the split is the same on every run.
  let seed = 12345;
  for (let i = unique.length - 1; i > 0; i--) {
    seed = (seed * 1103515245 + 12345) >>> 0;
    const j = seed % (i + 1);
    [unique[i], unique[j]] = [unique[j]!, unique[i]!];
  }
  return unique;
}

interface Phone { phone: string; start: number; end: number }
interface Utterance { voice: string; text: string; wav: string; phones: Phone[] }

function synthesise(voice: string, texts: string[], dir: string): Utterance[] {
  const scm = texts.map((t, i) => {
    const safe = t.replace(/["\\]/g, '');
    return `(set! utt (utt.synth (Utterance Text "${safe}")))\n(utt.save.wave utt "${dir}/${voice}-${i}.wav" 'riff)\n(utt.save.segs utt "${dir}/${voice}-${i}.segs")`;
  });
  const file = join(dir, `${voice}.scm`);
  writeFileSync(file, `(voice_${voice})\n${scm.join('\n')}\n`);
  execFileSync('festival', ['-b', file], { stdio: ['ignore', 'ignore', 'inherit'] });
  return texts.map((text, i) => {
    const phones: Phone[] = [];
    let prev = 0;
    for (const line of readFileSync(`${dir}/${voice}-${i}.segs`, 'utf8').split('\n')) {
      const f = line.trim().split(/\s+/);
      if (line.startsWith('#') || f.length < 3) continue;
      const end = Number(f[0]);
      phones.push({ phone: f[2]!, start: prev, end });
      prev = end;
    }
    return { voice, text, wav: `${dir}/${voice}-${i}.wav`, phones };
  });
}

/**
 * The formant rules the rounding and spreading classifiers replaced (they
 * were part of articulation.ts), kept here as the held-out baseline: rounded
 * = low F2 with low F1 (/u o w/; /a/ has a low F2 too, but a high F1), spread
 * = high F2 (/i e/), both only in voiced sound and not in a nasal murmur.
 */
function formantShape(f: FeatureFrame, lv: Levels): { round: number; spread: number } {
  const active = lv.activity;
  if (active <= 0) return { round: 0, spread: 0 };
  const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
  const murmur = sigmoid((f.lowDb - f.f1Db - 11.5) / 1.5) * smoothStep((f.lowDb - lv.speechDb + 32) / 8);
  const voiced = smoothStep((f.voicing - 0.45) / 0.25) * active;
  return {
    round: sigmoid((1450 - f.f2Hz) / 120) * sigmoid((480 - f.f1Hz) / 50) * voiced * (1 - murmur),
    spread: sigmoid((f.f2Hz - 1900) / 150) * voiced * (1 - murmur),
  };
}

/** Inputs, phones and the old rules' values of every non-pause hop of one utterance. */
function examples(u: Utterance): { x: Float32Array[]; phone: string[]; rule: Record<ClassName, number>[] } {
  const audio = decodeWav(new Uint8Array(readFileSync(u.wav)));
  const stream = new AnalysisStream();
  const levels = new LevelTracker();
  const frames = [...blocksOf(audio, 4096)].flatMap((b) => stream.push(b)).concat(stream.flush());
  const lvs = frames.map((f) => levels.update(f));
  const cues = frames.map((f, n) => lipCues(f, lvs[n]!));
  const x: Float32Array[] = [];
  const phone: string[] = [];
  const rule: Record<ClassName, number>[] = [];
  frames.forEach((f, n) => {
    const p = u.phones.find((q) => f.time >= q.start && f.time < q.end)?.phone ?? 'pau';
    if (p === 'pau' || p === 'h#') return;
    const v = new Float32Array(CUE_INPUTS);
    CUE_CONTEXT.forEach((k, c) => v.set(cues[Math.max(0, Math.min(cues.length - 1, n + k))]!, c * CUE_SIZE));
    x.push(v);
    phone.push(p);
    const a = articulate(f, lvs[n]!);
    rule.push({ closure: a.seal, ...formantShape(f, lvs[n]!) });
  });
  return { x, phone, rule };
}

function dataset(us: Utterance[]) {
  const x: Float32Array[] = [];
  const phone: string[] = [];
  const rule: Record<ClassName, number>[] = [];
  for (const u of us) {
    const e = examples(u);
    x.push(...e.x);
    phone.push(...e.phone);
    rule.push(...e.rule);
  }
  return { x, phone, rule };
}

interface Fit { mean: number[]; scale: number[]; weights: number[]; bias: number }

function fit(x: Float32Array[], y: number[], l2 = 1e-3, steps = 600): Fit {
  const d = CUE_INPUTS;
  const n = x.length;
  const mean = new Array<number>(d).fill(0);
  const scale = new Array<number>(d).fill(0);
  for (const v of x) for (let j = 0; j < d; j++) mean[j]! += v[j]! / n;
  for (const v of x) for (let j = 0; j < d; j++) scale[j]! += (v[j]! - mean[j]!) ** 2 / n;
  for (let j = 0; j < d; j++) scale[j] = Math.sqrt(scale[j]!) || 1;
  const z = x.map((v) => Float64Array.from(v, (a, j) => (a - mean[j]!) / scale[j]!));
  const positives = y.filter((t) => t === 1).length;
  const weightOf = [n / (2 * (n - positives)), n / (2 * positives)];
  const w = new Float64Array(d);
  let b = 0;
  const m = new Float64Array(d + 1);
  const s = new Float64Array(d + 1);
  const lr = 0.05;
  for (let step = 1; step <= steps; step++) {
    const g = new Float64Array(d + 1);
    for (let i = 0; i < n; i++) {
      const zi = z[i]!;
      let a = b;
      for (let j = 0; j < d; j++) a += w[j]! * zi[j]!;
      const err = (1 / (1 + Math.exp(-a)) - y[i]!) * weightOf[y[i]!]!;
      for (let j = 0; j < d; j++) g[j]! += (err * zi[j]!) / n;
      g[d]! += err / n;
    }
    for (let j = 0; j < d; j++) g[j]! += l2 * w[j]!;
    for (let j = 0; j <= d; j++) {
      m[j] = 0.9 * m[j]! + 0.1 * g[j]!;
      s[j] = 0.999 * s[j]! + 0.001 * g[j]! ** 2;
      const step_ = (lr * (m[j]! / (1 - 0.9 ** step))) / (Math.sqrt(s[j]! / (1 - 0.999 ** step)) + 1e-8);
      if (j < d) w[j]! -= step_;
      else b -= step_;
    }
  }
  return { mean, scale, weights: Array.from(w), bias: b };
}

function logit(f: Fit, v: Float32Array): number {
  let a = f.bias;
  for (let j = 0; j < CUE_INPUTS; j++) a += (f.weights[j]! * (v[j]! - f.mean[j]!)) / f.scale[j]!;
  return a;
}

function score(y: number[], closed: (i: number) => boolean) {
  let tp = 0, fp = 0, fn = 0, tn = 0;
  y.forEach((_, i) => {
    const hit = closed(i);
    if (hit && y[i]) tp++;
    else if (hit) fp++;
    else if (y[i]) fn++;
    else tn++;
  });
  return { hops: y.length, inClass: tp + fn, recall: tp / (tp + fn), precision: tp / (tp + fp), othersOut: tn / (tn + fp) };
}

const all = sentences();
const count = Number(values.sentences);
const held = all.slice(0, Math.round(count / 3));
const train = all.slice(held.length, held.length + count);
const dir = mkdtempSync(join(tmpdir(), 'lip-cues-'));
try {
  console.error(`${all.length} sentences; ${train.length} per training voice, ${held.length} held out`);
  const trainUtts = TRAIN_VOICES.flatMap((v) => synthesise(v, train, dir));
  const heldUtts = synthesise(HELD_OUT_VOICE, held, dir);
  const tr = dataset(trainUtts);
  const te = dataset(heldUtts);
  console.error(`training hops ${tr.x.length}, held-out hops ${te.x.length}`);
  const r = (a: number[]) => `[${a.map((v) => Number(v.toPrecision(5))).join(', ')}]`;
  const pct = (v: number) => `${(100 * v).toFixed(1)} %`;
  const blocks: string[] = [];
  for (const c of CLASSES) {
    const ytr = tr.phone.map((p) => (c.phones.has(p) ? 1 : 0));
    const yte = te.phone.map((p) => (c.phones.has(p) ? 1 : 0));
    const model = fit(tr.x, ytr);
    const trainScore = score(ytr, (i) => logit(model, tr.x[i]!) > 0);
    const heldScore = score(yte, (i) => logit(model, te.x[i]!) > 0);
    const ruleScore = score(yte, (i) => te.rule[i]![c.name] > 0.5);
    console.log(c.name, 'training', trainScore);
    console.log(c.name, 'held out', heldScore);
    console.log(c.name, `held out, articulation.ts's ${c.rule} rule`, ruleScore);
    blocks.push(`/**
 * ${c.what}: ${ytr.filter(Boolean).length} of the training hops.
 * Held out: ${c.what} hops found ${pct(heldScore.recall)}, precision ${pct(heldScore.precision)}, other hops kept out ${pct(heldScore.othersOut)}
 * (training: ${pct(trainScore.recall)}, ${pct(trainScore.precision)}, ${pct(trainScore.othersOut)};
 * articulation.ts's ${c.rule} rule on the held-out hops: ${pct(ruleScore.recall)}, ${pct(ruleScore.precision)}, ${pct(ruleScore.othersOut)}).
 */
export const ${c.constant}: LipCueModel = {
  mean: ${r(model.mean)},
  scale: ${r(model.scale)},
  weights: ${r(model.weights)},
  bias: ${Number(model.bias.toPrecision(6))},
};
`);
  }
  writeFileSync(values.out!, `/**
 * Lip classifier weights, written by scripts/train-lip-cues.ts; do not edit.
 * Fitted on ${trainUtts.length} festival utterances (${TRAIN_VOICES.join(', ')}; ${tr.x.length} hops outside pauses).
 * Held out: voice ${HELD_OUT_VOICE} on ${held.length} sentences no training voice spoke (${te.x.length} hops).
 * A hop counts as found where the probability is over 0.5.
 */
import type { LipCueModel } from './lip-cues.ts';

${blocks.join('\n')}`);
  console.error(`wrote ${values.out}`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
