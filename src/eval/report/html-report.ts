/**
 * The eval report as one self-contained HTML file: inline CSS and SVG, frame
 * images as data URLs, no script, nothing fetched, so it can be opened from
 * disk or attached to a CI run as is.
 */
import {
  checkThresholds,
  DEFAULT_THRESHOLDS,
  frameSeries,
  type EvalFigures,
  type EvalRecording,
  type ThresholdRule,
} from '../metrics/index.ts';
import { FIGURE_COLUMNS, formatFigure } from './figure-columns.ts';
import { escapeHtml } from './html-escape.ts';
import { linePlot } from './svg-plot.ts';

export interface HtmlReportOptions {
  title?: string;
  /** Limits to mark pass/fail against; DEFAULT_THRESHOLDS unless given. */
  thresholds?: readonly ThresholdRule[];
}

const STYLE = `
body{font:14px/1.4 system-ui,sans-serif;margin:24px;color:#222;max-width:820px}
h1{font-size:22px}h2{font-size:17px;margin-top:36px;border-top:1px solid #ccc;padding-top:16px}
table{border-collapse:collapse;margin:8px 0}td,th{padding:2px 10px;text-align:left;vertical-align:top}
td.v{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.n{color:#666;font-size:12px}
.fail{color:#b00020}.pass{color:#1b7f3b}ul.fail{margin:4px 0}
.strip{display:flex;gap:6px;flex-wrap:wrap}.strip figure{margin:0;font-size:11px;color:#666;text-align:center}
.strip img{max-height:140px;display:block}svg{display:block;margin:10px 0}
`;

/** Only images carried inside the file: anything else would make the report fetch. */
const isInlineImage = (url: string) => /^data:image\/(png|jpeg|webp|gif);base64,[A-Za-z0-9+/=]*$/.test(url);

function figuresTable(figures: EvalFigures): string {
  const rows = FIGURE_COLUMNS.map(
    (c) => `<tr><th>${escapeHtml(c.label)}</th><td class="v">${escapeHtml(formatFigure(figures, c))}</td><td class="n">${escapeHtml(c.note)}</td></tr>`,
  );
  return `<table>${rows.join('')}</table>`;
}

function lipPlot(recording: EvalRecording): string {
  const s = frameSeries(recording);
  return linePlot({
    title: 'Mouth opening vs loudness (both normalised)',
    fps: recording.fps,
    yRange: [0, 1],
    shade: s.speech,
    shadeLabel: 'speech',
    series: [
      { label: 'loudness (RMS)', colour: '#2e86ab', values: s.rmsNormalised },
      { label: 'mouth opening', colour: '#d1495b', values: s.mouthNormalised },
    ],
  });
}

function headPlot(recording: EvalRecording): string {
  const pose = recording.headPose ?? [];
  const degrees = (key: 'yaw' | 'pitch' | 'roll') => pose.map((p) => (p[key] * 180) / Math.PI);
  const series = [
    { label: 'yaw', colour: '#e07a1f', values: degrees('yaw') },
    { label: 'pitch', colour: '#3b8f4f', values: degrees('pitch') },
    { label: 'roll', colour: '#7b4fa0', values: degrees('roll') },
  ];
  const extent = Math.max(1, ...series.flatMap((s) => s.values.map(Math.abs)));
  return linePlot({ title: 'Head motion (commanded)', fps: recording.fps, yRange: [-extent, extent], yUnit: '°', series });
}

function strip(recording: EvalRecording): string {
  const frames = (recording.strip ?? []).filter((f) => isInlineImage(f.dataUrl));
  if (frames.length === 0) return '';
  const items = frames.map(
    (f) =>
      `<figure><img src="${escapeHtml(f.dataUrl)}" alt="frame ${f.frame}"/><figcaption>frame ${f.frame} · ${(f.frame / recording.fps).toFixed(2)} s</figcaption></figure>`,
  );
  return `<div class="strip">${items.join('')}</div>`;
}

function pairSection(recording: EvalRecording, figures: EvalFigures, rules: readonly ThresholdRule[]): string {
  const failures = checkThresholds(figures, rules);
  const verdict =
    failures.length === 0
      ? '<p class="pass">Passes the CI limits.</p>'
      : `<ul class="fail">${failures.map((f) => `<li>${escapeHtml(f.message)}</li>`).join('')}</ul>`;
  const pose = recording.headPose?.length ? headPlot(recording) : '<p>No head pose recorded.</p>';
  return [
    `<section><h2>${escapeHtml(recording.name)}</h2>`,
    `<p>${figures.frames} frames at ${figures.fps} fps, ${figures.audioSeconds.toFixed(2)} s of audio.</p>`,
    verdict,
    figuresTable(figures),
    lipPlot(recording),
    pose,
    strip(recording),
    '</section>',
  ].join('\n');
}

/**
 * The whole report: a heading, then per pair its pass/fail against the
 * limits, the figures table, the mouth-vs-loudness plot with speech shaded,
 * the head-motion curves (yaw, pitch, roll in degrees) and the frame strip.
 */
export function htmlReport(results: readonly { recording: EvalRecording; figures: EvalFigures }[], options: HtmlReportOptions = {}): string {
  const { title = 'Vivify evaluation', thresholds = DEFAULT_THRESHOLDS } = options;
  const failing = results.filter(({ figures }) => checkThresholds(figures, thresholds).length > 0).length;
  return [
    '<!DOCTYPE html>',
    '<html lang="en"><head><meta charset="utf-8"/>',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${STYLE}</style></head><body>`,
    `<h1>${escapeHtml(title)}</h1>`,
    `<p>${results.length} pair${results.length === 1 ? '' : 's'}, ${failing} failing the CI limits.</p>`,
    ...results.map(({ recording, figures }) => pairSection(recording, figures, thresholds)),
    '</body></html>',
    '',
  ].join('\n');
}
