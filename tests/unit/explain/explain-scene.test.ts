import { describe, expect, it } from 'vitest';
import { MOTION_TRACK_VERSION, neutralFrame, type MotionFrame, type MotionTrack } from '../../../src/contracts/motion.ts';
import { chunkCaption, chunkTiming, meshCaption, weightsCaption } from '../../../src/studio/explain/explain-captions.ts';
import { drawExplain, prepareRig, prepareTrack, type ExplainLayers, type ExplainScene } from '../../../src/studio/explain/explain-scene.ts';
import { explainLayout, layoutScale } from '../../../src/studio/explain/overlay-layout.ts';
import { chunkMarkers } from './chunk-windows.test.ts';
import { canonicalAnalysis, canonicalRig, PHOTO } from './canonical-rig.ts';
import { recordingContext, type Call } from './recording-context.ts';

const rig = canonicalRig();
const analysis = canonicalAnalysis();
const prepared = prepareRig(rig);

function speakingTrack(seconds: number): MotionTrack {
  const frames: MotionFrame[] = Array.from({ length: Math.round(seconds * 25) }, (_, i) => {
    const f = neutralFrame(i / 25);
    f.blendshapes.jawOpen = 0.5 + 0.5 * Math.sin(i / 3);
    f.head.yaw = 0.1 * Math.sin(i / 40);
    return f;
  });
  return { version: MOTION_TRACK_VERSION, fps: 25, frameCount: frames.length, frames, markers: chunkMarkers(seconds), source: {} };
}

function scene(layers: Partial<ExplainLayers>, track: MotionTrack | null, frameIndex = 0): ExplainScene {
  return {
    rig,
    prepared,
    analysis,
    track,
    preparedTrack: track ? prepareTrack(track) : null,
    frameIndex,
    crop: { x: 0, y: 0, ...PHOTO },
    width: 1280,
    height: 720,
    layers: { mesh: false, weights: false, chunks: false, curves: false, ...layers },
  };
}

const arcs = (calls: Call[]) => calls.filter((c) => c.name === 'arc').map((c) => c.args as number[]);

describe('drawing an overlay frame', () => {
  it('draws the landmarks where the animated face is: an open jaw moves the chin dot down', () => {
    const track = speakingTrack(2);
    track.frames[0]!.blendshapes = {};
    track.frames[1]!.blendshapes = { jawOpen: 1 };
    track.frames[0]!.head.yaw = track.frames[1]!.head.yaw = 0;
    const closed = recordingContext();
    drawExplain(closed.ctx, scene({ mesh: true }, track, 0));
    const open = recordingContext();
    drawExplain(open.ctx, scene({ mesh: true }, track, 1));
    // Dots are drawn in landmark order: 152 is the chin, 10 the top of the forehead.
    const chin = 152, brow = 10;
    expect(arcs(open.calls)[chin]![1]! - arcs(closed.calls)[chin]![1]!).toBeGreaterThan(10);
    expect(Math.abs(arcs(open.calls)[brow]![1]! - arcs(closed.calls)[brow]![1]!)).toBeLessThan(0.5);
    // The photo is square and the box 16:9: x and y scale apart, as the renderer maps the crop.
    const x0 = rig.layers[prepared.headLayer]!.mesh.positions[brow * 3]!;
    expect(arcs(closed.calls)[brow]![0]).toBeCloseTo((x0 * 1280) / 512, 3);
    // 468 landmark dots and two irises.
    expect(arcs(closed.calls).length).toBe(470);
  });

  it('draws each view only when it is on', () => {
    const track = speakingTrack(6);
    const none = recordingContext();
    drawExplain(none.ctx, scene({}, track, 40));
    expect(none.calls.filter((c) => c.name === 'stroke' || c.name === 'fill')).toEqual([]);
    const weights = recordingContext();
    drawExplain(weights.ctx, scene({ weights: true }, track, 40));
    const fills = weights.calls.filter((c) => c.name === 'fill').map((c) => c.style);
    expect(fills.length).toBe(prepared.buckets.length);
    const chunks = recordingContext();
    drawExplain(chunks.ctx, scene({ chunks: true }, track, 40));
    const labels = chunks.calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(labels).toContain('chunk 1');
    expect(labels).toContain('0:01.6');
    expect(labels).toContain('chunk 2');
    const curves = recordingContext();
    drawExplain(curves.ctx, scene({ curves: true }, track, 40));
    const texts = curves.calls.filter((c) => c.name === 'fillText').map((c) => c.args[0]);
    expect(texts).toEqual(expect.arrayContaining(['Jaw open', 'Smile', 'Blink', 'Head turn', 'Head nod', 'Head tilt']));
    expect(texts).toContain(`${Math.round((0.5 + 0.5 * Math.sin(40 / 3)) * 100)}%`);
  });

  it('cuts the weight fills to each layer’s mask, placed over the photo as the crop maps it, and keeps out of caption cards', () => {
    const main = recordingContext();
    const scratch = recordingContext();
    const maskOf = new Map<object, string>();
    const images = rig.layers.map((l) => {
      if (!l.mask) return undefined;
      const img = {} as CanvasImageSource;
      maskOf.set(img, l.name);
      return img;
    });
    const scratchImage = {} as CanvasImageSource;
    const crop = { x: 0, y: 112, width: 512, height: 288 };
    const card = { x: 940, y: 14, width: 310, height: 320 };
    drawExplain(main.ctx, { ...scene({ weights: true }, null), crop, masks: { images, scratch: { ctx: scratch.ctx, image: scratchImage } }, keepOut: [card] });
    // Every fill went to the scratch canvas, cut by a mask, then onto the overlay.
    expect(main.calls.filter((c) => c.name === 'fill')).toEqual([]);
    const cuts = scratch.calls.filter((c) => c.name === 'drawImage');
    expect(cuts.map((c) => maskOf.get(c.args[0] as object)).sort()).toEqual(['body', 'head']);
    const sx = 1280 / 512, sy = 720 / 288;
    expect(cuts[0]!.args.slice(1)).toEqual([0, -112 * sy, 512 * sx, 512 * sy]);
    expect(main.calls.filter((c) => c.name === 'drawImage').map((c) => c.args)).toEqual([
      [scratchImage, 0, 0, 1280, 720],
      [scratchImage, 0, 0, 1280, 720],
    ]);
    // The clip: the whole box with the card cut out (even-odd), before anything is drawn.
    const clipAt = main.calls.findIndex((c) => c.name === 'clip');
    expect(main.calls[clipAt]!.args).toEqual(['evenodd']);
    expect(main.calls.slice(0, clipAt).filter((c) => c.name === 'rect').map((c) => c.args)).toEqual([
      [0, 0, 1280, 720],
      [card.x, card.y, card.width, card.height],
    ]);
    expect(main.calls.findIndex((c) => c.name === 'drawImage')).toBeGreaterThan(clipAt);
  });

  it('on a photo without a face, draws nothing of the face and says why', () => {
    const faceless = canonicalRig({ ...analysis, faces: [] });
    const p = prepareRig(faceless);
    expect(p.headLayer).toBe(-1);
    expect(p.legend).toEqual([]);
    const r = recordingContext();
    drawExplain(r.ctx, { ...scene({ mesh: true, weights: true, curves: true }, speakingTrack(2), 10), rig: faceless, prepared: p });
    expect(arcs(r.calls).length).toBe(6); // only the curves' current-value dots
    expect(meshCaption(p.faceVertexCount, null)).toMatch(/No face was found/);
    expect(weightsCaption(p.legend.length)).toMatch(/no layers/);
  });

  it('without a track, draws the rig at rest and no chunks or curves', () => {
    const r = recordingContext();
    drawExplain(r.ctx, scene({ mesh: true, chunks: true, curves: true }, null, 12));
    expect(arcs(r.calls).length).toBe(470);
    expect(r.calls.some((c) => c.name === 'fillText')).toBe(false);
  });

  it('reads only the frames in view of a 10-minute track, whichever frame it draws', () => {
    const long = speakingTrack(600);
    const read = new Set<number>();
    long.frames = new Proxy(long.frames, {
      get(target, prop, receiver) {
        if (typeof prop === 'string' && /^\d+$/.test(prop)) read.add(Number(prop));
        return Reflect.get(target, prop, receiver) as MotionFrame;
      },
    });
    const s = scene({ mesh: true, weights: true, chunks: true, curves: true }, long, 9000);
    read.clear(); // prepareTrack, once per track, may look at the end
    const r = recordingContext();
    for (let i = 0; i < 20; i++) drawExplain(r.ctx, { ...s, frameIndex: 9000 + i });
    // 3 s back and 1 s ahead of each frame drawn (time on a canvas is measured in the browser test).
    expect(Math.min(...read)).toBe(9000 - 75);
    expect(Math.max(...read)).toBe(9019 + 25);
  });
});

describe('captions', () => {
  it('counts the points the analysis found', () => {
    expect(meshCaption(468, analysis)).toContain('478 points');
    expect(meshCaption(468, analysis)).toContain('10 of them outline the irises');
    expect(meshCaption(468, null)).toContain('468 points');
    expect(meshCaption(468, null)).not.toContain('irises');
  });

  it('states the chunk length and overlap the track actually has', () => {
    const windows = prepareTrack(speakingTrack(10)).windows;
    expect(chunkTiming(windows)).toEqual({ length: 2, overlap: 0.5 });
    expect(chunkCaption(windows)).toMatch(/2 seconds at a time.*overlap by 0.5 seconds/);
    expect(chunkCaption([])).toMatch(/did not record/);
    expect(chunkCaption([{ index: 0, start: 0, end: 1 }, { index: 1, start: 1, end: 2 }])).toMatch(/1 second at a time.*exactly where/);
    // As synthesiseTrack records them: 2 s chunks reaching 0.2 s (the engine's lookahead) into the next; the last one short.
    const real = [0, 2, 4, 6].map((start, index) => ({ index, start, end: Math.min(7.1, start + 2.2) }));
    expect(chunkTiming(real)).toEqual({ length: 2, overlap: expect.closeTo(0.2, 9) as number });
    expect(chunkCaption([{ index: 0, start: 0, end: 1.4 }])).toMatch(/1.4 seconds at a time.*exactly where/);
  });
});

describe('layout', () => {
  for (const [w, h] of [[1280, 720], [1920, 1080]] as const) {
    it(`keeps every panel inside a ${w}×${h} box, apart from each other`, () => {
      const l = explainLayout(w, h);
      expect(l.scale).toBeCloseTo(w / 1280, 6);
      const inside = (x: number, y: number, rw: number, rh: number) => x >= 0 && y >= 0 && x + rw <= w && y + rh <= h;
      expect(inside(l.left.x, l.left.y, l.left.width, l.left.height)).toBe(true);
      expect(inside(l.curves.rows.x, l.curves.rows.y, l.curves.rows.width, l.curves.rows.height)).toBe(true);
      expect(inside(l.chunks.band.x, l.chunks.band.y, l.chunks.band.width, l.chunks.band.height)).toBe(true);
      // Left column and curves card side by side with the face's middle third free between them.
      expect(l.left.x + l.left.width).toBeLessThan(w / 3);
      expect(l.curves.card.x).toBeGreaterThan((2 * w) / 3 - 1);
      // Curves (top) end well above the chunk band (bottom).
      expect(l.curves.rows.y + l.curves.rows.height).toBeLessThan(l.chunks.band.y - 100 * l.scale);
      expect(l.left.y + l.left.height).toBeLessThan(l.chunks.band.y);
    });
  }

  it('scales with the box, within readable limits', () => {
    expect(layoutScale(640, 360)).toBe(0.6);
    expect(layoutScale(3840, 2160)).toBe(1.75);
    expect(layoutScale(1280, 1080)).toBe(1);
  });
});
