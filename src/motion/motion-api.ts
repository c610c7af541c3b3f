/**
 * The motion worker's API, as plain functions so Node can test it without a
 * worker. `workers/motion.worker.ts` only exposes it through comlink.
 *
 * Audio arrives either decoded (the main thread ran decodeInBrowser and
 * transferred the channel buffers) or as WAV bytes, which the worker decodes
 * itself. Chunks go back through a callback as they are made, so the renderer
 * and encoder can start before synthesis ends; an AbortSignal cannot cross
 * comlink, so cancellation is by job id.
 */
import { CancelledError } from '../contracts/errors.ts';
import type { MotionTrack } from '../contracts/motion.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import { blocksOf, durationOf, type DecodedAudio } from './audio-source.ts';
import { synthesise, synthesiseTrack, type MotionChunk, type SynthesisOptions } from './synthesise.ts';
import { decodeWav } from './wav-decode.ts';

/** What can cross the worker boundary: everything but the signal and the callback. */
export type MotionJobOptions = Omit<SynthesisOptions, 'signal' | 'onProgress'>;

export type MotionAudio = DecodedAudio | ArrayBuffer;

function toDecoded(audio: MotionAudio): DecodedAudio {
  return audio instanceof ArrayBuffer ? decodeWav(audio) : audio;
}

export function createMotionApi() {
  const jobs = new Map<string, AbortController>();

  function start(jobId: string): AbortSignal {
    jobs.get(jobId)?.abort();
    const c = new AbortController();
    jobs.set(jobId, c);
    return c.signal;
  }

  return {
    /** Decodes WAV bytes (for callers that want the samples back, e.g. a waveform view). */
    decodeWav(bytes: ArrayBuffer): DecodedAudio {
      return decodeWav(bytes);
    },

    /** The whole track at once: for short audio and export. */
    async synthesiseTrack(jobId: string, audio: MotionAudio, options: MotionJobOptions, onProgress?: ProgressCallback): Promise<MotionTrack> {
      const signal = start(jobId);
      try {
        const decoded = toDecoded(audio);
        return await synthesiseTrack({ kind: 'audio', source: blocksOf(decoded), duration: durationOf(decoded) }, { ...options, signal, onProgress });
      } finally {
        jobs.delete(jobId);
      }
    },

    /** Streams chunks to `onChunk` as they are made; resolves with the frame count. */
    async synthesiseChunks(
      jobId: string, audio: MotionAudio, options: MotionJobOptions,
      onChunk: (chunk: MotionChunk) => void | Promise<void>, onProgress?: ProgressCallback,
    ): Promise<{ frameCount: number }> {
      const signal = start(jobId);
      let frameCount = 0;
      try {
        const decoded = toDecoded(audio);
        const source = { kind: 'audio' as const, source: blocksOf(decoded), duration: durationOf(decoded) };
        for await (const chunk of synthesise(source, { ...options, signal, onProgress })) {
          frameCount += chunk.frames.length;
          // Awaiting the consumer gives back-pressure: a slow renderer slows synthesis instead of queueing chunks.
          await onChunk(chunk);
          if (signal.aborted) throw new CancelledError('motion synthesis cancelled');
        }
        return { frameCount };
      } finally {
        jobs.delete(jobId);
      }
    },

    cancel(jobId: string): void {
      jobs.get(jobId)?.abort();
    },
  };
}

export type MotionApi = ReturnType<typeof createMotionApi>;
