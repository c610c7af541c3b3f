/** The user's engine choice (automatic, WebGPU or WASM), remembered across visits. */
import type { BackendPreference } from '../runtime/backend-choice.ts';

const KEY = 'vivify.backend';
const VALUES: BackendPreference[] = ['auto', 'webgpu', 'wasm'];

export function readBackendPreference(): BackendPreference {
  try {
    const v = localStorage.getItem(KEY);
    return VALUES.includes(v as BackendPreference) ? (v as BackendPreference) : 'auto';
  } catch {
    return 'auto'; // storage blocked: the default is always safe
  }
}

export function writeBackendPreference(v: BackendPreference): void {
  try {
    localStorage.setItem(KEY, v);
  } catch {
    /* storage blocked: the choice lasts for this visit only */
  }
}
