/**
 * How every browser test and the bench start Chromium: Debian's own build
 * (never a downloaded one), with WebGPU on SwiftShader so a machine with no
 * GPU still has a real WebGPU adapter, and with Chromium's own background
 * traffic (updates, sync, safe browsing) off so the only requests are the app's.
 */
import type { LaunchOptions } from '@playwright/test';

export const CHROMIUM_PATH = process.env.VIVIFY_CHROMIUM ?? '/usr/bin/chromium';

export function chromiumLaunchOptions(): LaunchOptions {
  const args = [
    '--enable-unsafe-webgpu',
    '--enable-features=Vulkan',
    '--use-vulkan=swiftshader',
    '--use-webgpu-adapter=swiftshader',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--disable-quic',
    '--no-first-run',
  ];
  // Chromium refuses to start its sandbox as root (CI runs as root).
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return { executablePath: CHROMIUM_PATH, args, headless: true };
}
