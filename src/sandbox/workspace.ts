/** The sandbox workspace: a few named people in different time zones, and the CX channels. */

import type { ChannelInput, UserInput } from './emulator/index.js';

/** The CX lead is the admin (a workspace owner per `users.info`, and listed in CX_ADMINS). */
export const SANDBOX_USERS: readonly (UserInput & { title: string })[] = [
  {
    id: 'UMAYA',
    name: 'maya',
    realName: 'Maya Okafor',
    title: 'CX lead (admin)',
    tz: 'Europe/Berlin',
    isAdmin: true,
    isOwner: true,
  },
  { id: 'ULIAM', name: 'liam', realName: 'Liam Carter', title: 'Sales', tz: 'America/New_York' },
  { id: 'UPRIYA', name: 'priya', realName: 'Priya Nair', title: 'Service', tz: 'Asia/Kolkata' },
  { id: 'UTOMAS', name: 'tomas', realName: 'Tomás Silva', title: 'IT', tz: 'America/Sao_Paulo' },
  { id: 'UJUNE', name: 'june', realName: 'June Park', title: 'Marketing', tz: 'America/Los_Angeles' },
  // Her Slack is in German (issue 14): switching to her shows the bot's German; channels keep CX_LANGUAGE.
  {
    id: 'ULENA',
    name: 'lena',
    realName: 'Lena Gruber',
    title: 'Service (Deutsch)',
    tz: 'Europe/Vienna',
    locale: 'de-AT',
  },
];

export const SANDBOX_ADMIN = 'UMAYA';

/** Binding key → channel; every channel is bound from the start (the bot's CX_CHANNELS). */
export const SANDBOX_CHANNELS = {
  marketing: 'CMARKETING',
  sales: 'CSALES',
  service: 'CSERVICE',
  it: 'CIT',
  hub: 'CHUB',
} as const;

export type SandboxChannelKey = keyof typeof SANDBOX_CHANNELS;

export const SANDBOX_CHANNEL_INPUTS: readonly ChannelInput[] = Object.entries(SANDBOX_CHANNELS).map(
  ([key, id]) => ({ id, name: `cx-${key}`, botIsMember: true }),
);

/** `marketing=CMARKETING,…` as CX_CHANNELS spells it. */
export function channelBindingSpec(): string {
  return Object.entries(SANDBOX_CHANNELS)
    .map(([key, id]) => `${key}=${id}`)
    .join(',');
}
