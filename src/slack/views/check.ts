/**
 * Block Kit for the 6–12-month test: the check modal, the owner's DMs, the verdict post and the metric
 * lines of `/cx show`. Pure builders over snapshots.
 */
import type { KnownBlock, ModalView } from '@slack/types';
import type { CheckStatus, MetricsPicture } from '../../app/metric-checks.js';
import type {
  MetricCheckAskPayload,
  MetricVerdictOwnerPayload,
  MetricVerdictPayload,
} from '../../domain/payloads/metrics.js';
import type { Initiative, LocalDate, Metric, MetricKind } from '../../domain/types.js';
import { ACTION, FIELD, VIEW } from '../ids.js';
import { iref } from '../messages/en.js';
import { currentLang, msg } from '../messages/index.js';
import { join, type Mrkdwn, md } from '../messages/mrkdwn.js';
import { type BuiltMessage, context, LIMITS, message, plain, section } from './blocks.js';
import { pictureChartBlocks, verdictChartBlocks } from './chart-blocks.js';

const words = () => msg.metrics;

// ---- Trend ----------------------------------------------------------------------------------------------

const SPARKS = '▁▂▃▄▅▆▇█';

/** `▁▃▅█`: each value's height between the smallest and largest shown; flat when they are all equal. */
export function sparkline(values: readonly number[]): string {
  if (values.length === 0) return '';
  const min = Math.min(...values);
  const max = Math.max(...values);
  const top = SPARKS.length - 1;
  return values
    .map((v) => SPARKS[max === min ? Math.floor(top / 2) : Math.round(((v - min) / (max - min)) * top)])
    .join('');
}

/** Points shown per metric in `/cx show`; older ones are counted. */
const TREND_POINTS = 8;

function checkState(c: CheckStatus): Mrkdwn {
  const s = words().checkState;
  switch (c.state) {
    case 'judged':
      return md`${s.judged(c.verdict ?? 'no_data')}${c.decision ? s.decided(c.decision) : c.awaitingDecision ? s.awaitingDecision : md``}`;
    case 'not_asked':
      return words().notAsked;
    default:
      return s[c.state];
  }
}

export function checkStatusLines(checks: readonly CheckStatus[]): Mrkdwn[] {
  return checks.map((c) => words().checkStatus(c.kind, c.dueDate, checkState(c)));
}

/** The metric part of `/cx show I-n`: the "how will we know?" flag, a sparkline and dated values per metric, the checks. */
export function metricBlocks(picture: MetricsPicture, initiativeId: number): KnownBlock[] {
  const w = words();
  const blocks: KnownBlock[] = [];
  if (picture.missing.length > 0) blocks.push(section(w.howWillWeKnow(picture.missing, initiativeId)));
  const lines = picture.series.map((s) => {
    const shown = s.points.slice(-TREND_POINTS);
    const spark = sparkline([s.metric.baseline, ...shown.map((p) => p.value)]);
    return shown.length === 0
      ? md`${w.trendLine(s.kind, s.metric, spark, [], 0)}${w.noCheckins}`
      : w.trendLine(
          s.kind,
          s.metric,
          spark,
          shown.map((p) => w.trendPoint(p.day, p.value, s.metric.unit)),
          s.points.length - shown.length,
        );
  });
  // The command once, under the lines, for this initiative (it was a placeholder, once per empty metric).
  const empty = picture.series.some((s) => s.points.length === 0);
  const hint = empty
    ? [
        w.checkinHint(
          initiativeId,
          picture.series.map((s) => s.kind),
        ),
      ]
    : [];
  if (lines.length > 0) blocks.push(section(md`*${w.trendHeading}*\n${join([...lines, ...hint], '\n')}`));
  if (picture.checks.length > 0) blocks.push(context(join(checkStatusLines(picture.checks), ' · ')));
  blocks.push(...pictureChartBlocks(picture));
  return blocks;
}

// ---- The check modal ------------------------------------------------------------------------------------

export interface CheckModalInput {
  initiative: Pick<Initiative, 'id' | 'title' | 'customerMetric' | 'businessMetric'>;
  last: { customer: number | null; business: number | null };
  /** Where it was opened from: the confirmation goes there. */
  channelId: string | null;
}

function valueInput(kind: MetricKind, metric: Metric, last: number | null): KnownBlock {
  const field = kind === 'customer' ? FIELD.customerValue : FIELD.businessValue;
  return {
    type: 'input',
    block_id: field,
    optional: true,
    label: plain(words().modal.valueLabel(kind, metric), 2000),
    hint: plain(words().modal.valueHint(metric, last), 2000),
    element: {
      type: 'plain_text_input',
      action_id: field,
      max_length: 40,
      placeholder: plain(words().modal.placeholder, 150),
      ...(last === null
        ? {}
        : { initial_value: currentLang() === 'de' ? String(last).replace('.', ',') : String(last) }),
    },
  } as KnownBlock;
}

export function checkModal(d: CheckModalInput): ModalView {
  const w = words().modal;
  const i = d.initiative;
  const blocks: KnownBlock[] = [section(w.intro(i.id, i.title))];
  const metrics: [MetricKind, Metric | null][] = [
    ['customer', i.customerMetric],
    ['business', i.businessMetric],
  ];
  for (const [kind, metric] of metrics) {
    blocks.push(metric ? valueInput(kind, metric, d.last[kind]) : context(w.noMetric(kind)));
  }
  const hasInput = metrics.some(([, m]) => m !== null);
  return {
    type: 'modal',
    callback_id: VIEW.metricCheck,
    title: plain(w.title, LIMITS.modalTitle),
    ...(hasInput ? { submit: plain(msg.modal.submit, LIMITS.modalTitle) } : {}),
    close: plain(hasInput ? msg.modal.cancel : w.close, LIMITS.modalTitle),
    private_metadata: JSON.stringify({ initiativeId: i.id, channelId: d.channelId }),
    blocks: hasInput ? blocks : [section(w.noMetrics(i.id))],
  };
}

// ---- DMs and posts --------------------------------------------------------------------------------------

export function checkAskMessage(p: MetricCheckAskPayload): BuiltMessage {
  const w = words();
  const i = p.initiative;
  const metricLines = [
    w.askMetric('customer', i.customerMetric, p.last.customer),
    w.askMetric('business', i.businessMetric, p.last.business),
  ];
  return message(w.askFallback(i.id, p.kind), [
    section(md`*${w.askTitle(p.kind)}*\n${w.ask(i.id, i.title, p.kind, i.startDate, p.dueDate)}`),
    section(join(metricLines, '\n')),
    {
      type: 'actions',
      block_id: `check_${i.id}`,
      elements: [
        {
          type: 'button',
          action_id: ACTION.metricCheckOpen,
          text: plain(w.enterValues),
          value: iref(i.id),
          style: 'primary',
        },
      ],
    },
    context(w.askDeadline(p.deadline)),
  ]);
}

function verdictBlocks(p: MetricVerdictPayload): KnownBlock[] {
  const w = words();
  const i = p.initiative;
  const blocks: KnownBlock[] = [
    section(md`${w.verdictTitle(i.id, i.title, p.kind)}\n${w.verdictLine(p.verdict)}`),
    section(
      join(
        [
          w.metricResult('customer', p.customer.metric, p.customer.value, p.customer.outcome),
          w.metricResult('business', p.business.metric, p.business.value, p.business.outcome),
        ],
        '\n',
      ),
    ),
  ];
  if (p.evidence) blocks.push(section(md`${w.evidenceHeading}\n${w.evidence(p.evidence)}`));
  blocks.push(...verdictChartBlocks(p));
  return blocks;
}

export function verdictMessage(p: MetricVerdictPayload): BuiltMessage {
  return message(words().verdictFallback(p.initiative.id, p.kind, p.verdict), verdictBlocks(p));
}

export function verdictOwnerMessage(p: MetricVerdictOwnerPayload): BuiltMessage {
  const w = words();
  const blocks: KnownBlock[] = [section(w.ownerVerdictIntro(p.initiative.ownerId)), ...verdictBlocks(p)];
  if (p.decide) blocks.push(...decideBlocks(p.initiative.id, p.dueDate));
  return message(w.verdictFallback(p.initiative.id, p.kind, p.verdict), blocks);
}

/** After a 12-month or follow-up verdict: the question, and Recommit / Close (the verdict's DM, `/cx show I-n`). */
export function decideBlocks(initiativeId: number, dueDate: LocalDate): KnownBlock[] {
  return [section(words().decideQuestion), decideButtons(initiativeId, dueDate)];
}

/** block_id of Recommit / Close: what was decided takes its place in the verdict's DM. */
export const decideBlockId = (initiativeId: number) => `decide_${initiativeId}`;

/** Recommit / Close for the verdict of the check due `dueDate` (also in the App Home, under its own question). */
export function decideButtons(initiativeId: number, dueDate: LocalDate): KnownBlock {
  const w = words();
  const value = `${iref(initiativeId)}:${dueDate}`;
  return {
    type: 'actions',
    block_id: decideBlockId(initiativeId),
    elements: [
      {
        type: 'button',
        action_id: ACTION.metricRecommit,
        text: plain(w.recommit),
        value,
        style: 'primary',
      },
      { type: 'button', action_id: ACTION.metricClose, text: plain(w.close), value, style: 'danger' },
    ],
  };
}

// ---- New initiative modal: the optional metrics -----------------------------------------------------------

const textInput = (field: string, label: string, maxLength: number, hint?: string): KnownBlock =>
  ({
    type: 'input',
    block_id: field,
    optional: true,
    label: plain(label, 2000),
    ...(hint ? { hint: plain(hint, 2000) } : {}),
    element: { type: 'plain_text_input', action_id: field, max_length: maxLength },
  }) as KnownBlock;

/** The customer and business metric inputs appended to the New initiative modal (all optional). */
export function metricInputs(): KnownBlock[] {
  const w = words().newModal;
  const group = (kind: MetricKind, f: { name: string; baseline: string; target: string; unit: string }) => [
    section(w.heading(kind)),
    textInput(f.name, w.name, 100),
    textInput(f.baseline, w.baseline, 40),
    textInput(f.target, w.target, 40),
    textInput(f.unit, w.unit, 20, w.unitHint),
  ];
  return [
    ...group('customer', {
      name: FIELD.customerName,
      baseline: FIELD.customerBaseline,
      target: FIELD.customerTarget,
      unit: FIELD.customerUnit,
    }),
    ...group('business', {
      name: FIELD.businessName,
      baseline: FIELD.businessBaseline,
      target: FIELD.businessTarget,
      unit: FIELD.businessUnit,
    }),
  ];
}
