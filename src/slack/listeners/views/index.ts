import type { App } from '@slack/bolt';
import type { AppContext } from '../../../app/context.js';
import { VIEW } from '../../ids.js';
import { addUpdateSubmit } from './add-update.js';
import { askDepartmentSubmit } from './ask-department.js';
import { dropSubmit } from './drop-action.js';
import { handOverSubmit } from './hand-over.js';
import { logActionSubmit } from './log-action.js';
import { logPainPointSubmit } from './log-pain-point.js';
import { metricCheckSubmit } from './metric-check.js';
import { newInitiativeSubmit } from './new-initiative.js';
import { reassignSubmit } from './reassign-action.js';
import { requestDeclineSubmit } from './request-decline.js';
import { rescheduleSubmit } from './reschedule-action.js';

/** Modal submissions: input errors are answered inline in the ack; success closes the modal. */
export function registerViews(app: App, ctx: AppContext): void {
  app.view(VIEW.newInitiative, newInitiativeSubmit(ctx));
  app.view(VIEW.logAction, logActionSubmit(ctx));
  app.view(VIEW.addUpdate, addUpdateSubmit(ctx));
  app.view(VIEW.metricCheck, metricCheckSubmit(ctx));
  app.view(VIEW.logPainPoint, logPainPointSubmit(ctx));
  app.view(VIEW.reschedule, rescheduleSubmit(ctx));
  app.view(VIEW.reassign, reassignSubmit(ctx));
  app.view(VIEW.drop, dropSubmit(ctx));
  app.view(VIEW.requestDecline, requestDeclineSubmit(ctx));
  app.view(VIEW.askDepartment, askDepartmentSubmit(ctx));
  app.view(VIEW.handOver, handOverSubmit(ctx));
}
