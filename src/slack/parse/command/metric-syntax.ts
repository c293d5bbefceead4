/** `/cx metric <I-n> customer|business "<name>" <baseline> -> <target> [unit]` and `/cx check <I-n> kind=value…`. */
import { ok, type Result } from '../../../domain/errors.js';
import { MAX_METRIC_NAME_LENGTH, MAX_UNIT_LENGTH } from '../../../domain/limits.js';
import { isValidUnit, parseMeasurement } from '../../../domain/metrics.js';
import { unescapeSlack } from '../../../domain/text.js';
import type { MetricKind } from '../../../domain/types.js';
import { currentLang } from '../../messages/lang.js';
import { asUsage, badOption, extraArgs, leadingRef, usage } from './errors.js';
import { joinText, type Token } from './tokens.js';
import type { ParsedCommand } from './types.js';

const ARROW = /(-&gt;|->|→)/;

/** Splits `32->45` into `32`, `->`, `45` so the arrow needs no spaces around it. */
function splitArrows(tokens: Token[]): Token[] {
  return tokens.flatMap((t) => {
    if (t.quoted || !ARROW.test(t.value)) return [t];
    let offset = t.start;
    return t.value
      .split(ARROW)
      .filter((part) => part !== '')
      .map((part) => {
        const piece: Token = {
          raw: part,
          value: part,
          quoted: false,
          start: offset,
          end: offset + part.length,
        };
        offset += part.length;
        return piece;
      });
  });
}

/** The two metric kinds, with words people use for them (`/cx metric I-3 revenue …` → `business`). */
const METRIC_KINDS = [
  {
    word: 'customer',
    aliases: ['customers', 'client', 'cx', 'nps', 'csat', 'ces', 'satisfaction', 'experience'],
  },
  { word: 'business', aliases: ['biz', 'revenue', 'cost', 'costs', 'profit', 'margin', 'money', 'kpi'] },
];

const isArrow = (t: Token) => !t.quoted && /^(-&gt;|->|→)$/.test(t.value);

export function parseMetric(input: string, args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef('metric', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const kindToken = args[1];
  if (!kindToken) return usage('metric', 'missing_choice');
  const kind = kindToken.value.toLowerCase();
  if (kind !== 'customer' && kind !== 'business') {
    return badOption('metric', unescapeSlack(kindToken.raw), METRIC_KINDS, unescapeSlack(kindToken.value));
  }
  const rest = splitArrows(args.slice(2));
  const arrowAt = rest.findIndex(isArrow);
  if (arrowAt < 0) return usage('metric', rest.length === 0 ? 'missing_values' : 'missing_arrow');
  const baselineToken = rest[arrowAt - 1];
  const nameTokens = rest.slice(0, Math.max(arrowAt - 1, 0));
  const [targetToken, unitToken, extra] = rest.slice(arrowAt + 1);
  if (!baselineToken || !targetToken) return usage('metric', 'missing_values');
  if (extra) return extraArgs('metric', input, extra);
  if (unitToken && isArrow(unitToken)) return extraArgs('metric', input, unitToken);

  // Numbers first: with `"NPS" -> 45` the name is there and the baseline is what's missing.
  const baseline = measure(baselineToken.value);
  if (!baseline.ok) return asUsage('metric', baseline.error);
  const target = measure(targetToken.value);
  if (!target.ok) return asUsage('metric', target.error);
  const name = joinText(nameTokens);
  if (name === '') return usage('metric', 'missing_metric_name');
  if (name.length > MAX_METRIC_NAME_LENGTH) {
    return usage('metric', 'too_long', { max: MAX_METRIC_NAME_LENGTH });
  }
  if (baseline.value.value === target.value.value) return usage('metric', 'no_change');

  const units = [baseline.value.unit, target.value.unit, unitToken ? unescapeSlack(unitToken.value) : null];
  const distinct = [...new Set(units.filter((u): u is string => u !== null && u !== ''))];
  const badUnit = distinct.find((u) => !isValidUnit(u));
  if (badUnit !== undefined) return usage('metric', 'bad_unit', { text: badUnit, max: MAX_UNIT_LENGTH });
  if (distinct.length > 1) return usage('metric', 'conflicting_units', { text: distinct.join(' ') });
  return ok({
    name: 'metric',
    initiativeId: initiativeId.value,
    kind,
    metric: { name, baseline: baseline.value.value, target: target.value.value, unit: distinct[0] ?? null },
  });
}

/** Numbers as the person writes them: `41,5` is accepted from a German speaker (issue 14). */
const measure = (text: string) => parseMeasurement(text, { decimalComma: currentLang() === 'de' });

const CHECK_VALUE = /^(customer|business)[=:](.*)$/is;

export function parseCheck(args: Token[]): Result<ParsedCommand> {
  const initiativeId = leadingRef('check', args, 'I');
  if (!initiativeId.ok) return initiativeId;
  const values: Record<MetricKind, number | null> = { customer: null, business: null };
  for (const token of args.slice(1)) {
    const match = CHECK_VALUE.exec(token.value);
    if (!match) {
      const typed = unescapeSlack(token.raw);
      return badOption('check', typed, ['customer=', 'business='], `${typed.split(/[=:]/)[0]}=`);
    }
    const kind = (match[1] ?? '').toLowerCase() as MetricKind;
    if (values[kind] !== null) return usage('check', 'duplicate_option', { text: unescapeSlack(token.raw) });
    const measured = measure(match[2] ?? '');
    if (!measured.ok) return asUsage('check', measured.error);
    values[kind] = measured.value.value;
  }
  if (args.length === 1) return ok({ name: 'check', initiativeId: initiativeId.value, modal: true });
  return ok({ name: 'check', initiativeId: initiativeId.value, modal: false, ...values });
}
