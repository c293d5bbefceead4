/**
 * The words of the 6–12-month test (metrics, check-ins, verdicts) and of the App Home. Attached to the
 * catalogue as `en.metrics`. User-typed text goes through `safe()`.
 */
import type { CheckKind, ExecutionEvidence, MetricOutcome, Verdict } from '../../domain/metrics.js';
import { DEPARTMENT_NAMES, type Department, type Metric, type MetricKind } from '../../domain/types.js';
import { actionRefs, num as amount, count, join, line, type Mrkdwn, md, mention } from './mrkdwn.js';

const ref = (id: number) => md`I-${id}`;
const kindLabel = (kind: MetricKind) => (kind === 'customer' ? md`customer` : md`business`);
const kindLabels = (kinds: MetricKind[]) => join(kinds.map(kindLabel), ' and no ');
/** The option word of the commands, the same in every language. */
const kindWord = (kind: MetricKind) => (kind === 'customer' ? md`customer` : md`business`);
const Kind = (kind: MetricKind) => (kind === 'customer' ? md`Customer` : md`Business`);
/** A value with the unit a person typed: the unit is their text, like any other (issue 9: `70<!channel>`). */
const num = (value: number, unit: string | null) => md`${value}${line(unit ?? '')}`;
const depts = (ds: Department[]) =>
  join(
    ds.map((d) => line(DEPARTMENT_NAMES[d])),
    ', ',
  );

const CHECK_NAME: Record<CheckKind, Mrkdwn> = {
  '6m': md`6-month check`,
  '12m': md`12-month check`,
  recommit: md`follow-up check`,
};

const VERDICT: Record<Verdict, Mrkdwn> = {
  pass: md`:white_check_mark: *Pass*: customers and the business are both better off`,
  partial: md`:large_yellow_circle: *Partial*: only one of the two metrics moved toward its target`,
  fail: md`:red_circle: *Fail*: neither metric moved toward its target`,
  no_data: md`:grey_question: *No data*: no values were reported, so we can’t tell`,
};

const VERDICT_WORD: Record<Verdict, Mrkdwn> = {
  pass: md`pass`,
  partial: md`partial`,
  fail: md`fail`,
  no_data: md`no data`,
};

const OUTCOME: Record<MetricOutcome, Mrkdwn> = {
  met: md`target reached`,
  improved: md`moved toward target`,
  not_improved: md`did not move toward target`,
  no_data: md`no value reported`,
};

export const metrics = {
  checkName: (kind: CheckKind) => CHECK_NAME[kind],
  verdictWord: (v: Verdict) => VERDICT_WORD[v],
  verdictLine: (v: Verdict) => VERDICT[v],

  // ---- /cx show, /cx check ----------------------------------------------------------------------------
  /** In `/cx show I-n`: the command to type, for this initiative and the metrics it lacks. */
  howWillWeKnow: (missing: MetricKind[], id: number) =>
    md`:warning: *How will we know it worked?* No ${kindLabels(missing)} metric yet: ${
      missing.length > 1 ? md`set both` : md`set it`
    } with \`/cx metric I-${id} ${join(missing.map(kindWord), '|')} "&lt;name&gt;" &lt;baseline&gt; -&gt; &lt;target&gt;\`.`,
  trendHeading: md`Metric check-ins`,
  trendLine: (kind: MetricKind, m: Metric, spark: string, points: Mrkdwn[], more: number) =>
    md`${Kind(kind)} · ${line(m.name)} ${num(m.baseline, m.unit)} → *${num(m.target, m.unit)}*  \`${line(spark)}\`\n${
      more > 0 ? md`…${more} earlier · ` : md``
    }${join(points, ' · ')}`,
  /** A check-in's day with its year (`2026-03-02: 41%`): a trend can span years. */
  trendPoint: (day: string, value: number, unit: string | null) => md`${line(day)}: ${num(value, unit)}`,
  noCheckins: md`no check-ins yet`,
  /** Under the metrics without a value yet: the command for this initiative, its set metrics only. */
  checkinHint: (id: number, kinds: MetricKind[]) =>
    md`Add values with \`/cx check I-${id} ${join(
      kinds.map((k) => md`${kindWord(k)}=&lt;value&gt;`),
      ' ',
    )}\` (the initiative's owner or an admin).`,
  checkStatus: (kind: CheckKind, due: string, state: Mrkdwn) =>
    md`${CHECK_NAME[kind]} ${line(due)}: ${state}`,
  checkState: {
    upcoming: md`upcoming`,
    scheduled: md`scheduled`,
    asked: md`waiting for values`,
    skipped: md`skipped (a later check was owed too)`,
    judged: (v: Verdict) => VERDICT_WORD[v],
    /** After a 12-month verdict: what the owner decided. */
    decided: (d: 'recommit' | 'close') => (d === 'recommit' ? md` · recommitted` : md` · closed`),
    /** …and nobody has decided yet (the owner or an admin does, in `/cx show I-n` or the verdict's DM). */
    awaitingDecision: md` · waiting for the owner's decision: recommit or close`,
  },
  notAsked: md`not asked (closed before)`,

  checkRecorded: (id: number, parts: Mrkdwn[]) =>
    md`Check-in for *${ref(id)}* recorded: ${join(parts, ' · ')}.`,
  recordedValue: (m: Metric, value: number) =>
    md`${line(m.name)} ${num(value, m.unit)} (baseline ${num(m.baseline, m.unit)}, target ${num(m.target, m.unit)})`,
  verdictDecided: (kind: CheckKind, v: Verdict, posted: Department[]) =>
    md`The ${CHECK_NAME[kind]} verdict is *${VERDICT_WORD[v]}*${
      posted.length > 0
        ? md`; it goes to ${depts(posted)}.`
        : md` (no department channel is bound, so it is not posted).`
    }`,
  waitingForOther: (kind: MetricKind) =>
    md`The check is still open: it waits for the ${kindLabel(kind)} value (or goes out as it is after 14 days).`,
  noMetric: (id: number, kind: MetricKind) =>
    md`*${ref(id)}* has no ${kindLabel(kind)} metric yet, so there is nothing to record it against. Set it first: \`/cx metric ${ref(id)} ${kindWord(kind)} "&lt;name&gt;" &lt;baseline&gt; -&gt; &lt;target&gt;\`.`,

  // ---- the check modal (plain text but the intro and the "no metrics" section) ------------------------------
  modal: {
    title: 'Metric check-in',
    intro: (id: number, title: string) => md`Current values for *${ref(id)}* ${line(title)}.`,
    valueLabel: (kind: MetricKind, m: Metric) =>
      `${kind === 'customer' ? 'Customer' : 'Business'}: ${m.name}`,
    valueHint: (m: Metric, last: number | null) =>
      `Baseline ${m.baseline}${m.unit ?? ''}, target ${m.target}${m.unit ?? ''} (${m.target >= m.baseline ? 'higher' : 'lower'} is better)` +
      (last === null ? '.' : `; pre-filled with the last value.`),
    placeholder: 'e.g. 42',
    noMetric: (kind: MetricKind) =>
      md`No ${kindLabel(kind)} metric is set, so there is nothing to record for it.`,
    noMetrics: (id: number) =>
      md`*${ref(id)}* has no metrics yet. Set them with \`/cx metric ${ref(id)} customer|business "&lt;name&gt;" &lt;baseline&gt; -&gt; &lt;target&gt;\` first.`,
    notANumber: 'Enter a number, like `42`, `-3.5` or `72%`.',
    atLeastOne: 'Enter at least one value.',
    close: 'Close',
  },

  // ---- New initiative modal fields ----------------------------------------------------------------------
  newModal: {
    heading: (kind: MetricKind) =>
      kind === 'customer'
        ? md`*Customer metric* (optional): how customers will notice, e.g. CSAT, NPS, churn, first-contact resolution`
        : md`*Business metric* (optional): how the business will notice, e.g. revenue per customer, retention, cost to serve`,
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
    badUnit: (max: number) =>
      `A unit is a short label like %, pts or € (at most ${max} characters, no mentions, markup or line breaks).`,
  },

  // ---- DMs and posts ------------------------------------------------------------------------------------
  askTitle: (kind: CheckKind) => md`:bar_chart: Time for the ${CHECK_NAME[kind]}`,
  ask: (id: number, title: string, kind: CheckKind, start: string, due: string) =>
    md`*${ref(id)}* ${line(title)} started ${line(start)}; its ${CHECK_NAME[kind]} was due ${line(due)}. Does it improve customer experience *and* business results? Enter the current values.`,
  askMetric: (kind: MetricKind, m: Metric | null, last: number | null) =>
    m
      ? md`${Kind(kind)}: ${line(m.name)} ${num(m.baseline, m.unit)} → ${num(m.target, m.unit)}${
          last === null ? md`` : md` (last reported ${num(last, m.unit)})`
        }`
      : md`${Kind(kind)}: _not set_ (how will we know?)`,
  askDeadline: (deadline: string) =>
    md`Without values by ${line(deadline)}, the verdict goes to the department channels as "no data".`,
  askFallback: (id: number, kind: CheckKind) =>
    md`${CHECK_NAME[kind]} for ${ref(id)}: enter the current metric values.`,
  enterValues: 'Enter current values',

  verdictTitle: (id: number, title: string, kind: CheckKind) =>
    md`*${CHECK_NAME[kind]}* of *${ref(id)}* ${line(title)}`,
  metricResult: (kind: MetricKind, m: Metric | null, value: number | null, outcome: MetricOutcome) =>
    m
      ? md`${Kind(kind)}: ${line(m.name)} ${value === null ? md`–` : num(value, m.unit)} (baseline ${num(m.baseline, m.unit)}, target ${num(m.target, m.unit)}): ${OUTCOME[outcome]}`
      : md`${Kind(kind)}: no metric set (how will we know?)`,
  evidenceHeading: md`*The execution behind it* (the gap is usually here):`,
  evidence: (e: ExecutionEvidence) => {
    const lines = [
      md`• ${count(e.open, { one: '# open action', other: '# open actions' })}, ${e.overdue} overdue, ${e.stalled} stalled (no activity for 7+ days)`,
      e.doneWithDue > 0
        ? md`• ${Math.round((e.doneOnTime * 100) / e.doneWithDue)}% of actions done on time (${e.doneOnTime} of ${e.doneWithDue} with a due date)`
        : md`• No action with a due date was finished yet, so no on-time share`,
      e.daysSinceProgress === null
        ? md`• No action was ever logged`
        : md`• ${count(e.daysSinceProgress, { one: '# day', other: '# days' })} since the last progress`,
    ];
    if (e.deptsWithoutAction.length > 0) lines.push(md`• No action from ${depts(e.deptsWithoutAction)}`);
    const r = e.requests;
    if (r && (r.declined > 0 || r.waitedLong > 0)) {
      lines.push(
        md`• Requests to other departments: ${r.declined} declined, ${r.waitedLong} waited more than 5 working days for an answer`,
      );
    }
    return join(lines, '\n');
  },
  verdictFallback: (id: number, kind: CheckKind, v: Verdict) =>
    md`${CHECK_NAME[kind]} of ${ref(id)}: ${VERDICT_WORD[v]}`,
  ownerVerdictIntro: (ownerId: string) =>
    md`${mention(ownerId)}, here is the verdict that went to the departments.`,
  decideQuestion: md`Twelve months in: *recommit* (keep going, with a new check in 6 months) or *close* the initiative?`,
  recommit: 'Recommit',
  close: 'Close initiative',
  recommitted: (id: number, nextDue: string) =>
    md`*${ref(id)}* is recommitted. The next check is on ${line(nextDue)}.`,
  closed: (id: number, openActions: number) =>
    md`*${ref(id)}* is closed.${
      openActions > 0
        ? md` ${count(openActions, {
            one: '# action of it is still open: finish it or leave a note why not.',
            other: '# actions of it are still open: finish them or leave a note why not.',
          })}`
        : md``
    }`,
  alreadyDecided: (id: number, decision: 'recommit' | 'close', at: string) =>
    md`*${ref(id)}* was already ${decision === 'recommit' ? md`recommitted` : md`closed`} on ${line(at)}.`,
  notDecidable: md`That check has no recommit/close decision to make.`,
  /** In the verdict's DM, in place of Recommit / Close once someone decided (there or elsewhere). */
  decidedInDm: (decision: 'recommit' | 'close', by: string | null, on: string) =>
    md`:white_check_mark: ${decision === 'recommit' ? md`Recommitted` : md`Closed`}${by ? md` by ${mention(by)}` : md``} on ${line(on)}.`,

  // ---- App Home -------------------------------------------------------------------------------------
  home: {
    title: 'CX Bridge',
    myActions: (n: number) => md`*Your open actions* (${amount(n)}), soonest due first`,
    noActions: md`You have no open actions. :tada:`,
    moreActions: (n: number) =>
      md`…and ${count(n, { one: '# more open action', other: '# more open actions' })} not shown here. \`/cx mine\` lists them.`,
    myInitiatives: (n: number) => md`*Initiatives you own* (${amount(n)})`,
    decide: (id: number, title: string) =>
      md`:scales: *${ref(id)}* ${line(title)}: the verdict is in. *Recommit* (keep going, with a new check in 6 months) or *close* it?`,
    moreDecisions: (n: number) =>
      md`…and ${count(n, { one: '# more initiative waits', other: '# more initiatives wait' })} for your decision: \`/cx show I-n\` offers it.`,
    closeFirst: (id: number, open: number) =>
      md`*${ref(id)}* still has ${count(open, { one: '# open action', other: '# open actions' })}: \`/cx close ${ref(id)}\` lists them and closes it with them dropped.`,
    noInitiatives: md`You own no active initiative. Start one with \`/cx new\`.`,
    moreInitiatives: (n: number) =>
      md`…and ${count(n, { one: '# more initiative', other: '# more initiatives' })} not shown. \`/cx list\` has them all.`,
    essentials: md`*The essential initiatives*`,
    noEssentials: md`No initiative is essential yet: pick at most three with \`/cx essential &lt;I-n&gt;\`.`,
    round: md`*This month’s pain-point round*`,
    wins: md`*Recent wins*`,
    noWins: md`No wins yet this fortnight. Finish an action with \`/cx done &lt;A-n&gt;\`.`,
    win: (actionId: number, title: string, ownerId: string, initiativeId: number, day: string) =>
      md`:tada: *A-${actionId}* ${line(title)} · ${mention(ownerId)} · ${ref(initiativeId)} · ${line(day)}`,
    teamHeading: 'The team picture',
    departedHeading: md`*Work of people who left* (deactivated, or no longer known to Slack: nobody is reminded of it)`,
    departedLine: (
      userId: string,
      actions: number[],
      more: number,
      initiatives: { id: number; title: string }[],
    ) =>
      join(
        [
          md`• ${mention(userId)}`,
          ...(actions.length > 0
            ? [
                md`open ${actionRefs(actions, more, 'and', (n: number) => md`${amount(n)} more`)} → \`/cx assign A-n @someone\``,
              ]
            : []),
          ...(initiatives.length > 0
            ? [
                md`owns ${join(
                  initiatives.map((i) => md`${ref(i.id)} ${line(i.title)}`),
                  ', ',
                )} → *Hand over* in \`/cx show I-n\``,
              ]
            : []),
        ],
        ' · ',
      ),
    departedMore: (n: number) => md`…and ${count(n, { one: '# more person', other: '# more people' })}.`,
    checkStatus: (parts: Mrkdwn[]) => join(parts, ' · '),
    noMetricsFlag: (missing: MetricKind[]) =>
      md`:warning: no ${kindLabels(missing)} metric: how will we know?`,
    /** `at` is a moment(): when the view was drawn, in the reader's own time zone. */
    updated: (at: Mrkdwn) => md`Updated ${at}`,
    roundHeading: (month: string, open: boolean, voters: number) =>
      md`*This month’s pain-point round* (${line(month)}): ${open ? md`voting is open` : md`closed`} · ${count(voters, { one: '# voter', other: '# voters' })}`,
    roundEmpty: md`No pain point has a vote yet.`,
    moreRound: (n: number) => md`…and ${amount(n)} more. \`/cx round status\` has the full standings.`,
    noRound: md`No pain-point round this month yet. Log what customers struggle with: \`/cx pain &lt;text&gt;\`.`,
    notice: (text: Mrkdwn) => md`:information_source: ${text}`,
    cut: (n: number) =>
      md`${count(n, { one: '# more part', other: '# more parts' })} did not fit here; \`/cx mine\` and \`/cx list\` show everything.`,
  },
};

export type MetricMessages = typeof metrics;
