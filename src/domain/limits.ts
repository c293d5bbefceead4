/**
 * How long the things people type may be. Business rules shared by the `/cx` grammar and the modals:
 * they keep lists and notifications readable and well under Slack's 3,000-character blocks.
 */
export const MAX_TITLE_LENGTH = 200;
export const MAX_NOTE_LENGTH = 2000;
export const MAX_METRIC_NAME_LENGTH = 100;
/** A unit is a label after a number (`%`, `€`, `pts`, `days`), printed in DMs and public verdict posts. */
export const MAX_UNIT_LENGTH = 16;
