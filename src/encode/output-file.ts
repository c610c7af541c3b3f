/**
 * Where an export's bytes go while it is being made. In the Origin Private
 * File System when the browser has it: a long 4K video is then on disk, not
 * in memory, and the Blob handed back is a reference to that file. Otherwise
 * in memory, which is correct but only as flat as the video is short.
 */
import type { StreamTargetChunk } from 'mediabunny';
import { ExportStorageError } from './errors.ts';

export interface OutputFile {
  /** Positioned writes: the MP4 muxer seeks back to fill in the reserved moov. */
  readonly writable: WritableStream<StreamTargetChunk>;
  /** Bytes written so far (the highest end position). */
  readonly size: number;
  finish(mimeType: string): Promise<Blob>;
  /** Deletes what was written; used on cancel so no partial file is left. */
  discard(): Promise<void>;
}

const DIR = 'vivify-exports';

/** Removes files of earlier exports. Their Blobs become unreadable, so this runs only when a new export starts. */
export async function clearOldExports(): Promise<void> {
  const root = await opfsRoot();
  if (!root) return;
  try {
    await root.removeEntry(DIR, { recursive: true });
  } catch {
    // Absent, or a file still open in another tab: either way nothing to do.
  }
}

export async function openOutputFile(name: string): Promise<OutputFile> {
  const root = await opfsRoot();
  if (root) {
    try {
      const dir = await root.getDirectoryHandle(DIR, { create: true });
      const handle = await dir.getFileHandle(name, { create: true });
      const access = await handle.createSyncAccessHandle();
      access.truncate(0);
      return opfsFile(dir, name, handle, access);
    } catch {
      // No sync access here (not a worker, or private mode): keep it in memory.
    }
  }
  return memoryFile();
}

async function opfsRoot(): Promise<FileSystemDirectoryHandle | undefined> {
  try {
    return await navigator.storage?.getDirectory?.();
  } catch {
    return undefined;
  }
}

function opfsFile(dir: FileSystemDirectoryHandle, name: string, handle: FileSystemFileHandle, access: FileSystemSyncAccessHandle): OutputFile {
  let size = 0;
  let open = true;
  const close = () => {
    if (open) access.close();
    open = false;
  };
  return {
    writable: new WritableStream<StreamTargetChunk>({
      write(chunk) {
        try {
          access.write(chunk.data, { at: chunk.position });
        } catch (e) {
          throw new ExportStorageError(`OPFS write failed at ${chunk.position}: ${String(e)}`);
        }
        size = Math.max(size, chunk.position + chunk.data.byteLength);
      },
    }),
    get size() {
      return size;
    },
    async finish(mimeType) {
      access.flush();
      close();
      // A Blob made of the File still reads from disk; it only adds the type.
      return new Blob([await handle.getFile()], { type: mimeType });
    },
    async discard() {
      close();
      await dir.removeEntry(name).catch(() => undefined);
    },
  };
}

function memoryFile(): OutputFile {
  let buf = new Uint8Array(1 << 20);
  let size = 0;
  return {
    writable: new WritableStream<StreamTargetChunk>({
      write(chunk) {
        const end = chunk.position + chunk.data.byteLength;
        if (end > buf.length) {
          const grown = new Uint8Array(Math.max(end, buf.length * 2));
          grown.set(buf.subarray(0, size));
          buf = grown;
        }
        buf.set(chunk.data, chunk.position);
        size = Math.max(size, end);
      },
    }),
    get size() {
      return size;
    },
    async finish(mimeType) {
      return new Blob([buf.subarray(0, size)], { type: mimeType });
    },
    async discard() {
      buf = new Uint8Array(0);
      size = 0;
    },
  };
}
