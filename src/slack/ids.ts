/** Every action_id / callback_id / block_id the bot uses, in one place so listeners and builders agree. */
export const ACTION = {
  done: 'cx_action_done',
  update: 'cx_action_update',
  snooze: 'cx_action_snooze',
} as const;

export const VIEW = {
  newInitiative: 'cx_new_initiative',
  logAction: 'cx_log_action',
  addUpdate: 'cx_add_update',
} as const;

/** Input blocks: block_id and action_id are the same string so view state reads plainly. */
export const FIELD = {
  title: 'title',
  lead: 'lead',
  with: 'with',
  tier: 'tier',
  owner: 'owner',
  start: 'start',
  initiative: 'initiative',
  due: 'due',
  dept: 'dept',
  note: 'note',
} as const;
