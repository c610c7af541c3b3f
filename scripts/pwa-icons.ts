/**
 * Draws the app icons from one description of the favicon's motif (a face
 * and shoulders on a dark rounded square, in a 64-unit box): the SVG, 192 and
 * 512 px PNGs, and a maskable 512 px PNG whose motif sits inside the central
 * safe circle that launchers keep when they crop icons to their own shape.
 *
 * Rasterised here with signed distances (one sample per pixel, anti-aliased
 * over one pixel) and encoded with node:zlib, so no image library is needed.
 *
 * Usage: tsx scripts/pwa-icons.ts   (writes public/icons/; commit the result)
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

type Rgb = [number, number, number];
type Shape =
  | { kind: 'circle'; cx: number; cy: number; r: number; fill: string }
  /** A quadratic Bézier stroked with round caps. */
  | { kind: 'curve'; from: [number, number]; via: [number, number]; to: [number, number]; width: number; stroke: string };

const BACKGROUND = '#1d2433';
const ACCENT = '#f4b860';
const CORNER = 14;
const MOTIF: Shape[] = [
  { kind: 'circle', cx: 32, cy: 27, r: 13, fill: ACCENT },
  { kind: 'curve', from: [25, 36], via: [32, 42], to: [39, 36], width: 3, stroke: BACKGROUND },
  { kind: 'circle', cx: 27, cy: 25, r: 2, fill: BACKGROUND },
  { kind: 'circle', cx: 37, cy: 25, r: 2, fill: BACKGROUND },
  { kind: 'curve', from: [14, 56], via: [32, 42], to: [50, 56], width: 4, stroke: ACCENT },
];

function svg(): string {
  const parts = MOTIF.map((s) =>
    s.kind === 'circle'
      ? `<circle cx="${s.cx}" cy="${s.cy}" r="${s.r}" fill="${s.fill}"/>`
      : `<path d="M${s.from.join(' ')}Q${s.via.join(' ')} ${s.to.join(' ')}" stroke="${s.stroke}" stroke-width="${s.width}" fill="none" stroke-linecap="round"/>`,
  );
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64"><rect width="64" height="64" rx="${CORNER}" fill="${BACKGROUND}"/>${parts.join('')}</svg>\n`;
}

const rgb = (hex: string): Rgb => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16)) as Rgb;

/** Distance from (x, y) to the curve, by its polyline: 48 segments are far below a pixel at 512 px. */
function curveDistance(s: Extract<Shape, { kind: 'curve' }>, x: number, y: number): number {
  const at = (t: number): [number, number] => {
    const u = 1 - t;
    return [u * u * s.from[0] + 2 * u * t * s.via[0] + t * t * s.to[0], u * u * s.from[1] + 2 * u * t * s.via[1] + t * t * s.to[1]];
  };
  let best = Infinity;
  let [ax, ay] = at(0);
  for (let i = 1; i <= 48; i++) {
    const [bx, by] = at(i / 48);
    const dx = bx - ax;
    const dy = by - ay;
    const t = Math.max(0, Math.min(1, ((x - ax) * dx + (y - ay) * dy) / (dx * dx + dy * dy)));
    best = Math.min(best, Math.hypot(x - ax - t * dx, y - ay - t * dy));
    [ax, ay] = [bx, by];
  }
  return best - s.width / 2;
}

function roundedBoxDistance(x: number, y: number, r: number): number {
  const qx = Math.abs(x - 32) - (32 - r);
  const qy = Math.abs(y - 32) - (32 - r);
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r;
}

/**
 * RGBA pixels. `maskable`: the background fills the square edge to edge and
 * the motif shrinks about its centre to fit the safe circle (radius 40% of
 * the icon, per the W3C manifest spec's maskable icon definition).
 */
function rasterise(size: number, maskable: boolean): Uint8Array {
  const px = new Uint8Array(size * size * 4);
  const scale = maskable ? 0.8 : 1;
  const unitsPerPixel = 64 / size / scale;
  const cover = (d: number) => Math.max(0, Math.min(1, 0.5 - d / unitsPerPixel));
  const bg = rgb(BACKGROUND);
  for (let j = 0; j < size; j++) {
    for (let i = 0; i < size; i++) {
      const ux = ((i + 0.5) / size) * 64;
      const uy = ((j + 0.5) / size) * 64;
      // Motif coordinates: the maskable motif is scaled about (32, 35), the centre of its content; its farthest point, a shoulder tip, then lies 22 units from the middle, inside the 25.6-unit safe circle.
      const x = maskable ? 32 + (ux - 32) / scale : ux;
      const y = maskable ? 35 + (uy - 32) / scale : uy;
      let c: Rgb = [...bg];
      let alpha = maskable ? 1 : cover(roundedBoxDistance(ux, uy, CORNER));
      for (const s of MOTIF) {
        const d = s.kind === 'circle' ? Math.hypot(x - s.cx, y - s.cy) - s.r : curveDistance(s, x, y);
        const a = cover(d);
        if (a === 0) continue;
        const col = rgb(s.kind === 'circle' ? s.fill : s.stroke);
        c = c.map((v, k) => v + (col[k]! - v) * a) as Rgb;
      }
      // The shoulders reach the box's lower edge: clip everything to the box.
      const o = (j * size + i) * 4;
      px.set([Math.round(c[0]), Math.round(c[1]), Math.round(c[2]), Math.round(alpha * 255)], o);
    }
  }
  return px;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const out = Buffer.alloc(body.length + 8);
  out.writeUInt32BE(data.length, 0);
  body.copy(out, 4);
  out.writeUInt32BE(crc32(body), body.length + 4);
  return out;
}

/** An 8-bit RGBA PNG: every row with filter 0, the whole image in one IDAT. */
export function encodePng(rgba: Uint8Array, width: number, height: number): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // depth 8, colour type RGBA, deflate, adaptive filters, no interlace
  const raw = Buffer.alloc(height * (width * 4 + 1));
  for (let y = 0; y < height; y++) raw.set(rgba.subarray(y * width * 4, (y + 1) * width * 4), y * (width * 4 + 1) + 1);
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(raw, { level: 9 })), chunk('IEND', new Uint8Array(0))]);
}

function main(): void {
  const out = join(resolve(dirname(fileURLToPath(import.meta.url)), '..'), 'public', 'icons');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'icon.svg'), svg());
  for (const [name, size, maskable] of [['icon-192.png', 192, false], ['icon-512.png', 512, false], ['icon-maskable-512.png', 512, true]] as const) {
    writeFileSync(join(out, name), encodePng(rasterise(size, maskable), size, size));
  }
  console.log(`icons written to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
