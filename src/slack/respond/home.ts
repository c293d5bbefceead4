import type { WebClient } from '@slack/web-api';
import type { AppContext } from '../../app/context.js';
import { homeData } from '../../app/home.js';
import { isAdmin } from '../../app/users.js';
import type { Mrkdwn } from '../messages/mrkdwn.js';
import { homeView } from '../views/home.js';

/**
 * Publishes the viewer's App Home, fresh from the database. `notice` is the outcome of a button pressed
 * in it (there is no response_url in a home tab, so the answer shows at its top).
 */
export async function publishHome(
  client: WebClient,
  ctx: AppContext,
  userId: string,
  notice?: Mrkdwn,
): Promise<void> {
  const admin = await isAdmin(ctx, userId);
  await client.views.publish({ user_id: userId, view: homeView(homeData(ctx, userId, { admin }), notice) });
}
