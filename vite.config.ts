import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vite';
import { vivifyPwa } from './build/pwa-plugin.ts';

/**
 * Every response carries:
 * - COOP/COEP, so the page is cross-origin isolated: SharedArrayBuffer, and
 *   with it ONNX Runtime's threaded WASM, is only given to isolated pages.
 * - A Content-Security-Policy that lets the page talk to its own origin only.
 *   This is the privacy promise made enforceable by the browser: even a bug
 *   cannot send a photo elsewhere. 'wasm-unsafe-eval' allows compiling
 *   WebAssembly (ONNX Runtime, ffmpeg.wasm), and blob: covers worker and media
 *   URLs the app makes itself. Inline styles are needed by Svelte's dev mode.
 */
const csp = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self' blob:",
  "connect-src 'self'",
  "img-src 'self' blob: data:",
  "media-src 'self' blob: data:",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export const securityHeaders = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'Content-Security-Policy': csp,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
};

export default defineConfig({
  plugins: [svelte(), vivifyPwa()],
  server: { headers: securityHeaders },
  preview: { headers: securityHeaders },
  worker: { format: 'es' },
  // ORT finds its .wasm through env.wasm.wasmPaths (/ort/); pre-bundling would
  // rewrite its import.meta.url lookups for nothing.
  optimizeDeps: { exclude: ['onnxruntime-web'] },
  build: { target: 'es2022', chunkSizeWarningLimit: 1024 },
});
