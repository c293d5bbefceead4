/** What every German catalogue file shares: counts, days and department names, written the German way. */
import type { Department } from '../../domain/types.js';
import { count as countIn, day as dayIn, type PluralForms } from './mrkdwn.js';

/** `02.12.2026` */
export const day = (d: string) => dayIn(d, 'de');

/** `count()` with German plural rules and numbers (`1.234 Tage`). */
export const count = (n: number, forms: PluralForms) => countIn(n, forms, 'de');

export const DEPT: Record<Department, string> = {
  marketing: 'Marketing',
  sales: 'Vertrieb',
  service: 'Service',
  it: 'IT',
};
