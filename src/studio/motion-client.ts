/**
 * Main-thread handle on the motion worker. Audio is decoded here (Chrome has
 * no AudioContext in workers) and its samples are transferred to the worker,
 * never copied: after a call the caller's channel arrays are empty, so keep a
 * copy first if the samples are needed again (a waveform view, export).
 *
 * Cancellation is an AbortSignal on this side and a job id on the worker's
 * (a signal cannot cross comlink). The worker starts on first use and is kept.
 */
import { proxy, transfer } from 'comlink';
import { CancelledError } from '../contracts/errors.ts';
import type { MotionTrack } from '../contracts/motion.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import type { DecodedAudio } from '../motion/audio-source.ts';
import { decodeInBrowser } from '../motion/browser-decode.ts';
import type { MotionAudio, MotionJobOptions } from '../motion/motion-api.ts';
import type { MotionChunk } from '../motion/synthesise.ts';
import type { MotionWorkerApi } from '../../workers/motion.worker.ts';
import { lazyWorker } from './lazy-worker.ts';

const call = lazyWorker<MotionWorkerApi>(
  () => new Worker(new URL('../../workers/motion.worker.ts', import.meta.url), { type: 'module', name: 'vivify-motion' }),
);

export interface MotionRunOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

let jobs = 0;

/** The buffers to hand over. Channels may share one buffer (views), and a buffer listed twice is a DataCloneError. */
function transferables(audio: MotionAudio): ArrayBuffer[] {
  if (audio instanceof ArrayBuffer) return [audio];
  return [...new Set(audio.channels.map((c) => c.buffer as ArrayBuffer))];
}

/** Runs one worker job under a fresh id, cancelling it there when `signal` aborts. */
async function job<T>(signal: AbortSignal | undefined, run: (jobId: string) => Promise<T>): Promise<T> {
  if (signal?.aborted) throw new CancelledError('motion synthesis cancelled before it began');
  const jobId = `motion-${++jobs}`;
  const onAbort = () => void call((w) => w.cancel(jobId)).catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(jobId);
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

export const motionClient = {
  /** Anything the browser decodes (WAV, MP3, AAC/M4A, Ogg/Opus, FLAC, a video's audio track), as plain samples. */
  decode: (bytes: ArrayBuffer): Promise<DecodedAudio> => decodeInBrowser(bytes),

  /** The whole track at once: for short audio and export. `audio` is transferred. */
  synthesiseTrack: (audio: MotionAudio, options: MotionJobOptions = {}, run: MotionRunOptions = {}): Promise<MotionTrack> =>
    job(run.signal, (jobId) =>
      call((w) => w.synthesiseTrack(jobId, transfer(audio, transferables(audio)), options, run.onProgress && proxy(run.onProgress)))),

  /**
   * Streams chunks to `onChunk` as they are made; the worker waits for each
   * `onChunk` to settle, so a slow consumer slows synthesis. `audio` is transferred.
   */
  synthesiseChunks: (
    audio: MotionAudio, options: MotionJobOptions, onChunk: (chunk: MotionChunk) => void | Promise<void>, run: MotionRunOptions = {},
  ): Promise<{ frameCount: number }> =>
    job(run.signal, (jobId) =>
      call((w) => w.synthesiseChunks(jobId, transfer(audio, transferables(audio)), options, proxy(onChunk), run.onProgress && proxy(run.onProgress)))),
};

export type MotionClient = typeof motionClient;
