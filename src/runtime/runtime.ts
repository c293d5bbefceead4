/**
 * The one runtime every process builds the same way — the bot (`npm start`), a job run by hand
 * (`npm run cx -- job …`), the benches and the sandbox's time travel: over an open, migrated database,
 * the app context, the Slack web client, the user directory, the outbox notifier, the channel bindings
 * and the scheduler. Only what differs is left to the caller: the clock, the log, the metrics, which jobs,
 * and whether node-cron drives them.
 */
import { WebClient, type WebClientOptions } from '@slack/web-api';
import type { AppContext } from '../app/context.js';
import { settleHeldPost } from '../app/delivery-problems.js';
import { verdictChartsStep } from '../app/metric-checks/charts.js';
import { onReminderExpired } from '../app/reminders.js';
import { applyConfiguredBindings } from '../app/setup.js';
import type { Clock } from '../clock.js';
import type { Config } from '../config.js';
import type { DatabaseHandle } from '../db/client.js';
import { createOutboxPort, enqueue } from '../db/repositories/outbox-repo.js';
import type { OutboxEntry } from '../domain/outbox.js';
import { createScheduler, type Job, type Scheduler } from '../jobs/index.js';
import { type Log, libraryLogger } from '../log/logger.js';
import type { Metrics } from '../metrics/metrics.js';
import { countingFetch } from '../metrics/web-api.js';
import { slackPngUploader } from '../slack/chart-upload.js';
import { setInstallationLanguage } from '../slack/messages/index.js';
import { createNotifier, type Notifier, type PostPace } from '../slack/notifier/index.js';
import { createUserDirectory } from '../slack/user-directory.js';
import { reactionsOfEntry } from '../slack/views/poll.js';
import { renderInLanguage } from '../slack/views/render-in-language.js';
import { mergeInLanguage } from '../slack/views/render-merged.js';
import { requestUpdatesParent } from '../slack/views/requests.js';
import { updatesParentOf } from '../slack/views/results.js';
import { OWN_RETRIES_OPTIONS } from '../slack/web-client.js';
import { afterCommitFetch, webFetch } from '../slack/web-fetch.js';

export interface RuntimeOptions {
  clock: Clock;
  log: Log;
  /** This process's metrics (its own registry). */
  metrics: Metrics;
  /** The scheduled jobs this process may run. */
  jobs: readonly Job[];
  /** node-cron drives the jobs (the bot); false: they run only when asked (`runNow`, `tick`). */
  cron: boolean;
  /** Posts per channel kept to ahead of Slack's limits (default Slack's pace); null: none (the sandbox). */
  postPace?: PostPace | null;
}

/** A post Slack refused for good in this process: kept in the outbox as held, with Slack's reason. */
export interface HeldPost {
  entry: OutboxEntry;
  error: string;
}

export interface Runtime {
  config: Config;
  handle: DatabaseHandle;
  ctx: AppContext;
  /** The notifier's web client; Bolt builds its own from the same `clientOptions`. */
  client: WebClient;
  clientOptions: WebClientOptions;
  notifier: Notifier;
  scheduler: Scheduler;
  metrics: Metrics;
  /** Posts that became held since start, oldest first (the CLI names them in its answer). */
  held: HeldPost[];
}

/**
 * The one set of Web API client options, for the notifier's client and for Bolt's: no hidden retries and
 * 429s rejected at once (the outbox schedules retries itself), and one request timeout — the notifier's
 * claim lease is derived from it. The client logs through the structured log, and its calls are counted, and
 * each waits for the commit of what was written before it (`handle`, group commit: see afterCommitFetch).
 */
export function webClientOptions(
  config: Config,
  log: Log,
  metrics: Metrics,
  handle?: Pick<DatabaseHandle, 'pendingCommit'>,
): WebClientOptions {
  const counted = countingFetch(config.slackApiUrl, metrics, webFetch());
  return {
    slackApiUrl: config.slackApiUrl,
    logger: libraryLogger(log),
    fetch: handle ? afterCommitFetch(() => handle.pendingCommit(), counted) : counted,
    ...OWN_RETRIES_OPTIONS,
  };
}

/** "round_invite in the sales channel (invalid_auth)": which post, where, and why it is kept. */
export function describeHeld({ entry, error }: HeldPost): string {
  const r = entry.recipient;
  const where =
    r.type === 'binding' ? `in the ${r.key} channel` : r.type === 'user' ? `to ${r.id}` : `in ${r.id}`;
  return `${entry.kind} ${where} (${error})`;
}

export function createRuntime(config: Config, handle: DatabaseHandle, options: RuntimeOptions): Runtime {
  const { clock, log, metrics } = options;
  const clientOptions = webClientOptions(config, log, metrics, handle);
  const client = new WebClient(config.botToken, clientOptions);
  let notifier: Notifier | null = null;
  const ctx: AppContext = {
    handle,
    clock,
    timeZone: config.timeZone,
    language: config.language ?? 'en',
    admins: new Set(config.admins),
    directory: createUserDirectory(client),
    // Posts go out once what queued them is saved (with group commit, at the end of the turn).
    afterCommit: () => handle.afterCommit(() => notifier?.kick()),
    schedules: options.jobs,
    observe: { vote: (outcome) => metrics.votes.inc({ outcome }) },
  };

  /** A post that cannot reach its channel is kept; admins hear about it once, by DM. */
  const held: HeldPost[] = [];
  const reportHeld = (entry: OutboxEntry, error: string) => {
    held.push({ entry, error });
    // Asks Slack who a refused DM was for when the cache does not know: after the delivery, not in its way.
    void settleHeldPost(ctx, entry, error)
      .then((messages) => {
        if (messages.length === 0) return;
        enqueue(handle.db, messages, clock.now());
        notifier?.kick();
      })
      .catch((err) => log.error({ err, key: entry.key }, 'outbox: telling the admins of a held post failed'));
  };

  // Outside any person's request (jobs, the CLI), words are CX_LANGUAGE's.
  setInstallationLanguage(config.language ?? 'en');
  // An expired reminder's records go with it (app/reminders.ts).
  const outbox = createOutboxPort(handle, { onExpired: onReminderExpired });
  notifier = createNotifier({
    client,
    outbox,
    render: renderInLanguage(ctx),
    // A burst of wins to one channel becomes one post (slack/notifier/merge.ts).
    merge: mergeInLanguage(ctx),
    clock,
    logger: log.child({ src: 'outbox' }),
    onHeld: reportHeld,
    reactionsOf: reactionsOfEntry,
    // A verdict's charts: drawn and uploaded once, before its first post.
    prepare: verdictChartsStep(ctx, slackPngUploader(client), log.child({ src: 'charts' })),
    updatesParent: (entry) => updatesParentOf(entry) || requestUpdatesParent(entry),
    pace: options.postPace,
  });

  // One binding policy for every process: CX_CHANNELS is the operator's declared configuration and is
  // applied at each start, by the bot and by each `cx job` alike, so both post to the same channels. A
  // channel bound with `/cx setup channel` holds until the next start of either; to keep it, put it in
  // CX_CHANNELS (or leave CX_CHANNELS empty and bind only with /cx setup).
  applyConfiguredBindings(ctx, config.channels);

  metrics.readOutbox(() => {
    const c = outbox.counts();
    return { pending: c.pending + c.sending, held: c.held };
  });
  const scheduler = createScheduler({
    ctx,
    jobs: options.jobs,
    logger: log.child({ src: 'jobs' }),
    metrics,
    cron: options.cron,
  });
  return { config, handle, ctx, client, clientOptions, notifier, scheduler, metrics, held };
}
