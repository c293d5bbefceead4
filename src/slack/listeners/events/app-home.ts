import type { AppContext } from '../../../app/context.js';
import { eventListener } from '../../respond/guard.js';
import { publishHome } from '../../respond/home.js';

/** `app_home_opened` (Home tab) → `views.publish`; the Messages tab needs nothing. */
export const appHomeOpened = (ctx: AppContext) =>
  eventListener<'app_home_opened'>('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return;
    await publishHome(client, ctx, event.user);
  });
