/**
 * The motion engine: one step per 10 ms hop, from audio features to a
 * MotionFrame, with all state carried from hop to hop.
 *
 * Why this makes chunking invisible: a hop's frame is computed from
 * (a) the state left by the previous hop, and (b) the features of a bounded
 * window, at most LOOKAHEAD hops ahead and HISTORY hops back. Features are
 * themselves a function of the samples only (audio-features.ts, resample.ts).
 * Nothing depends on where a chunk starts or ends, so any chunk size gives
 * the same numbers, and a join is just the next hop: continuous in value and
 * velocity like every other hop. The price is a fixed 200 ms of audio read
 * ahead of the last frame emitted, which is the "overlap" between chunks.
 */
import type { MotionFrame, MotionMarker } from '../contracts/motion.ts';
import { HOPS_PER_SECOND, silentFeature, type FeatureFrame } from './audio-features.ts';
import { articulate, type Articulation } from './articulation.ts';
import { blinkState, stepBlink, BLINK_SECONDS, type BlinkState } from './blinks.ts';
import { breathState, stepBreath, type BreathState } from './breathing.ts';
import { browState, mergeWeights, mouthShapes, stepBrows, type BrowState } from './expression.ts';
import { eyeLookShapes, gazeState, stepGaze, type GazeState } from './gaze.ts';
import { headState, stepHead, type HeadState } from './head-motion.ts';
import { HopWindow } from './hop-window.ts';
import { BEAT_LOOKAHEAD, BEAT_LOOKBACK, BeatDetector, PitchTracker, type ProsodyHop } from './prosody.ts';
import { randomStream } from './seeded-random.ts';
import { omegaFor, spring, stepSpring, type Spring } from './spring.ts';
import { emotionParams, styleParams, type EmotionName, type EmotionParams, type StyleName, type StyleParams } from './styles.ts';
import { lipCues } from './lip-cues.ts';
import { MOUTH_READS_AHEAD, MOUTH_READS_BEHIND, mouthState, stepMouth, visemeOf, type MouthHop, type MouthState, type VisemeLabel } from './viseme-coarticulation.ts';
import { LevelTracker, VoiceActivity } from './voice-activity.ts';

const ONSET_HOPS = 4;
const HANGOVER_HOPS = 20;
/** Hops read ahead: enough for the mouth, beats, and to know a pause has begun when it begins. */
export const LOOKAHEAD = Math.max(MOUTH_READS_AHEAD, BEAT_LOOKAHEAD, HANGOVER_HOPS);
const HISTORY = Math.max(BEAT_LOOKBACK, MOUTH_READS_BEHIND) + 2;
const ENV_HOPS = 5; // 50 ms smoothing of the loudness envelope for beats
const MIN_VISEME_HOPS = 3;

export interface EngineOptions {
  seed: number;
  style: StyleName;
  emotion: EmotionName;
  /** Emotion intensity in [0, 1]. */
  intensity: number;
}

interface Hop extends MouthHop {
  prosody: ProsodyHop;
}

export class MotionEngine {
  /** Markers finished since the caller last took them. */
  markers: MotionMarker[] = [];

  private readonly style: StyleParams;
  private readonly emotion: EmotionParams;
  private readonly window = new HopWindow<Hop>(LOOKAHEAD + HISTORY + 1);
  private readonly levels = new LevelTracker();
  private readonly vad = new VoiceActivity();
  private readonly pitch = new PitchTracker();
  private readonly beats = new BeatDetector();
  private readonly recentEnergy: number[] = [];
  private arrived = 0;
  private next = 0;
  private vadWas = false;
  /** Speech boundaries found at arrival, applied when processing reaches them. */
  private readonly boundaries: Array<{ at: number; speaking: boolean }> = [];
  private speaking = false;
  private speechStart = 0;
  private viseme: { label: VisemeLabel; start: number } = { label: 'sil', start: 0 };
  private visemeCandidate: { label: VisemeLabel; start: number } | null = null;
  private readonly speech: Spring = spring();
  private readonly mouth: MouthState = mouthState();
  private readonly head: HeadState;
  private readonly blink: BlinkState;
  private readonly gaze: GazeState;
  private readonly breath: BreathState;
  private readonly brows: BrowState = browState();

  constructor(readonly options: EngineOptions) {
    this.style = styleParams(options.style);
    this.emotion = emotionParams(options.emotion, options.intensity);
    this.head = headState(randomStream(options.seed, 'head'));
    this.blink = blinkState(randomStream(options.seed, 'blink'), this.blinkRate);
    this.gaze = gazeState(randomStream(options.seed, 'gaze'));
    this.breath = breathState(randomStream(options.seed, 'breath'));
  }

  private get blinkRate(): number {
    return this.style.blinkRate * this.emotion.blink;
  }

  /** Takes one hop of features; returns the hop frames that are now decided (0 or 1). */
  push(f: FeatureFrame): MotionFrame[] {
    this.arrive(f);
    const out: MotionFrame[] = [];
    while (this.next <= this.arrived - 1 - LOOKAHEAD) out.push(this.process(this.next++));
    return out;
  }

  /** Runs the lookahead past the end over silence; returns the remaining hop frames up to hop `lastHop`. */
  finish(lastHop: number): MotionFrame[] {
    const out: MotionFrame[] = [];
    while (this.next <= lastHop) {
      this.arrive(silentFeature(this.arrived));
      while (this.next <= Math.min(lastHop, this.arrived - 1 - LOOKAHEAD)) out.push(this.process(this.next++));
    }
    this.closeMarkers(lastHop + 1);
    return out;
  }

  private arrive(f: FeatureFrame): void {
    const lv = this.levels.update(f);
    const art = articulate(f, lv);
    this.recentEnergy.push(f.energyDb);
    if (this.recentEnergy.length > ENV_HOPS) this.recentEnergy.shift();
    const envDb = this.recentEnergy.reduce((a, b) => a + b, 0) / this.recentEnergy.length - lv.speechDb;
    const voiced = f.pitchHz > 0 && lv.activity > 0.5;
    const prosody: ProsodyHop = { envDb, pitchSt: voiced ? this.pitch.semitones(f.pitchHz) : 0, voiced };
    this.window.push(f.index, { art, cues: lipCues(f, lv), activity: lv.activity, prosody });
    const flag = this.vad.update(lv.activity);
    if (flag !== this.vadWas) {
      this.boundaries.push({ at: flag ? f.index - ONSET_HOPS + 1 : f.index - HANGOVER_HOPS + 1, speaking: flag });
      this.vadWas = flag;
    }
    this.arrived = f.index + 1;
  }

  private process(n: number): MotionFrame {
    const t = n / HOPS_PER_SECOND;
    let pauseOnset = false;
    while (this.boundaries.length && this.boundaries[0]!.at <= n) {
      const b = this.boundaries.shift()!;
      if (b.speaking) {
        this.speechStart = b.at;
      } else {
        pauseOnset = true;
        this.markers.push({ kind: 'speech', start: this.speechStart / HOPS_PER_SECOND, end: b.at / HOPS_PER_SECOND });
      }
      this.speaking = b.speaking;
    }
    const speech = stepSpring(this.speech, this.speaking ? 1 : 0, omegaFor(0.3), 1 / HOPS_PER_SECOND);
    const hop = this.window.at(n);

    const beat = this.beats.update(this.window, n, this.speaking);
    if (beat > 0) this.markers.push({ kind: 'beat', start: t, end: t, value: beat });
    const s = this.style;
    const e = this.emotion;
    const m = stepMouth(this.mouth, this.window, n);
    this.trackViseme(n, visemeOf(m, this.speaking));
    const head = stepHead(this.head, {
      speech, beat, pitchSt: hop.prosody.pitchSt, idleAmount: s.headIdle * e.motion,
      speechAmount: s.headSpeech * e.motion, beatAmount: s.beats * e.motion, restPitch: e.headPitch,
    });
    const { lid, started } = stepBlink(this.blink, this.blinkRate, pauseOnset);
    if (started) this.markers.push({ kind: 'blink', start: t, end: t + BLINK_SECONDS });
    const gaze = stepGaze(this.gaze, {
      speech, pauseOnset, holdSeconds: s.gazeHold, awayChance: s.gazeAway, restY: e.gazeY, headYaw: head.yaw, headPitch: head.pitch,
    });
    const breath = stepBreath(this.breath, speech, pauseOnset) * s.breath;
    const brows = stepBrows(this.brows, beat, hop.prosody.pitchSt, speech, s.brows * e.motion);

    const rest = { ...e.face };
    // Wide eyes cannot stay wide through a blink.
    if (rest.eyeWideLeft) rest.eyeWideLeft *= 1 - lid;
    if (rest.eyeWideRight) rest.eyeWideRight *= 1 - lid;
    const blendshapes = mergeWeights(
      rest, mouthShapes(m, s.mouth, speech), brows, eyeLookShapes(gaze), { eyeBlinkLeft: lid, eyeBlinkRight: lid },
    );
    const shoulder = 0.3 * breath;
    return {
      time: t,
      head,
      blendshapes,
      gaze,
      body: {
        breath: Math.min(1, breath),
        leanForward: s.lean * (0.5 + 0.5 * speech),
        leanSide: 0.3 * head.roll,
        shoulderLeft: shoulder,
        shoulderRight: shoulder,
        arms: {},
      },
    };
  }

  /** Viseme markers: a new shape must hold for 30 ms before it replaces the current one. */
  private trackViseme(n: number, label: VisemeLabel): void {
    if (label === this.viseme.label) {
      this.visemeCandidate = null;
      return;
    }
    if (!this.visemeCandidate || this.visemeCandidate.label !== label) this.visemeCandidate = { label, start: n };
    if (n - this.visemeCandidate.start + 1 >= MIN_VISEME_HOPS) {
      this.pushViseme(this.visemeCandidate.start);
      this.viseme = this.visemeCandidate;
      this.visemeCandidate = null;
    }
  }

  private pushViseme(end: number): void {
    if (end > this.viseme.start && this.viseme.label !== 'sil') {
      this.markers.push({ kind: 'viseme', start: this.viseme.start / HOPS_PER_SECOND, end: end / HOPS_PER_SECOND, label: this.viseme.label });
    }
  }

  private closeMarkers(end: number): void {
    this.pushViseme(end);
    this.viseme = { label: 'sil', start: end };
    if (this.speaking) {
      this.markers.push({ kind: 'speech', start: this.speechStart / HOPS_PER_SECOND, end: end / HOPS_PER_SECOND });
      this.speaking = false;
    }
  }
}
