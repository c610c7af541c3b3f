/**
 * The studio's state and the glue between the stages: photo → analysis →
 * rig, voice → motion track, edits on top, preview and export. One instance
 * per page. Components read its fields and call its methods; the heavy work
 * runs in the workers behind the clients.
 *
 * Every failure lands in the field of the input it belongs to, as the
 * sentence the typed error carries, and leaves the rest of the session as it
 * was: a bad voice never costs the user their analysed photo.
 */
import type { PhotoAnalysis } from '../../contracts/analysis.ts';
import { CancelledError, reviveError, userMessageOf } from '../../contracts/errors.ts';
import type { MotionTrack } from '../../contracts/motion.ts';
import type { Progress } from '../../contracts/progress.ts';
import type { Rig } from '../../contracts/rig.ts';
import type { ExportResult } from '../../encode/export-options.ts';
import type { PcmAudio } from '../../encode/pcm-audio.ts';
import { applyEdits, type TrackEdit } from '../../motion/track-edits.ts';
import { readBackendPreference } from '../backend-preference.ts';
import { motionClient } from '../motion-client.ts';
import { preparePhoto } from '../inputs/photo-intake.ts';
import { IMAGE_HEADER_BYTES, readImageSize, sniffImageType } from '../inputs/image-type.ts';
import { decodeVoice } from '../inputs/voice-intake.ts';
import { analysePhotoBlob, loadIntoRenderer, rigForFace } from '../pipeline/photo-stage.ts';
import { exportAnimation } from '../pipeline/export-animation.ts';
import { outputSize, type OutputSize } from '../projects/output-size.ts';
import { loadSettings, saveSettings, type StudioSettings } from '../projects/settings-store.ts';
import { autosaver, newProject, photoHash, projectStore, type Project, type ProjectSummary, type VoiceOrigin } from '../projects/project-store.ts';
import { indexedDbStore } from '../../runtime/key-value-store.ts';
import { PROJECT_DB_NAME, PROJECT_STORE_NAME } from '../projects/project-store.ts';

export type PhotoOrigin = 'drop' | 'paste' | 'picker' | 'webcam' | 'sample' | 'project';
export type PhotoStatus = 'empty' | 'checking' | 'analysing' | 'rigging' | 'ready' | 'no-face' | 'error';
export type VoiceStatus = 'empty' | 'decoding' | 'synthesising' | 'ready' | 'error';
export type ExportStatus = 'idle' | 'exporting' | 'done' | 'cancelled' | 'error';

/** Preview renders at most this long side: the export renders the chosen size. */
const PREVIEW_LONG_SIDE = 512;

export class StudioSession {
  settings = $state<StudioSettings>(loadSettings());

  photo = $state.raw<{ blob: Blob; url: string; name: string; width: number; height: number } | null>(null);
  photoStatus = $state<PhotoStatus>('empty');
  photoProgress = $state.raw<Progress | null>(null);
  photoError = $state<string | null>(null);
  photoNote = $state<string | null>(null);
  analysis = $state.raw<PhotoAnalysis | null>(null);
  faceIndex = $state(0);
  rig = $state.raw<Rig | null>(null);
  /** Bumped each time the render worker holds a new rig. */
  rigVersion = $state(0);

  voice = $state.raw<{ blob: Blob; name: string; origin: VoiceOrigin; seconds: number } | null>(null);
  voiceStatus = $state<VoiceStatus>('empty');
  voiceError = $state<string | null>(null);
  audio = $state.raw<PcmAudio | null>(null);
  synthesisProgress = $state.raw<Progress | null>(null);
  track = $state.raw<MotionTrack | null>(null);
  edits = $state.raw<TrackEdit[]>([]);
  readonly editedTrack = $derived(this.track ? applyEdits(this.track, this.edits) : null);

  /** Seconds of the track to export; null = all of it. */
  exportRange = $state<{ start: number; end: number } | null>(null);
  exportStatus = $state<ExportStatus>('idle');
  exportProgress = $state.raw<{ done: number; total: number; fps: number; etaSeconds: number | null } | null>(null);
  exportResult = $state.raw<(ExportResult & { url: string }) | null>(null);
  exportError = $state<string | null>(null);

  projects = $state.raw<ProjectSummary[]>([]);
  project = $state.raw<Project>(newProject());
  saveError = $state<string | null>(null);

  private readonly store = projectStore(indexedDbStore(PROJECT_DB_NAME, PROJECT_STORE_NAME));
  private readonly saver = autosaver(this.store, 600, {
    target: typeof window === 'undefined' ? undefined : window,
    onSaved: () => {
      this.saveError = null;
      void this.refreshProjects();
    },
    onError: (e) => (this.saveError = userMessageOf(e)),
  });
  private photoJob = 0;
  private voiceJob = 0;
  private synthesisAbort: AbortController | undefined;
  private exportAbort: AbortController | undefined;

  /** What the preview and the export show: output size for the settings, and the preview's smaller copy. */
  readonly output = $derived.by((): OutputSize | null => {
    if (!this.photo) return null;
    const face = this.analysis?.faces[this.faceIndex]?.box;
    return outputSize(this.photo.width, this.photo.height, this.settings.resolution.preset, this.settings.resolution.crop, face);
  });
  readonly previewSize = $derived.by(() => {
    const o = this.output;
    if (!o) return { width: PREVIEW_LONG_SIDE, height: PREVIEW_LONG_SIDE };
    const k = Math.min(1, PREVIEW_LONG_SIDE / Math.max(o.width, o.height));
    return { width: 2 * Math.round((o.width * k) / 2), height: 2 * Math.round((o.height * k) / 2) };
  });

  // ── photo ────────────────────────────────────────────────────────────────

  async setPhoto(file: Blob, origin: PhotoOrigin, name = 'photo', faceIndex = 0, prechecked = false): Promise<void> {
    const job = ++this.photoJob;
    const mine = () => job === this.photoJob;
    this.photoError = null;
    this.photoNote = null;
    this.photoStatus = 'checking';
    try {
      // PhotoInput has already checked (and if needed scaled) what it hands over; projects and the sample have not.
      const checked: { blob: Blob; width: number; height: number; scaledFrom?: { width: number; height: number } } = prechecked
        ? await dimensionsOf(file)
        : await preparePhoto(file);
      if (!mine()) return;
      if (checked.scaledFrom) {
        this.photoNote = `Scaled down from ${checked.scaledFrom.width}×${checked.scaledFrom.height} to ${checked.width}×${checked.height} to fit this computer's memory.`;
      }
      // The new photo replaces the old one only once it is known to be an image.
      if (this.photo) URL.revokeObjectURL(this.photo.url);
      this.photo = { blob: checked.blob, url: URL.createObjectURL(checked.blob), name, width: checked.width, height: checked.height };
      this.analysis = null;
      this.rig = null;
      this.photoStatus = 'analysing';
      const analysis = await analysePhotoBlob(checked.blob, { backend: readBackendPreference(), onProgress: (p) => mine() && (this.photoProgress = p) });
      if (!mine()) return;
      this.analysis = analysis;
      this.photoProgress = null;
      if (!analysis.faces.length) {
        this.photoStatus = 'no-face';
        this.photoError = 'No face was found in this photo. Choose a photo where the face is clearly visible, turned mostly towards the camera and not too small.';
        this.persist();
        return;
      }
      await this.useFace(Math.min(faceIndex, analysis.faces.length - 1), origin !== 'project');
    } catch (e) {
      if (!mine()) return;
      this.photoStatus = this.photo && this.analysis ? 'no-face' : 'error';
      this.photoError = userMessageOf(e);
      if (!this.analysis) this.photoStatus = 'error';
      console.warn('photo failed:', reviveError(e));
    }
  }

  /** Builds the rig for face `index` (several faces: the user's pick) and puts it on the GPU. */
  async useFace(index: number, save = true): Promise<void> {
    if (!this.photo || !this.analysis) return;
    const job = this.photoJob;
    this.faceIndex = index;
    this.photoStatus = 'rigging';
    try {
      const rig = await rigForFace(this.analysis, index);
      if (job !== this.photoJob) return;
      await loadIntoRenderer(this.photo.blob, rig);
      if (job !== this.photoJob) return;
      this.rig = rig;
      this.rigVersion++;
      this.photoStatus = 'ready';
      if (save) this.persist();
    } catch (e) {
      if (job !== this.photoJob) return;
      this.photoStatus = 'error';
      this.photoError = userMessageOf(e);
    }
  }

  // ── voice ────────────────────────────────────────────────────────────────

  async setVoice(file: Blob, origin: VoiceOrigin, name: string, keepEdits = false): Promise<void> {
    const job = ++this.voiceJob;
    this.voiceError = null;
    this.voiceStatus = 'decoding';
    try {
      const checked = await decodeVoice(file, (bytes) => motionClient.decode(bytes));
      if (job !== this.voiceJob) return;
      this.voice = { blob: file, name, origin, seconds: checked.seconds };
      this.audio = { sampleRate: checked.audio.sampleRate, channels: checked.audio.channels };
      if (!keepEdits) this.edits = [];
      await this.synthesise();
      this.persist();
    } catch (e) {
      if (job !== this.voiceJob) return;
      // The previous voice (if any) stays in use.
      this.voiceStatus = this.track ? 'ready' : 'error';
      this.voiceError = userMessageOf(e);
    }
  }

  /** (Re)makes the motion track from the voice and the motion settings. */
  async synthesise(): Promise<void> {
    const audio = this.audio;
    if (!audio) return;
    this.synthesisAbort?.abort();
    const abort = (this.synthesisAbort = new AbortController());
    this.voiceStatus = 'synthesising';
    const { style, emotion, intensity, seed, fps } = this.settings;
    try {
      // The worker takes the samples it is given: send a copy, keep ours for preview and export.
      const copy = { sampleRate: audio.sampleRate, channels: audio.channels.map((c) => c.slice()) };
      const track = await motionClient.synthesiseTrack(copy, { style, emotion, intensity, seed, fps }, {
        signal: abort.signal,
        onProgress: (p) => (this.synthesisProgress = p),
      });
      if (abort.signal.aborted) return;
      this.track = track;
      this.voiceStatus = 'ready';
      this.synthesisProgress = null;
    } catch (e) {
      if (reviveError(e) instanceof CancelledError || abort.signal.aborted) return;
      this.voiceStatus = 'error';
      this.voiceError = userMessageOf(e);
    }
  }

  // ── settings and edits ───────────────────────────────────────────────────

  updateSettings(patch: Partial<StudioSettings>): void {
    const before = this.settings;
    this.settings = { ...before, ...patch, resolution: { ...before.resolution, ...patch.resolution } };
    saveSettings(this.settings);
    const motionChanged = (['style', 'emotion', 'intensity', 'seed', 'fps'] as const).some((k) => before[k] !== this.settings[k]);
    if (motionChanged) void this.synthesise();
    this.persist();
  }

  shuffle(): void {
    this.updateSettings({ seed: (Math.random() * 2 ** 32) >>> 0 });
  }

  setEdits(next: TrackEdit[]): void {
    this.edits = next;
    this.persist();
  }

  // ── export ───────────────────────────────────────────────────────────────

  get canExport(): boolean {
    return this.photoStatus === 'ready' && !!this.editedTrack && this.exportStatus !== 'exporting';
  }

  async export(): Promise<void> {
    const track = this.editedTrack;
    const out = this.output;
    if (!track || !out || !this.canExport) return;
    this.exportAbort?.abort();
    const abort = (this.exportAbort = new AbortController());
    if (this.exportResult) URL.revokeObjectURL(this.exportResult.url);
    this.exportResult = null;
    this.exportError = null;
    this.exportStatus = 'exporting';
    this.exportProgress = { done: 0, total: track.frameCount, fps: 0, etaSeconds: null };
    const started = performance.now();
    try {
      const result = await exportAnimation(
        {
          track,
          format: this.settings.format,
          width: out.width,
          height: out.height,
          crop: out.crop,
          audio: this.audio ?? undefined,
          name: `vivify-${baseName(this.photo?.name ?? 'photo')}-${out.width}x${out.height}`,
          range: this.exportRange
            ? { from: Math.round(this.exportRange.start * track.fps), to: Math.round(this.exportRange.end * track.fps) }
            : undefined,
        },
        {
          signal: abort.signal,
          onProgress: (p) => {
            if (p.stage !== 'encode') return; // the other stages (audio, muxing) are short and say nothing about frames
            const seconds = (performance.now() - started) / 1000;
            const fps = p.done / Math.max(seconds, 1e-3);
            this.exportProgress = { done: p.done, total: p.total, fps, etaSeconds: fps > 0 ? (p.total - p.done) / fps : null };
          },
        },
      );
      this.exportResult = { ...result, url: URL.createObjectURL(result.file) };
      this.exportStatus = 'done';
    } catch (e) {
      if (reviveError(e) instanceof CancelledError) {
        this.exportStatus = 'cancelled';
      } else {
        this.exportStatus = 'error';
        this.exportError = userMessageOf(e);
      }
    } finally {
      this.exportProgress = this.exportStatus === 'exporting' ? this.exportProgress : null;
    }
  }

  cancelExport(): void {
    this.exportAbort?.abort();
  }

  // ── projects ─────────────────────────────────────────────────────────────

  async refreshProjects(): Promise<void> {
    try {
      this.projects = await this.store.listProjects();
    } catch (e) {
      this.saveError = userMessageOf(e);
    }
  }

  /** Queues an autosave of the current state (debounced; flushed when the page is hidden). */
  persist(): void {
    const p: Project = {
      ...this.project,
      name: this.photo ? baseName(this.photo.name) : this.project.name,
      updatedAt: Date.now(),
      photo: this.photo ? { blob: this.photo.blob, name: this.photo.name } : undefined,
      voice: this.voice ? { blob: this.voice.blob, name: this.voice.name, origin: this.voice.origin } : undefined,
      settings: $state.snapshot(this.settings) as StudioSettings,
      edits: [...this.edits],
      faceIndex: this.faceIndex,
    };
    this.project = p;
    this.saver.schedule(p);
  }

  /** Waits for pending saves (tests, and before switching projects). */
  flush(): Promise<void> {
    return this.saver.flush();
  }

  async openProject(id: string): Promise<void> {
    await this.saver.flush();
    const p = await this.store.loadProject(id);
    if (!p) return;
    await this.store.rememberProject(id);
    this.clear();
    this.project = p;
    this.settings = p.settings;
    const edits = p.edits as TrackEdit[];
    const jobs: Promise<void>[] = [];
    if (p.photo) jobs.push(this.setPhoto(p.photo.blob, 'project', p.photo.name, p.faceIndex));
    if (p.voice) jobs.push(this.setVoice(p.voice.blob, p.voice.origin, p.voice.name, true));
    this.edits = edits;
    await Promise.all(jobs);
  }

  async newProject(): Promise<void> {
    await this.saver.flush();
    this.clear();
    this.project = newProject('Untitled', this.settings);
  }

  async deleteProject(id: string): Promise<void> {
    await this.saver.flush();
    await this.store.deleteProject(id);
    if (id === this.project.id) await this.newProject();
    await this.refreshProjects();
  }

  /** On page load: the last project comes back. */
  async restore(): Promise<void> {
    await this.refreshProjects();
    const last = await this.store.lastProjectId().catch(() => undefined);
    if (last && this.projects.some((p) => p.id === last)) await this.openProject(last);
  }

  private clear(): void {
    this.photoJob++;
    this.voiceJob++;
    this.synthesisAbort?.abort();
    if (this.photo) URL.revokeObjectURL(this.photo.url);
    this.photo = null;
    this.photoStatus = 'empty';
    this.photoError = this.photoNote = null;
    this.analysis = null;
    this.rig = null;
    this.faceIndex = 0;
    this.voice = null;
    this.voiceStatus = 'empty';
    this.voiceError = null;
    this.audio = null;
    this.track = null;
    this.edits = [];
    this.exportStatus = 'idle';
    this.exportError = null;
    this.exportResult = null;
  }
}

/** Size of an already checked photo, read from its header when it has one (no decode), else by decoding. */
async function dimensionsOf(file: Blob): Promise<{ blob: Blob; width: number; height: number }> {
  const head = new Uint8Array(await file.slice(0, IMAGE_HEADER_BYTES).arrayBuffer());
  const type = sniffImageType(head);
  const stored = type ? readImageSize(head, type) : null;
  // The header's size ignores EXIF rotation; decoding with orientation applied is the only sure answer for JPEG.
  if (stored && type !== 'jpeg') return { blob: file, ...stored };
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  const size = { blob: file, width: bitmap.width, height: bitmap.height };
  bitmap.close();
  return size;
}

function baseName(name: string): string {
  return name.replace(/\.[^.]+$/, '').replace(/[^\p{L}\p{N}_-]+/gu, '-').slice(0, 40) || 'photo';
}
