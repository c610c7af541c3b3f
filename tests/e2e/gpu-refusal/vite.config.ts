/**
 * Serves the GPU-refusal page (tests/e2e/gpu-refusal.spec.ts starts it as a
 * Vite dev server): the model runtime alone, on models the page builds itself.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  // ORT finds its .wasm next to its own module: pre-bundling would move it.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
});
