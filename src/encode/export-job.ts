/** What each output format implements; the session drives it frame by frame. */
import type { FfmpegRuntime } from './ffmpeg-runtime.ts';
import type { AnyFrame, FrameLedger } from './frame-ledger.ts';
import type { ExportOptions, VideoBackend } from './export-options.ts';
import type { OutputFile } from './output-file.ts';

export interface JobContext {
  options: ExportOptions;
  ledger: FrameLedger;
  ffmpeg: FfmpegRuntime;
  file: OutputFile;
  /** Reasons a preferred backend was skipped; the job appends to it. */
  fallbacks: string[];
  /** Reports a preparatory stage (audio encoding, loading ffmpeg). */
  onStage(stage: string, note?: string): void;
}

export interface ExportJob {
  readonly mimeType: string;
  readonly extension: string;
  readonly videoCodec?: string;
  readonly videoBackend?: VideoBackend;
  readonly audioBackend?: VideoBackend;
  /** Encoders configured and not closed, for the cancel test. */
  readonly openEncoders: number;
  /** Takes the frame (already adopted by the ledger) and closes it; resolves when the next may come. */
  add(frame: AnyFrame, index: number): Promise<void>;
  finish(): Promise<Blob>;
  /** Stops everything, frees encoders, deletes the partial file. Must not throw. */
  abort(): Promise<void>;
}

/** Re-stamps a producer's frame with its place in the output, so timestamps cannot drift or repeat. */
export function stampedVideoFrame(ledger: FrameLedger, frame: AnyFrame, index: number, fps: number): VideoFrame {
  const stamped = ledger.adopt(
    new VideoFrame(frame, { timestamp: Math.round((index * 1e6) / fps), duration: Math.round(1e6 / fps) }),
  );
  ledger.close(frame);
  return stamped;
}

/** Keyframe spacing: every 2 s, what streaming sites recommend and what keeps seeking snappy. */
export const keyFrameAt = (index: number, fps: number): boolean => index % Math.max(1, Math.round(fps * 2)) === 0;
