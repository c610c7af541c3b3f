/**
 * Main-thread handle on the encode worker. It pulls frames from a producer
 * (the renderer, or the synthetic source) and transfers each into the worker,
 * waiting for the worker to take it before making the next: the encoder sets
 * the pace, so memory stays flat however long the video is.
 *
 * Cancel (an AbortSignal) stops the producer, tells the worker to drop the
 * encoders and the partial file, and rejects with CancelledError; nothing is
 * downloaded. The worker starts on first use and is kept for the next export.
 */
import { proxy, transfer } from 'comlink';
import { CancelledError } from '../contracts/errors.ts';
import type { MotionTrack } from '../contracts/motion.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import type { EncodeStats, ExportOptions, ExportResult } from '../encode/export-options.ts';
import { arkitCsv, motionTrackJson } from '../encode/motion-export.ts';
import { alignAudio } from '../encode/pcm-audio.ts';
import { syntheticVoice } from '../encode/synthetic-audio.ts';
import { syntheticFrames, type FrameSource } from '../encode/synthetic-frames.ts';
import type { EncodeWorkerApi } from '../../workers/encode.worker.ts';
import { lazyWorker } from './lazy-worker.ts';

const call = lazyWorker<EncodeWorkerApi>(
  () => new Worker(new URL('../../workers/encode.worker.ts', import.meta.url), { type: 'module', name: 'vivify-encode' }),
);

/** Frames made on this thread and not yet handed to the worker (or closed). The cancel test expects 0. */
let framesInHand = 0;

export type VideoExportOptions = Omit<ExportOptions, 'width' | 'height' | 'fps' | 'frameCount'>;

export interface RunOptions {
  signal?: AbortSignal;
  onProgress?: ProgressCallback;
}

async function exportVideo(source: FrameSource, options: VideoExportOptions, run: RunOptions = {}): Promise<ExportResult> {
  const { signal, onProgress } = run;
  if (signal?.aborted) throw new CancelledError('export cancelled before it began');
  const w = call.remote();
  // Align on this side: the worker then receives exactly the audio it needs,
  // transferred, and the caller's driver audio stays intact for preview.
  const audio = options.audio && alignAudio(options.audio, source.frameCount, source.fps, options.audioStartSeconds ?? 0);
  const full: ExportOptions = { ...options, audio, audioStartSeconds: 0, width: source.width, height: source.height, fps: source.fps, frameCount: source.frameCount };
  const onAbort = () => void w.cancel().catch(() => undefined);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    await call(() => w.begin(transfer(full, audio ? audio.channels.map((c) => c.buffer as ArrayBuffer) : []), onProgress ? proxy(onProgress) : undefined));
    for (let i = 0; i < source.frameCount; i++) {
      if (signal?.aborted) throw new CancelledError('export cancelled');
      const frame = await source.frame(i);
      framesInHand++;
      if (signal?.aborted) {
        frame.close();
        framesInHand--;
        throw new CancelledError('export cancelled');
      }
      // Transferred: after postMessage this thread's handle is closed, the worker owns the frame.
      const sent = call(() => w.addFrame(transfer(frame, [frame])));
      framesInHand--;
      await sent;
    }
    if (signal?.aborted) throw new CancelledError('export cancelled');
    return await call(() => w.finish());
  } catch (e) {
    // Whatever failed, the worker must not keep encoders or a partial file.
    await w.cancel().catch(() => undefined);
    throw signal?.aborted ? new CancelledError('export cancelled') : e;
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}

/** Offers the finished file to the user as a download. */
function save(result: ExportResult): void {
  const url = URL.createObjectURL(result.file);
  const a = Object.assign(document.createElement('a'), { href: url, download: result.fileName });
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own reference once started; keep the URL alive briefly for slow starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export interface SyntheticExport {
  format: ExportOptions['format'];
  width: number;
  height: number;
  fps: number;
  seconds: number;
  /** Attach a synthetic voice (chirps) of this length; omit for a silent export. */
  audioSeconds?: number;
  audioChannels?: number;
  forceFfmpeg?: boolean;
  transparentCorner?: boolean;
  bitrate?: number;
}

export const encodeClient = {
  exportVideo,
  save,
  /** The synthetic test pattern through the real path: for tests, the bench and a demo. */
  exportSynthetic: (o: SyntheticExport, run: RunOptions = {}) => {
    const frameCount = Math.round(o.seconds * o.fps);
    const source = syntheticFrames({ width: o.width, height: o.height, fps: o.fps, frameCount, transparentCorner: o.transparentCorner ?? o.format !== 'mp4' });
    const audio = o.audioSeconds ? syntheticVoice(o.audioSeconds, 48_000, o.audioChannels ?? 1) : undefined;
    return exportVideo(source, { format: o.format, audio, forceFfmpeg: o.forceFfmpeg, bitrate: o.bitrate, name: `vivify-synthetic-${o.width}x${o.height}` }, run);
  },
  motionJson: (track: MotionTrack) => new Blob([motionTrackJson(track)], { type: 'application/json' }),
  arkitCsv: (track: MotionTrack) => new Blob([arkitCsv(track)], { type: 'text/csv' }),
  stats: async (): Promise<EncodeStats & { framesInHand: number }> => ({ ...(await call((w) => w.stats())), framesInHand }),
  cancel: () => call((w) => w.cancel()),
  measureThroughput: (options: ExportOptions) => call((w) => w.measureThroughput(options)),
};

export type EncodeClient = typeof encodeClient;
