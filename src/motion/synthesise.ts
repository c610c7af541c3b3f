/**
 * synthesise(driver, options): motion from audio, streamed chunk by chunk.
 *
 *   sample source ─► AnalysisStream (downmix, resample, features, 10 ms hops)
 *                 ─► MotionEngine (one frame per hop, 200 ms lookahead, all state carried)
 *                 ─► FrameSampler (video rate) ─► Chunker ─► MotionChunk
 *
 * Each stage holds a bounded amount of state, so memory is flat in the length
 * of the audio, and each frame is a function of the samples and the seed
 * alone, so chunk size changes nothing (see motion-engine.ts for why).
 */
import { MOTION_TRACK_VERSION, type MotionFrame, type MotionMarker, type MotionTrack } from '../contracts/motion.ts';
import { CancelledError } from '../contracts/errors.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import { AnalysisStream } from './analysis-stream.ts';
import { HOPS_PER_SECOND } from './audio-features.ts';
import type { SampleSource } from './audio-source.ts';
import { Chunker, FrameSampler, type MotionChunk } from './chunked-synthesis.ts';
import { EmptyAudioError } from './errors.ts';
import { LOOKAHEAD, MotionEngine } from './motion-engine.ts';
import type { EmotionName, StyleName } from './styles.ts';

export type { MotionChunk } from './chunked-synthesis.ts';

export interface AudioDriver {
  kind: 'audio';
  source: SampleSource;
  /** Seconds, if known: used for progress only. */
  duration?: number;
}

/** Text, video and webcam drivers will join this union. */
export type MotionDriver = AudioDriver;

export interface SynthesisOptions {
  fps?: number;
  seed?: number;
  style?: StyleName;
  emotion?: EmotionName;
  /** Emotion intensity in [0, 1]. */
  intensity?: number;
  /** Seconds of motion per chunk. Changes latency and chunk count, never the motion. */
  chunkSeconds?: number;
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

export const DEFAULTS = { fps: 25, seed: 1, style: 'conversational', emotion: 'neutral', intensity: 0.7, chunkSeconds: 2 } as const;

export async function* synthesise(driver: MotionDriver, options: SynthesisOptions = {}): AsyncGenerator<MotionChunk> {
  const o = { ...DEFAULTS, ...options };
  if (!(o.fps > 0 && o.fps <= 240)) throw new RangeError(`fps must be in (0, 240], got ${o.fps}`);
  if (!(o.chunkSeconds > 0)) throw new RangeError(`chunkSeconds must be positive, got ${o.chunkSeconds}`);
  const analysis = new AnalysisStream();
  const engine = new MotionEngine({ seed: o.seed, style: o.style, emotion: o.emotion, intensity: o.intensity });
  const sampler = new FrameSampler(o.fps);
  const chunker = new Chunker(Math.max(1, Math.round(o.chunkSeconds * o.fps)));
  let hops = 0;
  let chunks = 0;
  const emit = (hopFrames: MotionFrame[], limit = Infinity): MotionFrame[] => {
    const frames: MotionFrame[] = [];
    for (const h of hopFrames) frames.push(...sampler.push(h, limit));
    return frames;
  };
  const takeMarkers = (): MotionMarker[] => engine.markers.splice(0);

  for await (const block of driver.source) {
    if (o.signal?.aborted) throw new CancelledError('motion synthesis cancelled');
    for (const f of analysis.push(block)) {
      hops++;
      const ready = chunker.add(emit(engine.push(f)), takeMarkers());
      for (const c of ready) {
        yield c;
        chunks++;
        o.onProgress?.({ stage: 'motion', done: analysis.seconds, total: driver.duration ?? 0, note: `chunk ${chunks}` });
      }
    }
  }
  for (const f of analysis.flush()) {
    hops++;
    for (const c of chunker.add(emit(engine.push(f)), takeMarkers())) yield c;
  }
  if (hops === 0) throw new EmptyAudioError('the audio stream held no samples');
  const duration = analysis.seconds;
  // Process one hop past the end so frames between the last hop and the end can be interpolated.
  const tail = emit(engine.finish(Math.ceil(duration * HOPS_PER_SECOND)), duration);
  for (const c of chunker.add(tail, [])) yield c;
  yield chunker.finish(takeMarkers());
  o.onProgress?.({ stage: 'motion', done: duration, total: duration });
}

/** Collects a whole track: for short audio, tests and export. Long audio should consume the chunks. */
export async function synthesiseTrack(driver: MotionDriver, options: SynthesisOptions = {}): Promise<MotionTrack> {
  const o = { ...DEFAULTS, ...options };
  const frames: MotionFrame[] = [];
  const markers: MotionMarker[] = [];
  for await (const c of synthesise(driver, o)) {
    frames.push(...c.frames);
    markers.push(...c.markers);
    // For the timeline and explain mode: the stretch of audio each chunk was made from. The engine
    // reads LOOKAHEAD hops past a chunk's last frame, so neighbouring windows overlap by that much.
    // Kept out of the streamed chunks, whose markers must not depend on the chunk size.
    const start = c.startFrame / o.fps;
    markers.push({ kind: 'chunk', start, end: (c.startFrame + c.frames.length) / o.fps + LOOKAHEAD / HOPS_PER_SECOND, label: `chunk ${c.index + 1}`, value: c.index });
  }
  return {
    version: MOTION_TRACK_VERSION,
    fps: o.fps,
    frameCount: frames.length,
    frames,
    markers,
    source: { driver: driver.kind, style: o.style, emotion: o.emotion, intensity: o.intensity, seed: o.seed },
  };
}
