/** Die Wörter der Ergebnis-Diagramme, auf Deutsch (Zwilling von en-charts.ts). */
import type { CheckKind, Verdict } from '../../domain/metrics.js';
import type { ChartWords } from './en-charts.js';
import { line, md } from './mrkdwn.js';

const CHECK: Record<CheckKind, string> = {
  '6m': '6-Monats-Test',
  '12m': '12-Monats-Test',
  recommit: 'Folgetest',
};
const VERDICT: Record<Verdict, string> = {
  pass: 'bestanden',
  partial: 'teilweise',
  fail: 'nicht bestanden',
  no_data: 'keine Daten',
};
const fmt = (n: number) => new Intl.NumberFormat('de-DE', { maximumFractionDigits: 2 }).format(n);
const date = (day: string) => day.split('-').reverse().join('.');

export const charts: ChartWords = {
  subtitle: (id, kind, due, v) => `I-${id} · ${CHECK[kind]} ${date(due)} · ${VERDICT[v]}`,
  baseline: (value, unit) => `Ausgangswert ${fmt(value)}${unit ?? ''}`,
  target: (value, unit) => `Ziel ${fmt(value)}${unit ?? ''}`,
  mark: (months) => `${months} Monate`,
  altText: (kind, m, points) =>
    `${kind === 'customer' ? 'Kundenkennzahl' : 'Geschäftskennzahl'} ${m.name}: ${points} ${points === 1 ? 'Wert' : 'Werte'} im Verlauf, Ausgangswert ${fmt(m.baseline)}, Ziel ${fmt(m.target)}`,
  title: (m) => `${m.name}${m.unit ? ` (${m.unit})` : ''}`,
  fallback: (m, spark, first, last) =>
    md`:chart_with_upwards_trend: ${line(m.name)} \`${line(spark)}\`${
      first && last ? md` ${line(first)} → ${line(last)}` : md``
    }`,
  showHeading: (kind, due) => md`Diagramme zum ${line(CHECK[kind])} vom ${line(date(due))}`,
};
