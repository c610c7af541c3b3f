/** What an export is asked to make, and what it hands back. Plain data: it crosses the worker boundary. */
import type { PcmAudio } from './pcm-audio.ts';

export type ExportFormat = 'mp4' | 'webm-alpha' | 'png-zip';

export interface ExportOptions {
  format: ExportFormat;
  /** Even numbers, up to 3840×2160 (4:2:0 video needs even sizes). */
  width: number;
  height: number;
  fps: number;
  /** The frames that will arrive; the file is laid out for exactly this many. */
  frameCount: number;
  /** The driver's audio; trimmed and padded to frameCount/fps. MP4 only. */
  audio?: PcmAudio;
  /** Seconds into the driver's audio where frame 0 sits. */
  audioStartSeconds?: number;
  /** Video bits per second; a size- and rate-based default when absent. */
  bitrate?: number;
  /** Skip WebCodecs for the MP4 (video and audio) and use ffmpeg.wasm: tests and the bench. */
  forceFfmpeg?: boolean;
  /** File name without extension. */
  name?: string;
}

export type VideoBackend = 'webcodecs' | 'ffmpeg';

export interface ExportResult {
  /** On disk (OPFS) when the browser allows, so a long video is never held in memory. */
  file: Blob;
  fileName: string;
  mimeType: string;
  /** RFC 6381 codec string of the video track, when there is one. */
  videoCodec?: string;
  videoBackend?: VideoBackend;
  audioBackend?: VideoBackend;
  /** Why a preferred backend was skipped, in order (e.g. "AudioEncoder refuses mp4a.40.2"). */
  fallbacks: string[];
  frames: number;
  /** Wall time from the first frame to the finished file. */
  seconds: number;
}

export interface EncodeStats {
  /** VideoFrames the worker holds right now (received or made, not yet closed). */
  liveFrames: number;
  /** True while an export is between begin and finish/cancel. */
  active: boolean;
  /** True while ffmpeg.wasm is running a command. */
  ffmpegBusy: boolean;
  /** Encoders that are configured and not closed. */
  openEncoders: number;
}

export const MAX_WIDTH = 3840;
export const MAX_HEIGHT = 2160;
export const MAX_FPS = 60;

export function validateOptions(o: ExportOptions): string | undefined {
  if (!Number.isInteger(o.width) || !Number.isInteger(o.height) || o.width < 16 || o.height < 16) return 'size must be whole pixels, at least 16';
  if (o.width % 2 || o.height % 2) return '4:2:0 video needs an even width and height';
  if (Math.max(o.width, o.height) > MAX_WIDTH || Math.min(o.width, o.height) > MAX_HEIGHT) return `size is above ${MAX_WIDTH}×${MAX_HEIGHT}`;
  if (!(o.fps > 0 && o.fps <= MAX_FPS)) return `fps must be in (0, ${MAX_FPS}]`;
  if (!Number.isInteger(o.frameCount) || o.frameCount < 1) return 'frameCount must be a positive whole number';
  return undefined;
}
