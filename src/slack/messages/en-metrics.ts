/**
 * The words of the 6–12-month test (metrics, check-ins, verdicts) and of the App Home. Attached to the
 * catalogue as `en.metrics`. User-typed text goes through `safe()`.
 */
import type { CheckKind, ExecutionEvidence, MetricOutcome, Verdict } from '../../domain/metrics.js';
import { neutraliseMentions as safe } from '../../domain/text.js';
import { DEPARTMENT_NAMES, type Department, type Metric, type MetricKind } from '../../domain/types.js';

const ref = (id: number) => `I-${id}`;
const mention = (userId: string) => `<@${userId}>`;
const kindLabel = (kind: MetricKind) => (kind === 'customer' ? 'customer' : 'business');
const num = (value: number, unit: string | null) => `${value}${unit ?? ''}`;

const CHECK_NAME: Record<CheckKind, string> = {
  '6m': '6-month check',
  '12m': '12-month check',
  recommit: 'follow-up check',
};

const VERDICT: Record<Verdict, string> = {
  pass: ':white_check_mark: *Pass*: customers and the business are both better off',
  partial: ':large_yellow_circle: *Partial*: only one of the two metrics moved toward its target',
  fail: ':red_circle: *Fail*: neither metric moved toward its target',
  no_data: ':grey_question: *No data*: no values were reported, so we can’t tell',
};

const OUTCOME: Record<MetricOutcome, string> = {
  met: 'target reached',
  improved: 'moved toward target',
  not_improved: 'did not move toward target',
  no_data: 'no value reported',
};

export const metrics = {
  checkName: (kind: CheckKind) => CHECK_NAME[kind],
  verdictWord: (v: Verdict) => ({ pass: 'pass', partial: 'partial', fail: 'fail', no_data: 'no data' })[v],
  verdictLine: (v: Verdict) => VERDICT[v],

  // ---- /cx show, /cx check ----------------------------------------------------------------------------
  howWillWeKnow: (missing: MetricKind[]) =>
    `:warning: *How will we know it worked?* No ${missing.map(kindLabel).join(' and no ')} metric yet: ` +
    'set both with `/cx metric <I-n> customer|business "<name>" <baseline> -> <target>`.',
  trendHeading: 'Metric check-ins',
  trendLine: (kind: MetricKind, m: Metric, spark: string, points: string[], more: number) =>
    `${kind === 'customer' ? 'Customer' : 'Business'} · ${safe(m.name)} ${num(m.baseline, m.unit)} → *${num(m.target, m.unit)}*  ` +
    `\`${spark}\`\n${more > 0 ? `…${more} earlier · ` : ''}${points.join(' · ')}`,
  trendPoint: (day: string, value: number, unit: string | null) => `${day.slice(5)}: ${num(value, unit)}`,
  noCheckins: 'No check-ins yet: `/cx check <I-n> customer=<value> business=<value>`.',
  checkStatus: (kind: CheckKind, due: string, state: string) => `${CHECK_NAME[kind]} ${due}: ${state}`,
  checkState: {
    upcoming: 'upcoming',
    scheduled: 'scheduled',
    asked: 'waiting for values',
    skipped: 'skipped (a later check was owed too)',
    judged: (v: Verdict) => ({ pass: 'pass', partial: 'partial', fail: 'fail', no_data: 'no data' })[v],
  },
  notAsked: 'not asked (closed before)',

  checkRecorded: (id: number, parts: string[]) => `Check-in for *${ref(id)}* recorded: ${parts.join(' · ')}.`,
  recordedValue: (m: Metric, value: number) =>
    `${safe(m.name)} ${num(value, m.unit)} (baseline ${num(m.baseline, m.unit)}, target ${num(m.target, m.unit)})`,
  verdictDecided: (kind: CheckKind, v: Verdict, posted: Department[]) =>
    `The ${CHECK_NAME[kind]} verdict is *${{ pass: 'pass', partial: 'partial', fail: 'fail', no_data: 'no data' }[v]}*` +
    (posted.length > 0
      ? `; it goes to ${posted.map((d) => DEPARTMENT_NAMES[d]).join(', ')}.`
      : ' (no department channel is bound, so it is not posted).'),
  waitingForOther: (kind: MetricKind) =>
    `The check is still open: it waits for the ${kindLabel(kind)} value (or goes out as it is after 14 days).`,
  noMetric: (id: number, kind: MetricKind) =>
    `*${ref(id)}* has no ${kindLabel(kind)} metric yet, so there is nothing to record it against. ` +
    `Set it first: \`/cx metric ${ref(id)} ${kind} "<name>" <baseline> -> <target>\`.`,

  // ---- the check modal --------------------------------------------------------------------------------
  modal: {
    title: 'Metric check-in',
    intro: (id: number, title: string) => `Current values for *${ref(id)}* ${safe(title)}.`,
    valueLabel: (kind: MetricKind, m: Metric) =>
      `${kind === 'customer' ? 'Customer' : 'Business'}: ${m.name}`,
    valueHint: (m: Metric, last: number | null) =>
      `Baseline ${num(m.baseline, m.unit)}, target ${num(m.target, m.unit)} (${m.target >= m.baseline ? 'higher' : 'lower'} is better)` +
      (last === null ? '.' : `; pre-filled with the last value.`),
    placeholder: 'e.g. 42',
    noMetric: (kind: MetricKind) =>
      `No ${kindLabel(kind)} metric is set, so there is nothing to record for it.`,
    noMetrics: (id: number) =>
      `*${ref(id)}* has no metrics yet. Set them with \`/cx metric ${ref(id)} customer|business "<name>" <baseline> -> <target>\` first.`,
    notANumber: 'Enter a number, like `42`, `-3.5` or `72%`.',
    atLeastOne: 'Enter at least one value.',
    close: 'Close',
  },

  // ---- New initiative modal fields ----------------------------------------------------------------------
  newModal: {
    heading: (kind: MetricKind) =>
      kind === 'customer'
        ? '*Customer metric* (optional): how customers will notice, e.g. CSAT, NPS, churn, first-contact resolution'
        : '*Business metric* (optional): how the business will notice, e.g. revenue per customer, retention, cost to serve',
    name: 'Metric name',
    baseline: 'Baseline (today)',
    target: 'Target',
    unit: 'Unit',
    unitHint: 'e.g. %, pts, €',
    incomplete: 'Give the name, baseline and target together (or leave all three empty).',
    equal: 'Baseline and target are equal: a metric needs a direction.',
    conflictingUnits: 'Baseline, target and unit name different units.',
    tooLong: (max: number) => `At most ${max} characters, please.`,
    notANumber: 'Enter a number, like `42`, `-3.5` or `72%`.',
  },

  // ---- DMs and posts ------------------------------------------------------------------------------------
  askTitle: (kind: CheckKind) => `:bar_chart: Time for the ${CHECK_NAME[kind]}`,
  ask: (id: number, title: string, kind: CheckKind, start: string, due: string) =>
    `*${ref(id)}* ${safe(title)} started ${start}; its ${CHECK_NAME[kind]} was due ${due}. ` +
    'Does it improve customer experience *and* business results? Enter the current values.',
  askMetric: (kind: MetricKind, m: Metric | null, last: number | null) =>
    m
      ? `${kind === 'customer' ? 'Customer' : 'Business'}: ${safe(m.name)} ${num(m.baseline, m.unit)} → ${num(m.target, m.unit)}` +
        (last === null ? '' : ` (last reported ${num(last, m.unit)})`)
      : `${kind === 'customer' ? 'Customer' : 'Business'}: _not set_ (how will we know?)`,
  askDeadline: (deadline: string) =>
    `Without values by ${deadline}, the verdict goes to the department channels as "no data".`,
  askFallback: (id: number, kind: CheckKind) =>
    `${CHECK_NAME[kind]} for ${ref(id)}: enter the current metric values.`,
  enterValues: 'Enter current values',

  verdictTitle: (id: number, title: string, kind: CheckKind) =>
    `*${CHECK_NAME[kind]}* of *${ref(id)}* ${safe(title)}`,
  metricResult: (kind: MetricKind, m: Metric | null, value: number | null, outcome: MetricOutcome) =>
    m
      ? `${kind === 'customer' ? 'Customer' : 'Business'}: ${safe(m.name)} ${value === null ? '–' : num(value, m.unit)} ` +
        `(baseline ${num(m.baseline, m.unit)}, target ${num(m.target, m.unit)}): ${OUTCOME[outcome]}`
      : `${kind === 'customer' ? 'Customer' : 'Business'}: no metric set (how will we know?)`,
  evidenceHeading: '*The execution behind it* (the gap is usually here):',
  evidence: (e: ExecutionEvidence) => {
    const lines = [
      `• ${e.open} open action(s), ${e.overdue} overdue, ${e.stalled} stalled (no activity for 7+ days)`,
      e.doneWithDue > 0
        ? `• ${Math.round((e.doneOnTime * 100) / e.doneWithDue)}% of actions done on time (${e.doneOnTime} of ${e.doneWithDue} with a due date)`
        : '• No action with a due date was finished yet, so no on-time share',
      e.daysSinceProgress === null
        ? '• No action was ever logged'
        : `• ${e.daysSinceProgress} day(s) since the last progress`,
    ];
    if (e.deptsWithoutAction.length > 0) {
      lines.push(`• No action from ${e.deptsWithoutAction.map((d) => DEPARTMENT_NAMES[d]).join(', ')}`);
    }
    return lines.join('\n');
  },
  verdictFallback: (id: number, kind: CheckKind, v: Verdict) =>
    `${CHECK_NAME[kind]} of ${ref(id)}: ${{ pass: 'pass', partial: 'partial', fail: 'fail', no_data: 'no data' }[v]}`,
  ownerVerdictIntro: (ownerId: string) =>
    `${mention(ownerId)}, here is the verdict that went to the departments.`,
  decideQuestion:
    'Twelve months in: *recommit* (keep going, with a new check in 6 months) or *close* the initiative?',
  recommit: 'Recommit',
  close: 'Close initiative',
  recommitted: (id: number, nextDue: string) =>
    `*${ref(id)}* is recommitted. The next check is on ${nextDue}.`,
  closed: (id: number, openActions: number) =>
    `*${ref(id)}* is closed.` +
    (openActions > 0
      ? ` ${openActions} action(s) of it are still open: finish them or leave a note why not.`
      : ''),
  alreadyDecided: (id: number, decision: 'recommit' | 'close', at: string) =>
    `*${ref(id)}* was already ${decision === 'recommit' ? 'recommitted' : 'closed'} on ${at}.`,
  notDecidable: 'That check has no recommit/close decision to make.',

  // ---- App Home -------------------------------------------------------------------------------------
  home: {
    title: 'CX Bridge',
    myActions: (n: number) => `*Your open actions* (${n}), soonest due first`,
    noActions: 'You have no open actions. :tada:',
    moreActions: (n: number) => `…and ${n} more open action(s) not shown here. \`/cx mine\` lists them.`,
    myInitiatives: (n: number) => `*Initiatives you own* (${n})`,
    noInitiatives: 'You own no active initiative. Start one with `/cx new`.',
    moreInitiatives: (n: number) => `…and ${n} more initiative(s) not shown. \`/cx list\` has them all.`,
    essentials: '*The essential initiatives*',
    noEssentials: 'No initiative is essential yet: pick at most three with `/cx essential <I-n>`.',
    round: '*This month’s pain-point round*',
    wins: '*Recent wins*',
    noWins: 'No wins yet this fortnight. Finish an action with `/cx done <A-n>`.',
    win: (actionId: number, title: string, ownerId: string, initiativeId: number, day: string) =>
      `:tada: *A-${actionId}* ${safe(title)} · ${mention(ownerId)} · ${ref(initiativeId)} · ${day}`,
    teamHeading: 'The team picture',
    checkStatus: (parts: string[]) => parts.join(' · '),
    noMetricsFlag: (missing: MetricKind[]) =>
      `:warning: no ${missing.map(kindLabel).join(' and no ')} metric: how will we know?`,
    updated: (at: string) => `Updated ${at}`,
    roundHeading: (month: string, open: boolean, voters: number) =>
      `*This month’s pain-point round* (${month}): ${open ? 'voting is open' : 'closed'} · ${voters} voter(s)`,
    roundEmpty: 'No pain point has a vote yet.',
    moreRound: (n: number) => `…and ${n} more. \`/cx round status\` has the full standings.`,
    noRound: 'No pain-point round this month yet. Log what customers struggle with: `/cx pain <text>`.',
    notice: (text: string) => `:information_source: ${text}`,
    cut: (n: number) => `${n} more part(s) did not fit here; \`/cx mine\` and \`/cx list\` show everything.`,
  },
};

export type MetricMessages = typeof metrics;
