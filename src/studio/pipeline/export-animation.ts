/**
 * Rig + motion track + driver audio → a file, through the renderer and the
 * encode worker. The encode client trims a copy of the driver's audio to the
 * video, so the caller's samples stay intact for the preview.
 */
import type { MotionTrack } from '../../contracts/motion.ts';
import type { ExportFormat, ExportResult } from '../../encode/export-options.ts';
import type { PcmAudio } from '../../encode/pcm-audio.ts';
import type { CropRect } from '../../render/frame-renderer.ts';
import { encodeClient, type RunOptions } from '../encode-client.ts';
import { renderedFrames } from './rendered-frames.ts';

export interface AnimationExport {
  track: MotionTrack;
  format: ExportFormat;
  width: number;
  height: number;
  crop?: CropRect;
  /** The driver audio; omitted → a silent video. PNG sequences carry none. */
  audio?: PcmAudio;
  name: string;
  /** Export only frames [from, to) of the track (a selection on the timeline); the audio follows. */
  range?: { from: number; to: number };
}

export async function exportAnimation(e: AnimationExport, run: RunOptions = {}): Promise<ExportResult> {
  // WebM and PNG frames are for compositing: the person over transparency. MP4 has no alpha.
  const background = e.format === 'mp4' ? 'photo' : 'transparent';
  const from = Math.max(0, Math.min(e.track.frameCount - 1, e.range?.from ?? 0));
  const to = Math.max(from + 1, Math.min(e.track.frameCount, e.range?.to ?? e.track.frameCount));
  const track = from === 0 && to === e.track.frameCount ? e.track : { ...e.track, frameCount: to - from, frames: e.track.frames.slice(from, to) };
  const source = renderedFrames(track, { width: e.width, height: e.height, background, crop: e.crop });
  const audio = e.format === 'png-zip' ? undefined : e.audio;
  return encodeClient.exportVideo(source, { format: e.format, audio, audioStartSeconds: from / e.track.fps, name: e.name }, run);
}
