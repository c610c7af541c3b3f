/** Small pieces of studio behaviour that are not state: status wording, the sample, keyboard focus rules. */
import type { Progress } from '../../contracts/progress.ts';
import type { PhotoStatus, StudioSession } from './studio-session.svelte.ts';

/** Served from our own origin (public/samples/, see its NOTICE). */
export const SAMPLE_PHOTO = { url: 'samples/astronaut.png', name: 'astronaut.png' };
export const SAMPLE_VOICE = { url: 'samples/voice.wav', name: 'LibriVox sample voice' };

const STEP_NAMES: Record<string, string> = { faces: 'finding faces', body: 'finding the body', hands: 'finding hands', matte: 'cutting out the person' };

export function photoStatusText(status: PhotoStatus, progress: Progress | null): string {
  if (status === 'checking') return 'Reading the photo…';
  if (status === 'rigging') return 'Building the rig (layers, meshes, eyes and mouth)…';
  if (status === 'analysing') {
    if (progress && progress.total > 0) {
      const what = progress.note ? (STEP_NAMES[progress.note] ?? progress.note) : 'analysing';
      return `Analysing the photo: ${what} (${Math.min(progress.done + 1, progress.total)} of ${progress.total})…`;
    }
    return 'Analysing the photo (loading the models the first time)…';
  }
  return '';
}

/** Keys typed into a field are the field's, not shortcuts. */
export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['checkbox', 'radio', 'button'].includes(target.type);
  return false;
}

async function fetchSample(url: string): Promise<Blob> {
  const res = await fetch(new URL(url, new URL(import.meta.env.BASE_URL, location.origin)));
  if (!res.ok) throw new Error(`The sample could not be loaded (${res.status}). Reload the page and try again.`);
  return res.blob();
}

/** One click: the sample photo and the sample voice, analysed and synthesised side by side. */
export async function loadSample(session: StudioSession): Promise<void> {
  const [photo, voice] = await Promise.all([fetchSample(SAMPLE_PHOTO.url), fetchSample(SAMPLE_VOICE.url)]);
  await Promise.all([session.setPhoto(photo, 'sample', SAMPLE_PHOTO.name), session.setVoice(voice, 'sample', SAMPLE_VOICE.name)]);
}
