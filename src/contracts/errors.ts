/**
 * Typed errors shared by every stage. Each carries a sentence for the user that
 * says what to do, so the UI never has to guess from a stack trace.
 *
 * Comlink passes a thrown Error across the worker boundary as {name, message,
 * stack}; `name` is therefore the error's identity, and `reviveError` turns it
 * back into the right class on the main thread.
 *
 * Each class states its name as a string (`static readonly errorName`): the
 * production build minifies class names, so `constructor.name` would differ
 * between the worker bundle and the page and nothing could be revived.
 */

export abstract class VivifyError extends Error {
  static readonly errorName: string = 'VivifyError';
  abstract readonly userMessage: string;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = (new.target as unknown as { errorName: string }).errorName;
  }
}

/** A concrete error class, as the registry needs it. */
export type VivifyErrorClass = (new (message: string) => VivifyError) & { errorName: string };

export class WebGPUUnavailableError extends VivifyError {
  static override readonly errorName = 'WebGPUUnavailableError';
  readonly userMessage =
    'This browser has no usable WebGPU, so Vivify runs on the slower WASM engine. Use a current Chrome or Edge for full speed.';
}

export class ModelNotFoundError extends VivifyError {
  static override readonly errorName = 'ModelNotFoundError';
  readonly userMessage = 'A model Vivify needs is not in this build. Reload the page; if it persists, reinstall or rebuild the app.';
}

export class ModelFetchError extends VivifyError {
  static override readonly errorName = 'ModelFetchError';
  readonly userMessage =
    'A model could not be downloaded from this site. Check the connection (only needed on the first visit) and try again.';
}

export class ModelIntegrityError extends VivifyError {
  static override readonly errorName = 'ModelIntegrityError';
  readonly userMessage =
    'A downloaded model was damaged (its checksum did not match). Reload the page to fetch it again; if it persists, clear the model cache in Diagnostics.';
}

export class StorageQuotaError extends VivifyError {
  static override readonly errorName = 'StorageQuotaError';
  readonly userMessage =
    'The browser refused to store models (storage is full or private browsing is on). Vivify still works, but will download models again next time. Free some space to keep them.';
}

export class BackendUnavailableError extends VivifyError {
  static override readonly errorName = 'BackendUnavailableError';
  readonly userMessage = 'The requested compute engine is not available in this browser. Choose "automatic" in Diagnostics.';
}

export class ModelRunError extends VivifyError {
  static override readonly errorName = 'ModelRunError';
  readonly userMessage = 'A model failed while running. Try again; if it keeps failing, switch the engine to WASM in Diagnostics.';
}

export class UnsupportedMediaError extends VivifyError {
  static override readonly errorName = 'UnsupportedMediaError';
  readonly userMessage =
    'This file could not be read. Use a photo (JPEG, PNG, WebP) or an audio file (WAV, MP3, M4A, Ogg, FLAC).';
}

export class NoFaceError extends VivifyError {
  static override readonly errorName = 'NoFaceError';
  readonly userMessage =
    'No face was found in this photo. Choose a photo where the face is clearly visible, turned mostly towards the camera and not too small.';
}

export class CancelledError extends VivifyError {
  static override readonly errorName = 'CancelledError';
  readonly userMessage = 'Cancelled.';
}

const registry: Record<string, VivifyErrorClass> = {};

/** Register another stage's error class so it survives the worker boundary. */
export function registerError(ctor: VivifyErrorClass): void {
  registry[ctor.errorName] = ctor;
}

export function registeredErrors(): VivifyErrorClass[] {
  return Object.values(registry);
}

for (const ctor of [
  WebGPUUnavailableError,
  ModelNotFoundError,
  ModelFetchError,
  ModelIntegrityError,
  StorageQuotaError,
  BackendUnavailableError,
  ModelRunError,
  UnsupportedMediaError,
  NoFaceError,
  CancelledError,
]) {
  registerError(ctor);
}

/** Rebuild a typed error from what comlink delivered; unknown errors pass through. */
export function reviveError(e: unknown): unknown {
  if (e instanceof VivifyError || !(e instanceof Error)) return e;
  const ctor = registry[e.name];
  if (!ctor) return e;
  const revived = new ctor(e.message);
  revived.stack = e.stack;
  return revived;
}

export function userMessageOf(e: unknown): string {
  const r = reviveError(e);
  if (r instanceof VivifyError) return r.userMessage;
  return 'Something went wrong. Your work is kept; try again, and if it repeats, reload the page.';
}
