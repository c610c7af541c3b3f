/**
 * The studio's choices (style, size, format…), with defaults, validation and
 * memory in localStorage.
 *
 * What is read back is never trusted: an older version may have stored fewer
 * fields or other names, a person may have edited it in devtools, and another
 * tab may have written half of it. Each field is checked on its own, so one
 * bad field falls back to its default without losing the others.
 */
import { EMOTIONS, STYLES, type EmotionName, type StyleName } from '../../motion/styles.ts';

export const RESOLUTION_PRESETS = ['512', '720p', '1080p', '1440p', '4k'] as const;
export const CROP_PRESETS = ['photo', 'square', '9:16', '16:9'] as const;
export const FPS_CHOICES = [24, 25, 30, 60] as const;
export const OUTPUT_FORMATS = ['mp4', 'webm-alpha', 'png-zip'] as const;

export type ResolutionPreset = (typeof RESOLUTION_PRESETS)[number];
export type CropPreset = (typeof CROP_PRESETS)[number];
export type Fps = (typeof FPS_CHOICES)[number];
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

export interface StudioSettings {
  style: StyleName;
  emotion: EmotionName;
  /** Emotion intensity in [0, 1]. */
  intensity: number;
  /** Unsigned 32-bit: the same seed gives the same motion. */
  seed: number;
  resolution: { preset: ResolutionPreset; crop: CropPreset };
  fps: Fps;
  format: OutputFormat;
}

/** Matches the motion stage's defaults (src/motion/synthesise.ts DEFAULTS), so a fresh studio and a bare API call agree. */
export const DEFAULT_SETTINGS: Readonly<StudioSettings> = Object.freeze({
  style: 'conversational',
  emotion: 'neutral',
  intensity: 0.7,
  seed: 1,
  resolution: Object.freeze({ preset: '1080p', crop: 'photo' }),
  fps: 25,
  format: 'mp4',
}) as StudioSettings;

export const SETTINGS_KEY = 'vivify.settings.v1';

function oneOf<T>(choices: readonly T[], value: unknown, fallback: T): T {
  return choices.includes(value as T) ? (value as T) : fallback;
}

function record(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

/** Any value in, valid settings out: unknown or out-of-range fields take their default. */
export function validateSettings(value: unknown): StudioSettings {
  const v = record(value);
  const r = record(v.resolution);
  const d = DEFAULT_SETTINGS;
  const intensity = typeof v.intensity === 'number' && Number.isFinite(v.intensity) ? Math.min(1, Math.max(0, v.intensity)) : d.intensity;
  const seed = typeof v.seed === 'number' && Number.isInteger(v.seed) && v.seed >= 0 && v.seed <= 0xffffffff ? v.seed : d.seed;
  return {
    style: oneOf(STYLES, v.style, d.style),
    emotion: oneOf(EMOTIONS, v.emotion, d.emotion),
    intensity,
    seed,
    resolution: { preset: oneOf(RESOLUTION_PRESETS, r.preset, d.resolution.preset), crop: oneOf(CROP_PRESETS, r.crop, d.resolution.crop) },
    fps: oneOf(FPS_CHOICES, v.fps, d.fps),
    format: oneOf(OUTPUT_FORMATS, v.format, d.format),
  };
}

/** The part of the Storage interface used, so tests can pass a Map-backed one. */
export type SettingsStorage = Pick<Storage, 'getItem' | 'setItem'>;

function defaultStorage(): SettingsStorage | null {
  try {
    return globalThis.localStorage ?? null;
  } catch {
    // Reading localStorage itself throws when storage is blocked for the site.
    return null;
  }
}

export function loadSettings(storage: SettingsStorage | null = defaultStorage()): StudioSettings {
  try {
    const raw = storage?.getItem(SETTINGS_KEY);
    return validateSettings(raw ? JSON.parse(raw) : undefined);
  } catch {
    return validateSettings(undefined);
  }
}

/** Returns false when the browser refused to store them (blocked or full); the studio keeps working with them in memory. */
export function saveSettings(settings: StudioSettings, storage: SettingsStorage | null = defaultStorage()): boolean {
  try {
    if (!storage) return false;
    storage.setItem(SETTINGS_KEY, JSON.stringify(validateSettings(settings)));
    return true;
  } catch {
    return false;
  }
}
