/**
 * From one hop of audio features to articulation targets: how far the jaw
 * opens, whether the lips are sealed, or the lower lip is tucked under the
 * teeth. Rounding and spreading, and where in the mouth a closure is, need
 * the sound around the hop: lip-cues.ts hears those.
 *
 * Method: formant-band acoustics, no text and no language model, so it works
 * for any language and for singing.
 * - Jaw: the first formant rises with jaw opening (/a/ ≈ 700 Hz, /i/ /u/ ≈ 300 Hz),
 *   and a wide-open vocal tract also radiates more energy in the F1 band. So the
 *   400–1100 Hz band level relative to the speaker's level is a direct jaw
 *   measure. On the festival fixtures, open vowels sit 5–10 dB below the speech
 *   level in this band, close vowels 15–22 dB, nasals 25–30 dB, stop closures 40+.
 * - Lip seal: during /m/ (and the voice bar of /b/) the sound leaves through the
 *   nose or not at all: a strong 80–400 Hz murmur with the F1 band 12–16 dB
 *   below it, against 6–10 dB for close vowels. A silent stop closure is simply
 *   quiet. Both mean closed lips.
 * - Teeth: frication (flat spectrum) that is weak, like /f/; loud high frication
 *   (/s/, /sh/) shows the teeth with the lips apart instead.
 * The constants come from the per-phone feature means of the festival fixtures
 * (tests/fixtures/speech), measured in tests/unit/motion/articulation.test.ts.
 */
import type { FeatureFrame } from './audio-features.ts';
import type { Levels } from './voice-activity.ts';
import { smoothStep } from './voice-activity.ts';

export interface Articulation {
  /** Jaw opening, 0 closed … 1 widest for this speaker. */
  jaw: number;
  /** Lips sealed (p, b, m, and rest). */
  seal: number;
  /** Lower lip under the upper teeth (f, v). */
  labiodental: number;
  /** Teeth together and visible, lips apart (s, z, sh). */
  sibilant: number;
}

export const SILENT_ARTICULATION: Readonly<Articulation> = Object.freeze({
  jaw: 0, seal: 1, labiodental: 0, sibilant: 0,
});

const JAW_CLOSED_DB = -36; // F1-band level, relative to speech level, at which the jaw is shut
const JAW_OPEN_DB = -4; // … and at which it is fully open
const F1_CLOSE_HZ = 300; // F1 centroid of /i/ and /u/
const F1_OPEN_HZ = 650; // … of /a/
const MURMUR_GAP_DB = 11.5; // low band minus F1 band above which the lips are sealed

export function articulate(f: FeatureFrame, lv: Levels): Articulation {
  const active = lv.activity;
  if (active <= 0) return SILENT_ARTICULATION;
  const rel = f.f1Db - lv.speechDb;
  // Loud F1 band × high F1: /i/ can be loud, but its F1 stays near 300 Hz.
  const height = 0.55 + 0.45 * smoothStep((f.f1Hz - F1_CLOSE_HZ) / (F1_OPEN_HZ - F1_CLOSE_HZ));
  const jaw = smoothStep((rel - JAW_CLOSED_DB) / (JAW_OPEN_DB - JAW_CLOSED_DB)) * height * active;
  // A murmur only counts when there is real low-frequency energy, not a quiet hiss.
  const murmur = sigmoid((f.lowDb - f.f1Db - MURMUR_GAP_DB) / 1.5) * smoothStep((f.lowDb - lv.speechDb + 32) / 8);
  // Quiet relative to the speaker: a stop closure or a pause.
  const hush = 1 - smoothStep((f.energyDb - lv.speechDb + 36) / 8);
  const seal = Math.max(murmur, hush, 1 - active);
  const noisy = smoothStep((f.flatness - 0.06) / 0.1) * active;
  const sibilant = noisy * smoothStep((f.centroidHz - 2800) / 1200) * smoothStep((f.fricDb - lv.speechDb + 30) / 10);
  const labiodental = noisy * (1 - sibilant) * (1 - hush);
  return { jaw, seal, labiodental, sibilant };
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}
