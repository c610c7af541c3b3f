/**
 * The encode worker's API: one export at a time, fed frame by frame.
 *
 *   begin(options, onProgress) → addFrame(frame) × frameCount → finish() → ExportResult
 *                                            ↘ cancel() at any point
 *
 * addFrame resolves only when the encoder can take the next frame, so the
 * producer (renderer, or the synthetic source) is paced by the encoder and
 * the number of frames alive stays constant however long the video is.
 */
import { CancelledError, VivifyError } from '../contracts/errors.ts';
import type { ProgressCallback } from '../contracts/progress.ts';
import { EncodeFailedError, ExportStateError, EncoderUnsupportedError } from './errors.ts';
import type { ExportJob, JobContext } from './export-job.ts';
import { validateOptions, type EncodeStats, type ExportOptions, type ExportResult } from './export-options.ts';
import { FfmpegRuntime } from './ffmpeg-runtime.ts';
import { FrameLedger, type AnyFrame } from './frame-ledger.ts';
import { startMp4Job } from './mp4-job.ts';
import { clearOldExports, openOutputFile } from './output-file.ts';
import { ProgressMeter } from './progress-meter.ts';
import { startPngZipJob } from './png-zip-job.ts';
import { startWebmAlphaJob } from './webm-alpha-job.ts';

interface Active {
  options: ExportOptions;
  job: ExportJob;
  fallbacks: string[];
  fileName: string;
  done: number;
  cancelled: boolean;
  meter: ProgressMeter;
}

export function createEncodeSession() {
  const ledger = new FrameLedger();
  const ffmpeg = new FfmpegRuntime();
  let active: Active | undefined;
  let starting = false;

  const fail = async (e: unknown): Promise<never> => {
    const cancelled = active?.cancelled ?? false;
    await active?.job.abort();
    ledger.closeAll();
    active = undefined;
    if (cancelled) throw new CancelledError('export cancelled');
    if (e instanceof VivifyError) throw e;
    throw new EncodeFailedError(String(e), { cause: e });
  };

  return {
    async begin(options: ExportOptions, onProgress?: ProgressCallback): Promise<{ fallbacks: string[]; videoCodec?: string; videoBackend?: string; audioBackend?: string }> {
      if (active || starting) throw new ExportStateError('an export is already running');
      const invalid = validateOptions(options);
      if (invalid) throw new EncoderUnsupportedError(invalid);
      starting = true;
      try {
        await clearOldExports();
        const meter = new ProgressMeter(options.frameCount, onProgress);
        const base = (options.name ?? 'vivify').replace(/[^\w.-]+/g, '-');
        const extension = options.format === 'mp4' ? 'mp4' : options.format === 'webm-alpha' ? 'webm' : 'zip';
        const fileName = `${base}.${extension}`;
        const file = await openOutputFile(fileName);
        const fallbacks: string[] = [];
        const ctx: JobContext = { options, ledger, ffmpeg, file, fallbacks, onStage: (stage, note) => meter.stage(stage, note) };
        let job: ExportJob;
        try {
          job =
            options.format === 'mp4' ? await startMp4Job(ctx) : options.format === 'webm-alpha' ? await startWebmAlphaJob(ctx) : await startPngZipJob(ctx);
        } catch (e) {
          await file.discard().catch(() => undefined);
          throw e;
        }
        active = { options, job, fallbacks, fileName, done: 0, cancelled: false, meter };
        return { fallbacks, videoCodec: job.videoCodec, videoBackend: job.videoBackend, audioBackend: job.audioBackend };
      } catch (e) {
        if (e instanceof VivifyError) throw e;
        throw new EncodeFailedError(String(e), { cause: e });
      } finally {
        starting = false;
      }
    },

    /** Takes ownership of the frame (transfer it), closes it when used; resolves when the next may come. */
    async addFrame(frame: AnyFrame): Promise<void> {
      ledger.adopt(frame);
      const a = active;
      if (!a || a.cancelled) {
        ledger.close(frame);
        throw a?.cancelled ? new CancelledError('export cancelled') : new ExportStateError('addFrame without begin');
      }
      if (a.done >= a.options.frameCount) {
        ledger.close(frame);
        throw new ExportStateError(`more than the ${a.options.frameCount} frames announced`);
      }
      try {
        await a.job.add(frame, a.done);
      } catch (e) {
        ledger.close(frame);
        if (active === a) await fail(e);
        throw new CancelledError('export cancelled');
      }
      a.done++;
      a.meter.frame(a.done);
    },

    async finish(): Promise<ExportResult> {
      const a = active;
      if (!a) throw new ExportStateError('finish without begin');
      try {
        a.meter.stage('finalise', 'writing the file');
        const file = await a.job.finish();
        if (a.cancelled) throw new CancelledError('export cancelled');
        active = undefined;
        const result: ExportResult = {
          file,
          fileName: a.fileName,
          mimeType: a.job.mimeType,
          videoCodec: a.job.videoCodec,
          videoBackend: a.job.videoBackend,
          audioBackend: a.job.audioBackend,
          fallbacks: a.fallbacks,
          frames: a.done,
          seconds: a.meter.elapsedSeconds,
        };
        a.meter.finished();
        return result;
      } catch (e) {
        if (active === a) return fail(e);
        throw new CancelledError('export cancelled');
      }
    },

    /** Stops the export: encoders closed, every frame closed, ffmpeg stopped, the partial file deleted. */
    async cancel(): Promise<void> {
      const a = active;
      if (!a) return;
      a.cancelled = true;
      active = undefined;
      await a.job.abort();
      ledger.closeAll();
    },

    stats(): EncodeStats {
      return { liveFrames: ledger.live, active: active !== undefined, ffmpegBusy: ffmpeg.busy, openEncoders: active?.job.openEncoders ?? 0 };
    },
  };
}

export type EncodeSession = ReturnType<typeof createEncodeSession>;
