import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { ACTION } from '../../ids.js';
import { actionMenu } from './action-menu.js';
import { adoptPainPointButton } from './adopt-pain-point.js';
import { askDepartmentButton } from './ask-department.js';
import { closeInitiativeButton } from './close-initiative.js';
import { doneButton } from './done.js';
import { handOverButton } from './hand-over.js';
import { metricCheckOpenButton } from './metric-check-open.js';
import { metricDecideButton } from './metric-decide.js';
import { requestDeclineButton } from './request-decline.js';
import { requestTakeButton } from './request-take.js';
import { snoozeButton } from './snooze.js';
import { updateButton } from './update.js';

/**
 * Buttons: on reminders, `/cx mine` and the App Home (Done, Snooze, Add update, and the menu with
 * Reschedule / Reassign / Drop), on 6–12-month checks (Enter current values, Recommit, Close) and on round
 * results (Adopt as initiative). Buttons carry a ref as their value; the menu's options `<choice>:A-n`.
 */
export function registerActions(app: App, ctx: AppContext): void {
  app.action(ACTION.done, doneButton(ctx));
  app.action(ACTION.snooze, snoozeButton(ctx));
  app.action(ACTION.update, updateButton());
  app.action(ACTION.actionMenu, actionMenu(ctx));
  app.action(ACTION.metricCheckOpen, metricCheckOpenButton(ctx));
  app.action(ACTION.metricRecommit, metricDecideButton(ctx, 'recommit'));
  app.action(ACTION.metricClose, metricDecideButton(ctx, 'close'));
  app.action(ACTION.adoptPainPoint, adoptPainPointButton(ctx));
  app.action(ACTION.closeInitiativeDrop, closeInitiativeButton(ctx));
  app.action(ACTION.requestTake, requestTakeButton(ctx));
  app.action(ACTION.requestDecline, requestDeclineButton(ctx));
  app.action(ACTION.askDepartment, askDepartmentButton(ctx));
  app.action(ACTION.handOver, handOverButton(ctx));
}
