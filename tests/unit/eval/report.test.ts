import { describe, expect, test } from 'vitest';
import { evaluate } from '../../../src/eval/metrics/evaluate.ts';
import { htmlReport } from '../../../src/eval/report/html-report.ts';
import { summaryTable } from '../../../src/eval/report/summary-table.ts';
import { linePlot } from '../../../src/eval/report/svg-plot.ts';
import { syntheticRecording } from './synthetic-recording.ts';

const VOID = new Set(['meta', 'img', 'br', 'hr', 'link', 'input']);

/** Every element closed in order (or void / self-closed): enough to catch a broken template. */
function unbalancedTags(html: string): string[] {
  const stack: string[] = [];
  const problems: string[] = [];
  const body = html.replace(/<style>[\s\S]*?<\/style>/g, '').replace(/<!DOCTYPE html>/i, '');
  for (const m of body.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m as unknown as [string, string, string, string];
    if (selfClosing || VOID.has(name)) continue;
    if (!closing) stack.push(name);
    else if (stack.pop() !== name) problems.push(`</${name}> at ${m.index}`);
  }
  return [...problems, ...stack.map((s) => `<${s}> never closed`)];
}

describe('summary table', () => {
  test('one aligned row per pair with its name and key figures', () => {
    const a = syntheticRecording({ name: 'people_0 × radio31' });
    const b = syntheticRecording({ name: 'astronaut × long-name-audio', lag: 2 });
    const table = summaryTable([a, b].map((r) => ({ name: r.name, figures: evaluate(r) })));
    const lines = table.trimEnd().split('\n');
    expect(lines).toHaveLength(4); // header, rule, two rows
    expect(lines[2]).toMatch(/^people_0 × radio31 /);
    expect(lines[3]).toMatch(/^astronaut × long-name-audio /);
    expect(lines[3]).toContain('+2'); // the offset
    expect(lines[2]).toContain('100.0%'); // re-detection
    // Right-aligned columns: every row is as long as the rule under the header.
    const width = [...lines[1]!].length;
    for (const line of [lines[2]!, lines[3]!]) expect([...line].length).toBe(width);
  });

  test('undefined figures show as a dash', () => {
    const r = syntheticRecording({ name: 'no timings' });
    delete r.timings;
    expect(summaryTable([{ name: r.name, figures: evaluate(r) }]).split('\n')[2]).toMatch(/–$/);
  });
});

describe('HTML report', () => {
  const good = syntheticRecording({ name: 'people_0 × radio31' });
  const bad = syntheticRecording({ name: 'evil <script>alert("x")</script> & co', lag: 4 });
  bad.strip = [
    { frame: 0, dataUrl: 'data:image/png;base64,iVBORw0KGgo=' },
    { frame: 10, dataUrl: 'https://example.com/frame.png' },
    { frame: 20, dataUrl: 'data:image/png;base64,AAAA" onerror="alert(1)' },
  ];
  const html = htmlReport([good, bad].map((recording) => ({ recording, figures: evaluate(recording) })));

  test('is balanced HTML with two plots per pair', () => {
    expect(unbalancedTags(html)).toEqual([]);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/<section>/g)).toHaveLength(2);
  });

  test('escapes names and drops frames that are not inline images', () => {
    expect(html).not.toContain('<script');
    expect(html).toContain('evil &#60;script&#62;alert(&#34;x&#34;)&#60;/script&#62; &#38; co');
    expect(html).not.toContain('example.com');
    expect(html).not.toContain('onerror');
    expect(html.match(/<img /g)).toHaveLength(2); // one frame of each pair
  });

  test('loads nothing: no script, no external reference', () => {
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
    expect(html).not.toMatch(/(src|href)="(?!data:image\/)/);
  });

  test('shows the figures and each pair\'s verdict against the CI limits', () => {
    expect(html).toContain('Lip-sync correlation');
    expect(html).toContain('Passes the CI limits.');
    expect(html).toContain('A/V offset |4| frames is above 1 frames');
    expect(html).toContain('2 pairs, 1 failing the CI limits.');
  });
});

describe('line plot', () => {
  test('breaks the line where values are missing, and shades the marked frames', () => {
    const svg = linePlot({
      title: 't',
      fps: 10,
      series: [{ label: 'a', colour: '#000', values: [0, 1, null, 1, 0] }],
      shade: [false, true, true, false, false],
      shadeLabel: 'speech',
    });
    const path = svg.match(/<path d="([^"]+)"/)![1]!;
    expect(path.match(/M/g)).toHaveLength(2);
    expect(path.match(/L/g)).toHaveLength(2);
    expect(svg.match(/fill="#eceff3"/g)).toHaveLength(2); // the shaded run and its legend box
  });
});
