/**
 * Codec strings (RFC 6381 / WebCodecs registry) for the size and frame rate
 * asked for. Browsers check the level against the stream: Chromium refuses
 * `avc1.640028` (level 4.0) for 3840×2160 at 60 fps, so the level has to be
 * computed, not hard-coded.
 */

export interface H264Choice {
  /** e.g. `avc1.640028` */
  codec: string;
  profile: 'High';
  /** level_idc as an integer: 40 means level 4.0, 52 means 5.2. */
  levelIdc: number;
  /** Human form for notes and ffmpeg's `-level`: "4.0", "5.2". */
  level: string;
}

interface H264Level {
  idc: number;
  /** MaxMBPS: macroblocks per second. */
  mbps: number;
  /** MaxFS: macroblocks per frame. */
  fs: number;
  /** MaxBR for High profile in kbit/s (Baseline/Main MaxBR × 1.25, Table A-2). */
  highKbps: number;
}

// ITU-T H.264 (08/2021) Table A-1, levels 3 and above (smaller ones buy nothing:
// every player that plays 3.0 plays less). Level 1b is omitted for the same reason.
const H264_LEVELS: readonly H264Level[] = [
  { idc: 30, mbps: 40_500, fs: 1_620, highKbps: 12_500 },
  { idc: 31, mbps: 108_000, fs: 3_600, highKbps: 17_500 },
  { idc: 32, mbps: 216_000, fs: 5_120, highKbps: 25_000 },
  { idc: 40, mbps: 245_760, fs: 8_192, highKbps: 25_000 },
  { idc: 41, mbps: 245_760, fs: 8_192, highKbps: 62_500 },
  { idc: 42, mbps: 522_240, fs: 8_704, highKbps: 62_500 },
  { idc: 50, mbps: 589_824, fs: 22_080, highKbps: 168_750 },
  { idc: 51, mbps: 983_040, fs: 36_864, highKbps: 300_000 },
  { idc: 52, mbps: 2_073_600, fs: 36_864, highKbps: 300_000 },
  { idc: 60, mbps: 4_177_920, fs: 139_264, highKbps: 300_000 },
  { idc: 61, mbps: 8_355_840, fs: 139_264, highKbps: 300_000 },
  { idc: 62, mbps: 16_711_680, fs: 139_264, highKbps: 300_000 },
];

const hex2 = (n: number) => n.toString(16).padStart(2, '0');

/**
 * The lowest High-profile level whose frame size, macroblock rate, bitrate and
 * frame dimensions (each side at most √(8·MaxFS) macroblocks, A.3.1 h/i) hold
 * the stream. The lowest level is the most widely playable one.
 */
export function chooseH264(width: number, height: number, fps: number, bitrate: number): H264Choice {
  const mbW = Math.ceil(width / 16);
  const mbH = Math.ceil(height / 16);
  const fs = mbW * mbH;
  const mbps = fs * fps;
  const level = H264_LEVELS.find(
    (l) => fs <= l.fs && mbps <= l.mbps && bitrate <= l.highKbps * 1000 && Math.max(mbW, mbH) <= Math.sqrt(8 * l.fs),
  );
  if (!level) throw new RangeError(`no H.264 level holds ${width}x${height} at ${fps} fps and ${bitrate} bit/s`);
  return {
    // profile_idc 100 (High), constraint flags 0, level_idc.
    codec: `avc1.64${hex2(0)}${hex2(level.idc)}`,
    profile: 'High',
    levelIdc: level.idc,
    level: `${Math.floor(level.idc / 10)}.${level.idc % 10}`,
  };
}

// VP9 levels from the WebM project's "VP9 Levels and Decoder Testing" table:
// [level as in the codec string, max luma sample rate, max luma picture size].
const VP9_LEVELS: readonly (readonly [number, number, number])[] = [
  [10, 829_440, 36_864],
  [11, 2_764_800, 73_728],
  [20, 4_608_000, 122_880],
  [21, 9_216_000, 245_760],
  [30, 20_736_000, 552_960],
  [31, 36_864_000, 983_040],
  [40, 83_558_400, 2_228_224],
  [41, 160_432_128, 2_228_224],
  [50, 311_951_360, 8_912_896],
  [51, 588_251_136, 8_912_896],
  [52, 1_176_502_272, 8_912_896],
  [60, 1_176_502_272, 35_651_584],
  [61, 2_353_004_544, 35_651_584],
  [62, 4_706_009_088, 35_651_584],
];

/** `vp09.00.LL.08`: profile 0 (4:2:0 8-bit, what every decoder has), the lowest level that fits. */
export function chooseVp9(width: number, height: number, fps: number): string {
  const picture = width * height;
  const level = VP9_LEVELS.find(([, rate, size]) => picture <= size && picture * fps <= rate);
  if (!level) throw new RangeError(`no VP9 level holds ${width}x${height} at ${fps} fps`);
  return `vp09.00.${String(level[0]).padStart(2, '0')}.08`;
}

/**
 * Target bitrate: 0.1 bit per pixel per frame, a common rule of thumb for
 * H.264 talking-head content that looks clean at 1080p30 (≈6 Mbit/s) without
 * bloating 4K60 past what a phone uploads (≈50 Mbit/s). Floored so tiny
 * previews do not starve.
 */
export function defaultBitrate(width: number, height: number, fps: number): number {
  return Math.max(500_000, Math.round(width * height * fps * 0.1));
}
