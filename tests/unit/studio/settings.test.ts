/** Settings survive a reload, and anything damaged or old falls back field by field. */
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SETTINGS, loadSettings, saveSettings, SETTINGS_KEY, validateSettings, type SettingsStorage, type StudioSettings,
} from '../../../src/studio/projects/settings-store.ts';
import { DEFAULTS as MOTION_DEFAULTS } from '../../../src/motion/synthesise.ts';

function mapStorage(): SettingsStorage & { map: Map<string, string> } {
  const map = new Map<string, string>();
  return { map, getItem: (k) => map.get(k) ?? null, setItem: (k, v) => void map.set(k, v) };
}

const chosen: StudioSettings = {
  style: 'expressive', emotion: 'happy', intensity: 0.4, seed: 987654321,
  resolution: { preset: '4k', crop: '9:16' }, fps: 60, format: 'webm-alpha',
};

describe('settings', () => {
  it('defaults agree with the motion stage', () => {
    expect(DEFAULT_SETTINGS).toMatchObject({
      style: MOTION_DEFAULTS.style, emotion: MOTION_DEFAULTS.emotion, intensity: MOTION_DEFAULTS.intensity,
      seed: MOTION_DEFAULTS.seed, fps: MOTION_DEFAULTS.fps,
    });
  });

  it('round-trips chosen settings through storage', () => {
    const s = mapStorage();
    expect(saveSettings(chosen, s)).toBe(true);
    expect(loadSettings(s)).toEqual(chosen);
  });

  it('falls back to defaults on nothing, broken JSON, or a non-object', () => {
    const s = mapStorage();
    expect(loadSettings(s)).toEqual(DEFAULT_SETTINGS);
    s.map.set(SETTINGS_KEY, '{"style": "expressive", ');
    expect(loadSettings(s)).toEqual(DEFAULT_SETTINGS);
    s.map.set(SETTINGS_KEY, '[1,2,3]');
    expect(loadSettings(s)).toEqual(DEFAULT_SETTINGS);
    expect(loadSettings(null)).toEqual(DEFAULT_SETTINGS);
  });

  it('keeps the good fields of an old or damaged value and replaces only the bad ones', () => {
    const old = { style: 'expressive', emotion: 'furious', intensity: 7, seed: -3, resolution: { preset: '8k' }, fps: 29.97, format: 'gif', extra: true };
    expect(validateSettings(old)).toEqual({
      ...DEFAULT_SETTINGS,
      style: 'expressive',
      intensity: 1, // clamped, not discarded: the person meant "strong"
      resolution: { preset: DEFAULT_SETTINGS.resolution.preset, crop: DEFAULT_SETTINGS.resolution.crop },
    });
    expect(validateSettings({ intensity: Number.NaN, seed: 1.5 })).toMatchObject({ intensity: DEFAULT_SETTINGS.intensity, seed: DEFAULT_SETTINGS.seed });
  });

  it('a storage that throws (blocked or full) reports false and loading still works', () => {
    const broken: SettingsStorage = {
      getItem: () => { throw new DOMException('denied', 'SecurityError'); },
      setItem: () => { throw new DOMException('full', 'QuotaExceededError'); },
    };
    expect(saveSettings(chosen, broken)).toBe(false);
    expect(loadSettings(broken)).toEqual(DEFAULT_SETTINGS);
  });

  it('never shares the frozen defaults with a caller who edits the result', () => {
    const s = validateSettings(undefined);
    s.resolution.crop = 'square';
    expect(DEFAULT_SETTINGS.resolution.crop).toBe('photo');
  });
});
