/**
 * The chart of one metric for a verdict: every value over time as a line, the baseline and the target as
 * dashed lines, the 6- and 12-month dates marked. Drawn in the process with Vega (a declarative chart
 * grammar, rendered headless to SVG — no canvas, no browser) and turned into a PNG by resvg (Rust, shipped
 * as an npm binary). Text is drawn with DejaVu Sans, which Debian's `fonts-dejavu-core` provides; without
 * it resvg uses any system font it finds. The metric's name and unit are people's text: they pass the
 * same rule as any plain text (no line breaks, no invisible or bidi controls), and Vega escapes them in
 * the SVG.
 */
import fs from 'node:fs';
import type * as vega from 'vega';
import { truncate, visibleLine } from '../domain/text.js';
import type { LocalDate } from '../domain/types.js';

export const CHART_WIDTH = 520;
export const CHART_HEIGHT = 200;
/** Drawn at twice the size, so it stays sharp when Slack scales the preview (about 360 px high). */
const ZOOM = 2;
const FONT_FILE = '/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf';
const FONT = 'DejaVu Sans';

export interface ChartInput {
  /** The metric's name, as its owner typed it. */
  name: string;
  unit: string | null;
  /** A line under the name, e.g. `I-3 · 6-month check · 2026-09-02` (worded by the caller). */
  subtitle: string;
  baseline: number;
  target: number;
  /** The initiative's start (when the baseline held): the time axis begins there. */
  start: LocalDate;
  points: readonly { day: LocalDate; value: number }[];
  /** Dates to mark with a vertical line (the 6- and 12-month checks). */
  marks: readonly { day: LocalDate; label: string }[];
  /** The labels of the two horizontal lines, e.g. `baseline 30`, `target 45`. */
  baselineLabel: string;
  targetLabel: string;
}

/** People's text in an image: one visible line, at most `max` characters. */
export const chartText = (text: string, max = 60) => truncate(visibleLine(text), max);

/** Room (px) a mark's label needs left of its line; closer to the left edge it goes right of the line. */
const MARK_LABEL_ROOM = 130;

const dayMs = (day: LocalDate) => Date.parse(`${day}T00:00:00Z`);
const DAY = 86_400_000;

function spec(input: ChartInput): vega.Spec {
  const values = input.points.map((p) => ({ t: dayMs(p.day), v: p.value }));
  const marks = input.marks.map((m) => ({ t: dayMs(m.day), label: chartText(m.label, 20) }));
  // From the start (the baseline's date) to the marks and the last value, whichever is later.
  const times = [dayMs(input.start), ...values.map((v) => v.t), ...marks.map((m) => m.t)];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const pad = Math.max(7 * DAY, (last - first) * 0.04);
  const ys = [input.baseline, input.target, ...values.map((v) => v.v)];
  const unit = input.unit ? ` (${chartText(input.unit, 20)})` : '';
  const hline = (value: number, color: string, label: string, below: boolean): vega.Mark[] => [
    {
      type: 'rule',
      encode: {
        enter: {
          x: { value: 0 },
          x2: { signal: 'width' },
          y: { scale: 'y', value },
          stroke: { value: color },
          strokeWidth: { value: 1.5 },
          strokeDash: { value: [6, 4] },
        },
      },
    },
    {
      type: 'text',
      encode: {
        enter: {
          x: { value: 4 },
          y: { scale: 'y', value },
          dy: { value: below ? 12 : -4 },
          text: { value: chartText(label, 40) },
          fill: { value: color },
          fontSize: { value: 11 },
          font: { value: FONT },
        },
      },
    },
  ];
  // The label of the higher line sits above it, the lower one's below: they never overlap.
  const targetAbove = input.target >= input.baseline;
  return {
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    padding: 12,
    autosize: 'pad',
    background: 'white',
    title: {
      text: `${chartText(input.name)}${unit}`,
      subtitle: chartText(input.subtitle, 80),
      anchor: 'start',
      font: FONT,
      subtitleFont: FONT,
      fontSize: 16,
      subtitleFontSize: 12,
      subtitleColor: '#555',
      offset: 10,
    },
    data: [
      { name: 'values', values },
      { name: 'marks', values: marks },
    ],
    scales: [
      { name: 'x', type: 'utc', domain: [first - pad, last + pad], range: 'width' },
      {
        name: 'y',
        type: 'linear',
        domain: [Math.min(...ys), Math.max(...ys)],
        nice: true,
        zero: false,
        // Room above and below the lines for their labels and the marks' names.
        padding: 28,
        range: 'height',
      },
    ],
    axes: [
      {
        orient: 'bottom',
        scale: 'x',
        format: '%b %Y',
        formatType: 'utc',
        tickCount: 6,
        labelFont: FONT,
        labelFontSize: 11,
      },
      {
        orient: 'left',
        scale: 'y',
        tickCount: 5,
        grid: true,
        gridColor: '#eeeeee',
        labelFont: FONT,
        labelFontSize: 11,
      },
    ],
    marks: [
      {
        type: 'rule',
        from: { data: 'marks' },
        encode: {
          enter: {
            x: { scale: 'x', field: 't' },
            y: { value: 0 },
            y2: { signal: 'height' },
            stroke: { value: '#777777' },
            strokeDash: { value: [2, 3] },
          },
        },
      },
      {
        type: 'text',
        from: { data: 'marks' },
        encode: {
          // At the bottom inside the plot, left of its line — right of it when the line is near the left
          // edge — so it never runs into the vertical axis's numbers.
          enter: {
            x: { scale: 'x', field: 't' },
            y: { signal: 'height' },
            dx: { signal: `scale('x', datum.t) < ${MARK_LABEL_ROOM} ? 3 : -3` },
            dy: { value: -4 },
            baseline: { value: 'bottom' },
            align: { signal: `scale('x', datum.t) < ${MARK_LABEL_ROOM} ? 'left' : 'right'` },
            text: { field: 'label' },
            fill: { value: '#555555' },
            fontSize: { value: 11 },
            font: { value: FONT },
          },
        },
      },
      ...hline(input.baseline, '#8a8a8a', input.baselineLabel, targetAbove),
      ...hline(input.target, '#2e7d32', input.targetLabel, !targetAbove),
      {
        type: 'line',
        from: { data: 'values' },
        encode: {
          enter: {
            x: { scale: 'x', field: 't' },
            y: { scale: 'y', field: 'v' },
            stroke: { value: '#1565c0' },
            strokeWidth: { value: 2.5 },
          },
        },
      },
      {
        type: 'symbol',
        from: { data: 'values' },
        encode: {
          enter: {
            x: { scale: 'x', field: 't' },
            y: { scale: 'y', field: 'v' },
            size: { value: 40 },
            fill: { value: '#1565c0' },
          },
        },
      },
    ],
  };
}

/** The chart as SVG text (what the PNG is drawn from; tests read its text). */
export async function chartSvg(input: ChartInput): Promise<string> {
  // Loaded on the first chart, not at start: a verdict is rare, and Vega is a large library.
  const { View, parse } = await import('vega');
  const view = new View(parse(spec(input)), { renderer: 'none' });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

const fontOptions = () =>
  fs.existsSync(FONT_FILE)
    ? { fontFiles: [FONT_FILE], loadSystemFonts: false, defaultFontFamily: FONT }
    : { loadSystemFonts: true, defaultFontFamily: FONT };

/** The chart as a PNG, twice the drawn size. */
export async function chartPng(input: ChartInput): Promise<Buffer> {
  const svg = await chartSvg(input);
  const { Resvg } = await import('@resvg/resvg-js');
  const png = new Resvg(svg, { font: fontOptions(), fitTo: { mode: 'zoom', value: ZOOM } }).render();
  return png.asPng();
}
