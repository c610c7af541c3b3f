/**
 * A whole constructed recording: a face whose mouth follows a syllable
 * envelope `lag` frames late, the same envelope as audio, small head roll,
 * optional dropped frames. Used by the evaluate and report tests.
 */
import type { EvalRecording } from '../../../src/eval/metrics/recording.ts';
import { baseFace, moveRigidly, openMouth, seededRandom, toneWithEnvelope } from './synthetic-face.ts';

export function syllableEnvelope(frames: number, seed: number): number[] {
  const random = seededRandom(seed);
  const out: number[] = [];
  while (out.length < frames) {
    // Phrases of syllables separated by pauses of 0.2–0.8 s.
    for (let s = 3 + Math.floor(5 * random()); s > 0; s--) {
      const peak = 0.2 + 0.6 * random();
      const length = 4 + Math.floor(5 * random());
      for (let i = 0; i < length; i++) out.push(peak * Math.sin((Math.PI * (i + 0.5)) / length));
    }
    for (let i = 6 + Math.floor(18 * random()); i > 0; i--) out.push(0);
  }
  return out.slice(0, frames);
}

export function syntheticRecording(options: { name?: string; frames?: number; lag?: number; dropEvery?: number; seed?: number } = {}): EvalRecording {
  const { name = 'astronaut × syllables', frames = 240, lag = 0, dropEvery = 0, seed = 5 } = options;
  const fps = 30;
  const envelope = syllableEnvelope(frames, seed);
  const reference = baseFace();
  const landmarks = envelope.map((_, t) => {
    if (dropEvery > 0 && t % dropEvery === dropEvery - 1) return null;
    const open = openMouth(reference, 40 * (envelope[t - lag] ?? 0));
    return moveRigidly(open, { roll: 0.05 * Math.sin(t / 20), dx: 3 * Math.sin(t / 30) });
  });
  return {
    name,
    fps,
    landmarks,
    reference,
    audio: { sampleRate: 16000, samples: toneWithEnvelope(envelope, fps) },
    headPose: envelope.map((_, t) => ({ yaw: 0.1 * Math.sin(t / 25), pitch: 0.05 * Math.sin(t / 17), roll: 0.05 * Math.sin(t / 20) })),
    backgroundPsnr: [52.1, 48.3, Infinity],
    faceSsim: [0.97, 0.95],
    timings: { motion: 400, render: 3000, encode: 1500 },
    strip: [{ frame: 0, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' }],
  };
}
