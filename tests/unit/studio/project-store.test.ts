/**
 * The projects store on an in-memory KeyValueStore: list order, blobs round
 * trip, rig sharing between projects, quota failure with the app going on,
 * old or damaged records, and the autosaver's coalescing and pagehide flush.
 */
import { describe, expect, it, vi } from 'vitest';
import { RIG_VERSION, type Rig } from '../../../src/contracts/rig.ts';
import { memoryStore, type KeyValueStore } from '../../../src/runtime/key-value-store.ts';
import { userMessageOf } from '../../../src/contracts/errors.ts';
import { ProjectQuotaError, ProjectStorageError } from '../../../src/studio/projects/project-errors.ts';
import { autosaver, newProject, photoHash, plainCopy, projectStore, type Project } from '../../../src/studio/projects/project-store.ts';
import { DEFAULT_SETTINGS } from '../../../src/studio/projects/settings-store.ts';

const rig = (w: number): Rig => ({
  version: RIG_VERSION, photo: { width: w, height: w }, layers: [],
  images: { photo: { width: 1, height: 1, data: new Uint8Array([1, 2, 3, 255]) } },
});

function withPhoto(p: Project, bytes: number[], name = 'me.jpg'): Project {
  return { ...p, photo: { blob: new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name } };
}

/** A store whose writes start failing like a full disk does in Chromium. */
function fullAfter(writes: number): KeyValueStore & { data: Map<string, unknown> } {
  const inner = memoryStore();
  let left = writes;
  return {
    ...inner,
    set: async (k, v) => {
      if (left-- <= 0) throw new DOMException('The quota has been exceeded.', 'QuotaExceededError');
      return inner.set(k, v);
    },
  };
}

describe('projectStore', () => {
  it('saves and reloads a project with its photo and voice blobs', async () => {
    const store = projectStore(memoryStore());
    const p: Project = {
      ...withPhoto(newProject('Grandma', DEFAULT_SETTINGS, 1000), [0xff, 0xd8, 0xff, 1, 2]),
      voice: { blob: new Blob(['RIFF....WAVE'], { type: 'audio/wav' }), name: 'hello.wav', origin: 'mic' },
      edits: [{ kind: 'jaw', at: 1.5, value: 0.2 }],
      faceIndex: 1,
      rigKey: 'abc',
    };
    await store.saveProject(p);
    const back = await store.loadProject(p.id);
    expect(back).toMatchObject({ id: p.id, name: 'Grandma', edits: p.edits, faceIndex: 1, rigKey: 'abc', settings: DEFAULT_SETTINGS });
    expect(new Uint8Array(await back!.photo!.blob.arrayBuffer())).toEqual(new Uint8Array([0xff, 0xd8, 0xff, 1, 2]));
    expect(await back!.voice!.blob.text()).toBe('RIFF....WAVE');
    expect(back!.voice!.origin).toBe('mic');
    expect(await store.lastProjectId()).toBe(p.id);
  });

  it('lists newest first, with names but no blobs', async () => {
    const store = projectStore(memoryStore());
    const a = withPhoto(newProject('A', DEFAULT_SETTINGS, 1), [1]);
    const b = newProject('B', DEFAULT_SETTINGS, 2);
    const c = newProject('C', DEFAULT_SETTINGS, 3);
    for (const p of [b, c, a]) await store.saveProject(p);
    await store.saveProject({ ...a, updatedAt: 10 }); // edited last, so it comes first
    const list = await store.listProjects();
    expect(list.map((s) => s.name)).toEqual(['A', 'C', 'B']);
    expect(list[0]).toEqual({ id: a.id, name: 'A', createdAt: 1, updatedAt: 10, photoName: 'me.jpg' });
    expect(JSON.stringify(list)).not.toContain('blob');
  });

  it('shares one cached rig between projects with the same photo, and drops it with the last of them', async () => {
    const kv = memoryStore();
    const store = projectStore(kv);
    const photo = [0xff, 0xd8, 0xff, 7, 7, 7];
    const hash = await photoHash(new Blob([new Uint8Array(photo)]));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    const one = { ...withPhoto(newProject('one'), photo), rigKey: hash };
    const two = { ...withPhoto(newProject('two'), photo), rigKey: hash };
    const other = { ...withPhoto(newProject('other'), [9]), rigKey: 'other-hash' };
    for (const p of [one, two, other]) await store.saveProject(p);
    await store.putRig(hash, rig(512));
    await store.putRig('other-hash', rig(64));

    await store.deleteProject(one.id);
    expect(await store.loadProject(one.id)).toBeUndefined();
    expect((await store.getRig(hash))?.photo.width).toBe(512); // still used by "two"
    expect((await store.getRig(hash))?.images.photo!.data).toEqual(new Uint8Array([1, 2, 3, 255]));

    await store.deleteProject(two.id);
    expect(await store.getRig(hash)).toBeUndefined();
    expect(await store.getRig('other-hash')).toBeDefined();
    expect((await store.listProjects()).map((s) => s.name)).toEqual(['other']);
  });

  it('forgets the last project when it is deleted', async () => {
    const store = projectStore(memoryStore());
    const a = newProject('a');
    const b = newProject('b');
    await store.saveProject(a);
    await store.saveProject(b);
    await store.rememberProject(a.id);
    expect(await store.lastProjectId()).toBe(a.id);
    await store.deleteProject(b.id);
    expect(await store.lastProjectId()).toBe(a.id);
    await store.deleteProject(a.id);
    expect(await store.lastProjectId()).toBeUndefined();
  });

  it('ignores a rig from another rig version', async () => {
    const kv = memoryStore();
    kv.data.set('rig:h', { ...rig(8), version: 0 });
    expect(await projectStore(kv).getRig('h')).toBeUndefined();
  });

  it('turns a full disk into ProjectQuotaError, and what was saved before is intact', async () => {
    const kv = fullAfter(3); // one whole save (record, summary, last)
    const store = projectStore(kv);
    const p = newProject('kept', DEFAULT_SETTINGS, 1);
    await store.saveProject(p);
    const e = await store.saveProject({ ...p, name: 'renamed', updatedAt: 2 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ProjectQuotaError);
    expect(userMessageOf(e)).toMatch(/no room left/);
    expect((await store.loadProject(p.id))?.name).toBe('kept');
    expect(await store.listProjects()).toHaveLength(1);
    await expect(store.putRig('h', rig(4))).rejects.toBeInstanceOf(ProjectQuotaError);
  });

  it('turns unavailable storage into ProjectStorageError', async () => {
    const dead: KeyValueStore = {
      get: () => Promise.reject(new DOMException('IndexedDB is disabled', 'InvalidStateError')),
      set: () => Promise.reject(new DOMException('IndexedDB is disabled', 'InvalidStateError')),
      del: () => Promise.reject(new DOMException('IndexedDB is disabled', 'InvalidStateError')),
      keys: () => Promise.reject(new DOMException('IndexedDB is disabled', 'InvalidStateError')),
    };
    const store = projectStore(dead);
    await expect(store.listProjects()).rejects.toBeInstanceOf(ProjectStorageError);
    await expect(store.lastProjectId()).rejects.toBeInstanceOf(ProjectStorageError);
  });

  it('opens an old or damaged record with defaults for what is missing', async () => {
    const kv = memoryStore();
    kv.data.set('project:old', { name: 'from v0', photo: { blob: 'not a blob', name: 'x' }, settings: { style: 'calm', fps: 12 }, faceIndex: -2 });
    const p = await projectStore(kv).loadProject('old');
    expect(p).toMatchObject({ id: 'old', name: 'from v0', edits: [], faceIndex: 0, settings: { ...DEFAULT_SETTINGS, style: 'calm' } });
    expect(p!.photo).toBeUndefined();
  });

  it('stores a plain copy, so a reactive proxy (Svelte $state) can be saved', async () => {
    const target = newProject('proxied');
    const proxied = new Proxy(target, {});
    const copy = plainCopy(proxied);
    expect(copy).toEqual(target);
    expect(structuredClone(copy)).toEqual(target);
    // newProject copies settings given as a proxy too (structuredClone would throw on one).
    const fromProxy = newProject('p', new Proxy({ ...DEFAULT_SETTINGS, resolution: { ...DEFAULT_SETTINGS.resolution } }, {}));
    expect(structuredClone(fromProxy.settings)).toEqual(DEFAULT_SETTINGS);
    const blob = new Blob(['x']);
    expect(plainCopy({ blob, data: new Uint8Array([1]) }).blob).toBe(blob);
  });
});

describe('autosaver', () => {
  it('coalesces rapid changes into one save of the latest state', async () => {
    vi.useFakeTimers();
    try {
      const saved: string[] = [];
      const saver = autosaver({ saveProject: async (p) => void saved.push(p.name) }, 500);
      const p = newProject('v0');
      for (let i = 1; i <= 20; i++) {
        saver.schedule({ ...p, name: `v${i}` });
        await vi.advanceTimersByTimeAsync(100); // a slider drag: never 500 ms quiet
      }
      expect(saved).toEqual([]);
      expect(saver.pending).toBe(true);
      await vi.advanceTimersByTimeAsync(500);
      expect(saved).toEqual(['v20']);
      expect(saver.pending).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('writes at once on pagehide, and keeps order when writes are slow', async () => {
    const target = new EventTarget();
    const saved: string[] = [];
    let release!: () => void;
    const slowFirst = new Promise<void>((r) => (release = r));
    const store = { saveProject: async (p: Project) => { if (p.name === 'a') await slowFirst; saved.push(p.name); } };
    const saver = autosaver(store, 60_000, { target });
    saver.schedule({ ...newProject(), name: 'a' });
    target.dispatchEvent(new Event('pagehide'));
    saver.schedule({ ...newProject(), name: 'b' });
    const flushed = saver.flush();
    release();
    await flushed;
    expect(saved).toEqual(['a', 'b']);
    await saver.dispose();
  });

  it('reports a failed save and goes on saving later changes', async () => {
    const errors: unknown[] = [];
    const kv = memoryStore();
    let full = true;
    const store = projectStore({ ...kv, set: async (k, v) => { if (full) throw new DOMException('full', 'QuotaExceededError'); await kv.set(k, v); } });
    const saver = autosaver(store, 10, { onError: (e) => errors.push(e) });
    const p = newProject('too big');
    saver.schedule(p);
    await saver.flush();
    expect(errors[0]).toBeInstanceOf(ProjectQuotaError);
    full = false; // the person deleted an old project
    saver.schedule({ ...p, name: 'fits now' });
    await saver.flush();
    expect((await store.loadProject(p.id))?.name).toBe('fits now');
    expect(errors).toHaveLength(1);
  });
});
