/** The key figures of every pair as an aligned plain-text table, for the terminal. */
import type { EvalFigures } from '../metrics/index.ts';
import { FIGURE_COLUMNS, formatFigure } from './figure-columns.ts';

/**
 * One row per pair (name first, then the key figures of FIGURE_COLUMNS),
 * columns padded to their widest cell; numbers right-aligned. Lines end with
 * "\n"; no colour codes, so it can also go into a log file.
 */
export function summaryTable(results: readonly { name: string; figures: EvalFigures }[]): string {
  const columns = FIGURE_COLUMNS.filter((c) => c.key);
  const rows = [
    ['pair', ...columns.map((c) => c.short)],
    ...results.map(({ name, figures }) => [name, ...columns.map((c) => formatFigure(figures, c))]),
  ];
  const widths = rows[0]!.map((_, k) => Math.max(...rows.map((r) => [...r[k]!].length)));
  const pad = (cell: string, k: number) => {
    const fill = ' '.repeat(widths[k]! - [...cell].length);
    return k === 0 ? cell + fill : fill + cell;
  };
  const lines = rows.map((r) => r.map(pad).join('  ').trimEnd());
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return lines.join('\n') + '\n';
}
