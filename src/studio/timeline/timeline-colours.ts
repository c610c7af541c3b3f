/**
 * Colours of the timeline's curves and ranges. Every one is used for text too
 * (legends, edit chips), so each keeps at least 4.5:1 contrast against the
 * theme's panel (#1b2130); tests/unit/motion/edits checks it.
 */
import type { EmotionName } from '../../motion/styles.ts';

export const PANEL = '#1b2130';

export const EMOTION_COLOURS: Record<EmotionName, string> = {
  neutral: '#b8c2d6',
  happy: '#f4b860',
  serious: '#7fb0ff',
  surprised: '#d59cff',
  sad: '#6fc6e0',
};

export const MUTE_COLOUR = '#ff9b85';

export const CURVE_COLOURS = {
  yaw: '#7fb0ff',
  pitch: '#6fd49a',
  roll: '#f08fb8',
  smile: '#f4b860',
  brows: '#d59cff',
} as const;

export const SPEECH_COLOUR = '#6fd49a';
export const BLINK_COLOUR = '#9fd8ff';

/** WCAG 2 contrast ratio between two #rrggbb colours. */
export function contrast(a: string, b: string): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function luminance(hex: string): number {
  const c = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
  return 0.2126 * c[0]! + 0.7152 * c[1]! + 0.0722 * c[2]!;
}
