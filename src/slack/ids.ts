/** Every action_id / callback_id / block_id the bot uses, in one place so listeners and builders agree. */
export const ACTION = {
  done: 'cx_action_done',
  update: 'cx_action_update',
  snooze: 'cx_action_snooze',
  // An action's overflow menu (Reschedule / Reassign / Drop): option values `<choice>:A-n`.
  actionMenu: 'cx_action_menu',
  adoptPainPoint: 'cx_adopt_pain_point',
  // The 6–12-month test: value `I-n` (open the check modal) or `I-n:<due date>` (the owner's decision).
  metricCheckOpen: 'cx_metric_check_open',
  metricRecommit: 'cx_metric_recommit',
  metricClose: 'cx_metric_close',
  // `/cx close` with open actions: closes the initiative and drops them (value: see initiative-close.ts).
  closeInitiativeDrop: 'cx_initiative_close_drop',
  // A request across departments (value `R-n`): take it, or open the Can't-do-it modal.
  requestTake: 'cx_request_take',
  requestDecline: 'cx_request_decline',
  // "Ask another department" on an initiative (value `I-n`): the /cx ask modal, pre-filled with it.
  askDepartment: 'cx_ask_department',
  // "Hand over" on an initiative (value `I-n`), for its owner or an admin: a modal to pick the new owner.
  handOver: 'cx_initiative_hand_over',
} as const;

export const VIEW = {
  newInitiative: 'cx_new_initiative',
  logAction: 'cx_log_action',
  addUpdate: 'cx_add_update',
  logPainPoint: 'cx_log_pain_point',
  metricCheck: 'cx_metric_check',
  // The action menu's modals.
  reschedule: 'cx_action_reschedule',
  reassign: 'cx_action_reassign',
  drop: 'cx_action_drop',
  requestDecline: 'cx_request_decline',
  askDepartment: 'cx_ask_department',
  handOver: 'cx_initiative_hand_over',
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
  reason: 'reason',
  painText: 'pain_text',
  // Metrics: in the New initiative modal, and the check modal's current values.
  customerName: 'customer_name',
  customerBaseline: 'customer_baseline',
  customerTarget: 'customer_target',
  customerUnit: 'customer_unit',
  businessName: 'business_name',
  businessBaseline: 'business_baseline',
  businessTarget: 'business_target',
  businessUnit: 'business_unit',
  customerValue: 'customer_value',
  businessValue: 'business_value',
} as const;

/** Shortcut callback ids, as declared in manifest.yml. */
export const SHORTCUT = {
  logPainPoint: 'log_pain_point',
} as const;
