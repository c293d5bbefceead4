/**
 * Issue 16: the verdict chart itself — a PNG at twice the drawn size, its text (the metric's name and
 * unit) through the plain-text rule: no line breaks or bidi controls, markup escaped in the SVG.
 */
import { describe, expect, it } from 'vitest';
import { CHART_HEIGHT, CHART_WIDTH, chartPng, chartSvg } from '../../src/charts/metric-chart.js';

const input = {
  name: 'NPS <b>&</b>\n@channel \u202Eevil',
  unit: '%',
  subtitle: 'I-3 · 6-month check 2026-09-02 · pass',
  baseline: 30,
  target: 45,
  start: '2026-03-02',
  points: [
    { day: '2026-04-01', value: 33 },
    { day: '2026-06-01', value: 38 },
    { day: '2026-08-20', value: 41 },
  ],
  marks: [
    { day: '2026-09-02', label: '6 months' },
    { day: '2027-03-02', label: '12 months' },
  ],
  baselineLabel: 'baseline 30%',
  targetLabel: 'target 45%',
};

describe('metric chart', () => {
  it('draws the name, unit, subtitle, baseline, target and the marked dates as text', async () => {
    const svg = await chartSvg(input);
    const texts = [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
    expect(texts).toContain('NPS &lt;b&gt;&amp;&lt;/b&gt; @channel evil (%)');
    expect(texts).toEqual(
      expect.arrayContaining([
        'I-3 · 6-month check 2026-09-02 · pass',
        'baseline 30%',
        'target 45%',
        '6 months',
        '12 months',
      ]),
    );
    expect(svg).not.toContain('\u202E');
    // Three values: three points on the line.
    const symbols = /<g class="mark-symbol[^>]*>(.*?)<\/g>/.exec(svg)?.[1] ?? '';
    expect(symbols.match(/<path /g)).toHaveLength(3);
  });

  it('starts its time axis at the initiative’s start; the marks’ names stay clear of the axis numbers', async () => {
    // Every value near the 6-month date: the axis still begins at the start (2026-03-02), not there.
    const svg = await chartSvg({
      ...input,
      points: [
        { day: '2026-08-20', value: 41 },
        { day: '2026-08-28', value: 44 },
      ],
    });
    const from = /X-axis for a utc scale with values from (\w+ \d{4}) to/.exec(svg)?.[1] ?? '';
    expect(Date.parse(`1 ${from} UTC`)).toBeLessThanOrEqual(Date.parse('2026-03-01T00:00:00Z'));

    // The vertical axis's numbers sit left of the plot (x < 0), the top one highest.
    const yLabels = texts(svg, 'role-axis-label').filter((t) => t.anchor === 'end');
    const topY = Math.min(...yLabels.map((t) => t.y));
    for (const name of ['6 months', '12 months']) {
      const label = texts(svg, 'role-mark').find((t) => t.text === name);
      expect(label, name).toBeDefined();
      // Left edge of the label (DejaVu Sans: under 0.65 em a character): inside the plot.
      const width = name.length * 11 * 0.65;
      const left = label!.anchor === 'end' ? label!.x - width : label!.x;
      expect(left, name).toBeGreaterThanOrEqual(0);
      expect(label!.y, name).toBeGreaterThan(topY + 11);
    }
  });

  it('puts a mark’s name right of its line when the line is close to the vertical axis', async () => {
    const svg = await chartSvg({ ...input, marks: [{ day: '2026-03-09', label: '12 months' }] });
    const label = texts(svg, 'role-mark').find((t) => t.text === '12 months');
    expect(label?.anchor).toBe('start');
    expect(label?.x).toBeGreaterThan(0);
  });

  it('is a PNG at twice the drawn size, readable at Slack’s preview size', async () => {
    const png = await chartPng(input);
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const width = png.readUInt32BE(16);
    const height = png.readUInt32BE(20);
    expect(width).toBeGreaterThanOrEqual(CHART_WIDTH * 2);
    expect(height).toBeGreaterThanOrEqual(CHART_HEIGHT * 2);
    expect(width).toBeLessThan(1400);
  });

  it('draws a metric without values (only its lines)', async () => {
    const png = await chartPng({ ...input, points: [] });
    expect(png.subarray(1, 4).toString()).toBe('PNG');
  });
});

/** The text elements of the SVG groups of `role` (e.g. axis labels, the marks' labels), with positions. */
function texts(svg: string, role: string) {
  const out: { text: string; x: number; y: number; anchor: string }[] = [];
  for (const group of svg.split(`class="mark-text ${role}"`).slice(1)) {
    const body = group.slice(0, group.indexOf('</g>'));
    for (const m of body.matchAll(
      /<text text-anchor="(\w+)" transform="translate\(([-\d.]+),([-\d.]+)\)"[^>]*>([^<]*)<\/text>/g,
    )) {
      out.push({ anchor: m[1]!, x: Number(m[2]), y: Number(m[3]), text: m[4]! });
    }
  }
  return out;
}
