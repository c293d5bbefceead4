/**
 * Die Worte der geplanten Anstöße auf Deutsch: Erinnerungs-DMs, die Montagslisten der Abteilungen und der
 * Wochenrückblick. Gleiche Form wie ./en-nudges.ts.
 */
import { DEFAULT_SNOOZE_DAYS } from '../../domain/actions.js';
import type { StallReason } from '../../domain/reminder-plan.js';
import type { PartOfDay } from '../../domain/reminders.js';
import { progressBar } from '../../domain/text.js';
import type { BindingKey, Department, Progress } from '../../domain/types.js';
import { count, DEPT, day } from './de-common.js';
import type { NudgeLineAction, Nudges } from './en-nudges.js';
import { join, line, listAnd, type Mrkdwn, md, mention, num } from './mrkdwn.js';

const place = (key: BindingKey) => line(key === 'hub' ? 'den Hub' : DEPT[key as Department]);
const deptLabel = (dept: Department) => line(DEPT[dept]);
const DAYS = { one: '# Tag', other: '# Tage' };
const ACTIONS = { one: '# Maßnahme', other: '# Maßnahmen' };

const lateBy = (daysLate: number) => count(daysLate, { one: '# Tag überfällig', other: '# Tage überfällig' });
const late = (dueDate: string, daysLate: number) => md`fällig ${day(dueDate)}, ${lateBy(daysLate)}`;

const greeting = (when: PartOfDay | undefined) =>
  when === 'morning' ? md`Guten Morgen!` : when === 'afternoon' ? md`Guten Tag!` : md`Hallo!`;

function reason(r: StallReason): Mrkdwn {
  switch (r.kind) {
    case 'blocked': {
      const blocked = r.reason ? md`blockiert: ${line(r.reason)}` : md`blockiert`;
      return r.overdue ? md`${blocked} · ${late(r.overdue.dueDate, r.overdue.daysLate)}` : blocked;
    }
    case 'overdue':
      return late(r.dueDate, r.daysLate);
    case 'idle':
      return md`seit ${count(r.idleDays, { one: '# Tag', other: '# Tagen' })} kein Update`;
  }
}

const star = (tier: 'essential' | 'important') => (tier === 'essential' ? md`:star: ` : md``);

const ownerOf = (a: NudgeLineAction) =>
  a.ownerLeft
    ? md`${mention(a.ownerId)} (nicht mehr dabei: \`/cx assign A-${a.id} @jemand\`)`
    : mention(a.ownerId);

function actionLine(a: NudgeLineAction, withOwner: boolean): Mrkdwn {
  return md`*A-${a.id}* ${line(a.title)}${withOwner ? md` · ${ownerOf(a)}` : md``} · ${reason(a.reason)}`;
}

const initiativeRef = (i: { id: number; title: string; tier: 'essential' | 'important' }) =>
  md`${star(i.tier)}I-${i.id} ${line(i.title)}`;

/** `2026-W10` → `KW 10/2026`, as German calendars name weeks. */
const week = (w: string) => {
  const m = /^(\d{4})-W(\d{1,2})$/.exec(w);
  return m ? `KW ${Number(m[2])}/${m[1]}` : w;
};

const progressLine = (p: Progress) => md`${line(progressBar(p.done, p.total))} (${p.done}/${p.total})`;

export const nudgesDe: Nudges = {
  reason,
  actionLine,
  lateBy,
  due: (dueDate, daysLate) => (daysLate > 0 ? late(dueDate, daysLate) : md`fällig ${day(dueDate)}`),

  reminder: {
    intro: (n, when) =>
      md`${greeting(when)} ${count(n, {
        one: 'Eine deiner Maßnahmen stockt. Ein kleiner nächster Schritt bringt sie wieder in Gang:',
        other: '# deiner Maßnahmen stocken. Ein kleiner nächster Schritt bringt sie wieder in Gang:',
      })}`,
    introEscalationsOnly: (n, when) =>
      md`${greeting(when)} *Keine Reaktion auf drei Erinnerungen, in Initiativen, für die du zuständig bist* (${num(n, 'de')}). Die zuständige Person bekommt keine weiteren Erinnerungen; ein freundliches Wort kann helfen:`,
    item: (a) => md`${actionLine(a, false)}\n_${initiativeRef(a.initiative)}_`,
    more: (n) => md`…und ${num(n, 'de')} weitere stockende. Alle siehst du mit \`/cx mine\`.`,
    escalationHeading: (n) =>
      md`:eyes: *Keine Reaktion auf drei Erinnerungen, in Initiativen, für die du zuständig bist* (${num(n, 'de')}). Die zuständige Person bekommt keine weiteren Erinnerungen; ein freundliches Wort kann helfen. Du hörst von jeder nur einmal:`,
    escalationLine: (a) => md`${actionLine(a, true)} · _I-${a.initiative.id}_`,
    escalationMore: (n) => md`…und ${num(n, 'de')} weitere. Siehe \`/cx list\`.`,
    escalationsFooter: md`Von jeder Maßnahme hörst du nur einmal, in deiner Arbeitszeit (09:30–17:30, Montag bis Freitag). Nicht da? \`/cx away until YYYY-MM-DD\` pausiert auch diese, bis du zurück bist.`,
    footer: md`Erinnerungen kommen in deiner Arbeitszeit (09:30–17:30, Montag bis Freitag), höchstens drei pro Maßnahme, bis sich etwas bewegt. Pausieren schaltet die Erinnerungen einer Maßnahme für ${count(DEFAULT_SNOOZE_DAYS, DAYS)} stumm. Nicht da? \`/cx away until YYYY-MM-DD\` pausiert alle Erinnerungen, bis du zurück bist.`,
    fallback: (own, ownTotal, escalationTotal) =>
      join(
        [
          ...(ownTotal > 0
            ? [
                count(ownTotal, {
                  one: 'Eine deiner Maßnahmen braucht einen nächsten Schritt',
                  other: '# deiner Maßnahmen brauchen einen nächsten Schritt',
                }),
              ]
            : []),
          ...own.map((a) => md`A-${a.id} ${line(a.title)} (${reason(a.reason)})`),
          ...(escalationTotal > 0
            ? [
                md`${count(escalationTotal, ACTIONS)} in deinen Initiativen ohne Reaktion auf drei Erinnerungen`,
              ]
            : []),
        ],
        '\n',
      ),
  },

  outcome: {
    done: (userId) => md`:white_check_mark: Erledigt, markiert von ${mention(userId)}. Gute Arbeit!`,
    snoozed: (userId, days) => md`:zzz: Von ${mention(userId)} für ${count(days, DAYS)} pausiert.`,
    updated: (userId) =>
      md`:memo: Update von ${mention(userId)} festgehalten; die Maßnahme gilt wieder als in Bewegung.`,
  },

  stalledList: {
    heading: (dept, n) =>
      md`:hourglass: *Montags-Check für ${deptLabel(dept)}*: ${count(n, { one: '# Maßnahme stockt', other: '# Maßnahmen stocken' })}. Ein kurzes \`/cx update\`, \`/cx done\` oder \`/cx block\` hält alle auf dem Laufenden.`,
    line: (a) => md`${actionLine(a, true)} · _I-${a.initiative.id}_`,
    more: (n, dept) => md`…und ${num(n, 'de')} weitere. Siehe \`/cx list ${line(dept)}\`.`,
    fallback: (dept, n) =>
      md`Montags-Check für ${deptLabel(dept)}: ${count(n, { one: '# Maßnahme stockt', other: '# Maßnahmen stocken' })}.`,
  },

  digest: {
    title: (scope, w) =>
      `Wochenrückblick · ${scope === 'hub' ? 'Hub' : DEPT[scope as Department]} · ${week(w)}`,
    range: (from, to) => md`${day(from)} bis ${day(to)}`,
    counts: (label, c) =>
      md`*${label}*: :white_check_mark: ${c.done} erledigt · :new: ${c.created} neu · :hourglass: ${c.stalled} stockend · :no_entry: ${c.blocked} blockiert${
        c.dropped ? md` · :wastebasket: ${c.dropped} verworfen` : md``
      }`,
    ownLabel: (dept) => deptLabel(dept),
    allLabel: md`Im ganzen Unternehmen`,
    essentialsHeading: md`:star: *Essenzielle Initiativen*`,
    essentialLine: (i, p) => md`*I-${i.id}* ${line(i.title)}\n${progressLine(p)}`,
    threadHint: md`:thread: Fortschritte, stockende und blockierte Arbeit, die Fälligkeiten der nächsten Woche und der Stand je Initiative stehen im Thread.`,
    threadParts: (parts) => md`:thread: Im Thread: ${listAnd(parts, 'und')}.`,
    threadPart: {
      wins: (n) => count(n, { one: '# Fortschritt', other: '# Fortschritte' }),
      attention: (n) => md`${num(n, 'de')} stockend oder blockiert`,
      due: (n) => md`${num(n, 'de')} nächste Woche fällig`,
      next_steps: (n) =>
        count(n, { one: '# Initiative ohne nächsten Schritt', other: '# Initiativen ohne nächsten Schritt' }),
      decisions: (n) => md`*${count(n, { one: '# Entscheidung', other: '# Entscheidungen' })} fällig*`,
      no_metrics: (n) =>
        count(n, { one: '# Initiative ohne beide Kennzahlen', other: '# Initiativen ohne beide Kennzahlen' }),
      progress: (_n) => md`der Stand je Initiative`,
    },
    fallback: (scope, w, c) =>
      md`Wochenrückblick für ${place(scope)}, ${line(week(w))}: ${c.done} erledigt, ${c.created} neu, ${c.stalled} stockend, ${c.blocked} blockiert${
        c.dropped ? md`, ${c.dropped} verworfen` : md``
      }. Details im Thread.`,
    heading: {
      wins: md`:tada: *Fortschritte der Woche*`,
      attention: md`:hourglass: *Stockend und blockiert*`,
      due: md`:calendar: *Nächste Woche fällig*`,
      next_steps: md`:compass: *Noch kein konkreter nächster Schritt.* Übersetz es: erfasse eine Maßnahme mit zuständiger Person und Fälligkeitsdatum.`,
      decisions: md`:scales: *Eine Entscheidung steht an.* Der 12-Monats-Test ist da: wer zuständig ist, macht weiter oder schließt die Initiative ab.`,
      no_metrics: md`:straight_ruler: *Woran merken wir es?* Diesen fehlt eine Kunden- oder Geschäftskennzahl für den 6–12-Monats-Test.`,
      progress: md`:bar_chart: *Stand je Initiative*`,
    },
    fallbackPart: {
      wins: md`Fortschritte der Woche`,
      attention: md`Stockend und blockiert`,
      due: md`Nächste Woche fällig`,
      next_steps: md`Initiativen ohne konkreten nächsten Schritt`,
      decisions: md`Initiativen, die nach dem 12-Monats-Test auf eine Entscheidung warten`,
      no_metrics: md`Initiativen ohne beide Kennzahlen`,
      progress: md`Stand je Initiative`,
    },
    ownGroup: (dept) => md`_In ${deptLabel(dept)}_`,
    othersGroup: md`_Im ganzen Unternehmen_`,
    winGroup: (i, n) =>
      md`*${initiativeRef(i)}*: ${count(n, { one: '# Fortschritt', other: '# Fortschritte' })}`,
    winLine: (a) => md`• *A-${a.id}* ${line(a.title)} · ${mention(a.ownerId)}`,
    winsMore: (n) => md`  …und ${num(n, 'de')} weitere`,
    attentionLine: (a) => md`• ${actionLine(a, true)} · _I-${a.initiative.id}_`,
    dueLine: (a) =>
      md`• *A-${a.id}* ${line(a.title)} · ${ownerOf(a)} · fällig ${day(a.dueDate ?? '')} · _I-${a.initiative.id}_`,
    nextStepLine: (i) =>
      md`• ${star(i.tier)}*I-${i.id}* ${line(i.title)} → \`/cx log I-${i.id} &lt;nächster schritt&gt; due:+7d\``,
    decisionLine: (i) =>
      md`• ${star(i.tier)}*I-${i.id}* ${line(i.title)} · ${
        i.ownerLeft
          ? md`${mention(i.ownerId)} (nicht mehr dabei: Admins entscheiden oder übergeben sie)`
          : mention(i.ownerId)
      } → \`/cx show I-${i.id}\``,
    noMetricsLine: (i, missing) =>
      md`• ${star(i.tier)}*I-${i.id}* ${line(i.title)}: ${line(
        missing.map((k) => (k === 'customer' ? 'Kundenkennzahl' : 'Geschäftskennzahl')).join(' und ') ||
          'Kennzahl',
      )} ${missing.length > 1 ? md`fehlen` : md`fehlt`} → \`/cx metric I-${i.id} ${line(missing[0] ?? 'customer')} "&lt;name&gt;" &lt;ausgangswert&gt; -&gt; &lt;zielwert&gt;\``,
    progressLine: (i, p) => md`${star(i.tier)}*I-${i.id}* ${line(i.title)} ${progressLine(p)}`,
    more: (n, scope) =>
      md`…und ${num(n, 'de')} weitere. Siehe \`/cx list${scope === 'hub' ? md`` : md` ${line(scope)}`}\`.`,
  },
};
