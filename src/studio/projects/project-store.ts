/**
 * Projects saved in the browser: the photo, the voice, the settings, the
 * timeline edits and which face was picked, so a reload or a later visit
 * finds the work where it was left.
 *
 * Layout in the key-value store (IndexedDB 'vivify-projects' in the browser):
 * - `project:<id>`  the whole project, blobs included;
 * - `summary:<id>`  what the list shows, so listing never reads photos back;
 * - `rig:<sha256>`  a built rig, keyed by the photo's hash: the same photo in
 *                   two projects is analysed once;
 * - `last`          the id of the project last saved or opened.
 * Summaries and rigs are caches of the project records: a failure to write
 * them loses nothing that cannot be rebuilt.
 */
import { RIG_VERSION, type Rig } from '../../contracts/rig.ts';
import { isQuotaError } from '../../runtime/weight-cache.ts';
import type { KeyValueStore } from '../../runtime/key-value-store.ts';
import { sha256Hex } from '../../runtime/sha256.ts';
import type { VoiceOrigin } from '../inputs/voice-intake.ts';
import { ProjectQuotaError, ProjectStorageError } from './project-errors.ts';
import { DEFAULT_SETTINGS, validateSettings, type StudioSettings } from './settings-store.ts';

export const PROJECT_DB_NAME = 'vivify-projects';
export const PROJECT_STORE_NAME = 'projects';

export type { VoiceOrigin };

export interface Project {
  id: string;
  name: string;
  /** Milliseconds since the epoch. */
  createdAt: number;
  updatedAt: number;
  photo?: { blob: Blob; name: string };
  voice?: { blob: Blob; name: string; origin: VoiceOrigin };
  settings: StudioSettings;
  /** The timeline's TrackEdit[]; stored as given. */
  edits: unknown[];
  faceIndex: number;
  /** sha256 of the photo's bytes: the key of its cached rig. */
  rigKey?: string;
}

export interface ProjectSummary {
  id: string;
  name: string;
  createdAt: number;
  updatedAt: number;
  photoName?: string;
  voiceName?: string;
  rigKey?: string;
}

const projectKey = (id: string) => `project:${id}`;
const summaryKey = (id: string) => `summary:${id}`;
const rigKey = (hash: string) => `rig:${hash}`;
const LAST_KEY = 'last';

export function newProject(name = 'Untitled', settings: StudioSettings = DEFAULT_SETTINGS, now = Date.now()): Project {
  return { id: crypto.randomUUID(), name, createdAt: now, updatedAt: now, settings: plainCopy(settings), edits: [], faceIndex: 0 };
}

/** The rig-cache key of a photo. */
export async function photoHash(photo: Blob): Promise<string> {
  return sha256Hex(await photo.arrayBuffer());
}

function summaryOf(p: Project): ProjectSummary {
  return {
    id: p.id,
    name: p.name,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    ...(p.photo && { photoName: p.photo.name }),
    ...(p.voice && { voiceName: p.voice.name }),
    ...(p.rigKey && { rigKey: p.rigKey }),
  };
}

/** A project record read back from storage, checked field by field: older versions or damage must not break opening. */
function revive(value: unknown, id: string): Project | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const v = value as Partial<Project>;
  const time = (t: unknown) => (typeof t === 'number' && Number.isFinite(t) ? t : 0);
  const blobOk = (x: { blob?: unknown } | undefined) => x !== undefined && x.blob instanceof Blob;
  return {
    id,
    name: typeof v.name === 'string' && v.name ? v.name : 'Untitled',
    createdAt: time(v.createdAt),
    updatedAt: time(v.updatedAt),
    ...(blobOk(v.photo) && { photo: { blob: v.photo!.blob, name: String(v.photo!.name ?? 'photo') } }),
    ...(blobOk(v.voice) && {
      voice: { blob: v.voice!.blob, name: String(v.voice!.name ?? 'voice'), origin: (['file', 'mic', 'sample'] as const).find((o) => o === v.voice!.origin) ?? 'file' },
    }),
    settings: validateSettings(v.settings),
    edits: Array.isArray(v.edits) ? v.edits : [],
    faceIndex: Number.isInteger(v.faceIndex) && v.faceIndex! >= 0 ? v.faceIndex! : 0,
    ...(typeof v.rigKey === 'string' && { rigKey: v.rigKey }),
  };
}

/**
 * A structured-clone-safe copy: plain objects and arrays are rebuilt, so a
 * Svelte `$state` proxy (which IndexedDB refuses with DataCloneError) can be
 * saved as it is; blobs and typed arrays are immutable or owned and pass as-is.
 */
export function plainCopy<T>(value: T): T {
  if (Array.isArray(value)) return value.map(plainCopy) as T;
  if (typeof value !== 'object' || value === null) return value;
  if (value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value) || value instanceof Date) return value;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    const field = (value as Record<string, unknown>)[key];
    if (field !== undefined && typeof field !== 'function') out[key] = plainCopy(field);
  }
  return out as T;
}

/** Quota failures become ProjectQuotaError, anything else ProjectStorageError; both keep the cause. */
function storageError(e: unknown, what: string): Error {
  const detail = `${what}: ${e instanceof Error ? `${e.name}: ${e.message}` : String(e)}`;
  return isQuotaError(e) ? new ProjectQuotaError(detail, { cause: e }) : new ProjectStorageError(detail, { cause: e });
}

async function guarded<T>(what: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (e) {
    throw storageError(e, what);
  }
}

export interface ProjectStore {
  /** Newest first (by updatedAt), without blobs. */
  listProjects(): Promise<ProjectSummary[]>;
  loadProject(id: string): Promise<Project | undefined>;
  /** Stores the project as given (updatedAt is the caller's) and remembers it as the last one. */
  saveProject(p: Project): Promise<void>;
  /** Also drops its cached rig when no other project uses the same photo. */
  deleteProject(id: string): Promise<void>;
  lastProjectId(): Promise<string | undefined>;
  rememberProject(id: string): Promise<void>;
  putRig(hash: string, rig: Rig): Promise<void>;
  getRig(hash: string): Promise<Rig | undefined>;
}

export function projectStore(kv: KeyValueStore): ProjectStore {
  async function summaries(): Promise<ProjectSummary[]> {
    const keys = (await kv.keys()).filter((k) => k.startsWith('summary:'));
    const all = await Promise.all(keys.map((k) => kv.get(k)));
    return all.filter((s): s is ProjectSummary => typeof s === 'object' && s !== null && typeof (s as ProjectSummary).id === 'string');
  }

  return {
    listProjects: () =>
      guarded('list projects', async () => (await summaries()).sort((a, b) => b.updatedAt - a.updatedAt || b.createdAt - a.createdAt)),

    loadProject: (id) => guarded(`load project ${id}`, async () => revive(await kv.get(projectKey(id)), id)),

    saveProject: (p) =>
      guarded(`save project ${p.id}`, async () => {
        // The record first: if the summary write then fails, the project is kept and only the list is stale.
        await kv.set(projectKey(p.id), plainCopy(p));
        await kv.set(summaryKey(p.id), summaryOf(p));
        await kv.set(LAST_KEY, p.id);
      }),

    deleteProject: (id) =>
      guarded(`delete project ${id}`, async () => {
        const gone = (await kv.get(summaryKey(id))) as ProjectSummary | undefined;
        await kv.del(projectKey(id));
        await kv.del(summaryKey(id));
        if ((await kv.get(LAST_KEY)) === id) await kv.del(LAST_KEY);
        if (gone?.rigKey && !(await summaries()).some((s) => s.rigKey === gone.rigKey)) await kv.del(rigKey(gone.rigKey));
      }),

    lastProjectId: () =>
      guarded('read the last project', async () => {
        const id = await kv.get(LAST_KEY);
        return typeof id === 'string' ? id : undefined;
      }),

    rememberProject: (id) => guarded('remember the last project', () => kv.set(LAST_KEY, id)),

    putRig: (hash, rig) => guarded(`cache rig ${hash}`, () => kv.set(rigKey(hash), rig)),

    getRig: (hash) =>
      guarded(`read rig ${hash}`, async () => {
        const rig = (await kv.get(rigKey(hash))) as Rig | undefined;
        // A rig built by an older version is rebuilt, not fed to a renderer that expects another layout.
        return rig?.version === RIG_VERSION ? rig : undefined;
      }),
  };
}

export interface Autosaver {
  /** Saves `p` after `delayMs` of quiet; a newer call replaces an older unsaved one. */
  schedule(p: Project): void;
  /** Saves whatever is waiting now; resolves when it (and any save in flight) is stored. */
  flush(): Promise<void>;
  /** Whether a change is waiting or being written. */
  readonly pending: boolean;
  /** Flushes, then stops listening for pagehide. */
  dispose(): Promise<void>;
}

export interface AutosaveOptions {
  /** After each stored save (for a "Saved" note). */
  onSaved?: (p: Project) => void;
  /** A save failed (ProjectQuotaError / ProjectStorageError); the project stays in memory and the next change retries. */
  onError?: (e: unknown) => void;
  /** Where pagehide and visibilitychange are heard; the window in the browser, omitted in tests. */
  target?: EventTarget;
}

/**
 * Coalesces rapid changes (a slider drag is dozens a second) into one write
 * per quiet period, and writes at once when the page is hidden or left: on
 * mobile a hidden tab may be killed without another event, so "hidden" is
 * treated as "leaving" too.
 */
export function autosaver(store: Pick<ProjectStore, 'saveProject'>, delayMs: number, options: AutosaveOptions = {}): Autosaver {
  let waiting: Project | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let writing: Promise<void> = Promise.resolve();
  let inFlight = 0;

  const write = (): Promise<void> => {
    clearTimeout(timer);
    timer = undefined;
    const p = waiting;
    waiting = undefined;
    if (!p) return writing;
    inFlight++;
    // Writes are chained so an older snapshot can never land after a newer one.
    writing = writing.then(async () => {
      try {
        await store.saveProject(p);
        options.onSaved?.(p);
      } catch (e) {
        options.onError?.(e);
      } finally {
        inFlight--;
      }
    });
    return writing;
  };

  const onLeave = () => void write();
  const onVisibility = () => {
    if ((globalThis as { document?: Document }).document?.visibilityState === 'hidden') void write();
  };
  options.target?.addEventListener('pagehide', onLeave);
  options.target?.addEventListener('visibilitychange', onVisibility);

  return {
    schedule(p) {
      waiting = p;
      clearTimeout(timer);
      timer = setTimeout(() => void write(), delayMs);
    },
    flush: write,
    get pending() {
      return waiting !== undefined || inFlight > 0;
    },
    async dispose() {
      options.target?.removeEventListener('pagehide', onLeave);
      options.target?.removeEventListener('visibilitychange', onVisibility);
      await write();
    },
  };
}
