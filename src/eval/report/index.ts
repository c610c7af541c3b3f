/** The eval report: a terminal table and a self-contained HTML page. */
export { summaryTable } from './summary-table.ts';
export { htmlReport, type HtmlReportOptions } from './html-report.ts';
export { linePlot, type LinePlotOptions, type PlotSeries } from './svg-plot.ts';
export { FIGURE_COLUMNS, formatFigure, type FigureColumn } from './figure-columns.ts';
export { escapeHtml } from './html-escape.ts';
