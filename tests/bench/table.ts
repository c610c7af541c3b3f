/** One measured figure in the `npm run bench` table. */
export interface BenchRow {
  group: string;
  name: string;
  value: number;
  unit: string;
  note?: string;
}

/** Formats rows as an aligned plain-text table, grouped in the order given. */
export function formatTable(rows: BenchRow[]): string {
  const cells = rows.map((r) => [r.group, r.name, formatValue(r.value), r.unit, r.note ?? '']);
  const header = ['group', 'measure', 'value', 'unit', 'note'];
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i]!.length)));
  const line = (c: string[]) => c.map((v, i) => (i === 2 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ').trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('-|-'), ...cells.map(line)].join('\n');
}

function formatValue(v: number): string {
  if (!Number.isFinite(v)) return String(v);
  if (Math.abs(v) >= 100) return v.toFixed(0);
  if (Math.abs(v) >= 10) return v.toFixed(1);
  return v.toFixed(2);
}
