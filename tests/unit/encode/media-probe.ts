/**
 * Node-side checks of exported files with Debian's ffprobe/ffmpeg (installed
 * in CI by .ci/run). Shared by the encode browser tests and unit tests.
 */
import { execFileSync } from 'node:child_process';

export interface ProbeStream {
  index: number;
  codec_type: 'video' | 'audio' | string;
  codec_name: string;
  profile?: string;
  level?: number;
  width?: number;
  height?: number;
  pix_fmt?: string;
  r_frame_rate?: string;
  avg_frame_rate?: string;
  start_time?: string;
  duration?: string;
  nb_frames?: string;
  sample_rate?: string;
  channels?: number;
  tags?: Record<string, string>;
}

export interface Probe {
  streams: ProbeStream[];
  format: { format_name: string; duration?: string; start_time?: string };
}

export function ffprobe(path: string): Probe {
  const out = execFileSync('ffprobe', ['-v', 'error', '-show_streams', '-show_format', '-of', 'json', path], { encoding: 'utf8' });
  return JSON.parse(out) as Probe;
}

/** Decodes every frame of every stream; ffmpeg prints nothing at `-v error` when the file is sound. */
export function decodeErrors(path: string, inputArgs: string[] = []): string {
  try {
    return execFileSync('ffmpeg', ['-v', 'error', ...inputArgs, '-i', path, '-f', 'null', '-'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] }).trim();
  } catch (e) {
    return String((e as { stderr?: string }).stderr ?? e);
  }
}

/** Every decoded video frame's luma plane (gray8), in order. */
export function decodeLuma(path: string, width: number, height: number): Uint8Array[] {
  const raw = execFileSync('ffmpeg', ['-v', 'error', '-i', path, '-map', '0:v:0', '-f', 'rawvideo', '-pix_fmt', 'gray', '-'], { maxBuffer: 1 << 30 });
  const size = width * height;
  const frames: Uint8Array[] = [];
  for (let at = 0; at + size <= raw.length; at += size) frames.push(new Uint8Array(raw.buffer, raw.byteOffset + at, size));
  return frames;
}

/** "30000/1001" → 29.97 */
export function rate(r: string | undefined): number {
  const [n, d] = (r ?? '0/1').split('/').map(Number);
  return n! / (d || 1);
}

/** Top-level MP4 box types in file order, e.g. ['ftyp', 'moov', 'mdat']. */
export function topLevelBoxes(bytes: Uint8Array): string[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const types: string[] = [];
  for (let at = 0; at + 8 <= bytes.length; ) {
    let size = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    if (size === 1) size = Number(view.getBigUint64(at + 8));
    if (size === 0) size = bytes.length - at;
    types.push(type);
    if (size < 8) break;
    at += size;
  }
  return types;
}
