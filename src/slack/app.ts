import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, HTTPReceiver, SocketModeReceiver } from '@slack/bolt';
import type { WebClientOptions } from '@slack/web-api';
import type { AppContext } from '../app/context.js';
import type { Config } from '../config.js';
import { type Log, libraryLogger } from '../log/logger.js';
import { currentRequest, newRequestId } from '../log/request.js';
import { metricsHandler } from '../metrics/endpoint.js';
import type { Metrics } from '../metrics/metrics.js';
import { registerActions } from './listeners/actions/index.js';
import { registerCommands } from './listeners/commands/index.js';
import { registerEvents } from './listeners/events/index.js';
import { languageMiddleware } from './listeners/language.js';
import { registerShortcuts } from './listeners/shortcuts/index.js';
import { registerViews } from './listeners/views/index.js';
import { guardHttpReceiver, requestIdOf } from './receiver/http-guard.js';
import type { Installation } from './receiver/inspect.js';
import { routedByIds } from './receiver/listener-routes.js';
import { metricsApiHandler } from './receiver/metrics-api.js';
import { guardSocketReceiver } from './receiver/socket-guard.js';
import { commitProperty } from './respond/ack-after-commit.js';
import { createInFlight } from './respond/in-flight.js';

export interface SlackAppDeps {
  ctx: AppContext;
  /** True when the database answers; drives GET /healthz. */
  healthy: () => boolean;
  log: Log;
  /** Counted on the ack path; served on GET /metrics (HTTP mode) to a bearer of CX_METRICS_TOKEN. */
  metrics: Metrics;
  /** The runtime's one set of Web API client options (no hidden retries, one timeout). */
  clientOptions: WebClientOptions;
}

export interface SlackAppHandle {
  app: App;
  /** Verifies the token (auth.test) and starts listening; returns the HTTP port in HTTP mode. */
  start(): Promise<{ port: number | null; botUserId: string | null }>;
  stop(): Promise<void>;
}

/**
 * auth.test names the team but not the app; the bot user's profile carries `api_app_id`. Best effort:
 * without it, requests are still checked against the team.
 */
async function appIdOf(app: App, botUserId: string, log: Log): Promise<string | null> {
  try {
    const info = await app.client.users.info({ user: botUserId });
    return info.user?.profile?.api_app_id ?? null;
  } catch (error) {
    log.warn({ method: 'users.info', error: (error as Error).message }, 'could not learn the app id');
    return null;
  }
}

export function createSlackApp(config: Config, deps: SlackAppDeps): SlackAppHandle {
  const { clientOptions, log, metrics } = deps;
  // Bolt's and the Socket Mode client's own lines, through the same structured log.
  const logger = libraryLogger(log);
  const common = {
    token: config.botToken,
    // Its level is the runtime's choice (LOG_LEVEL); no logLevel here, or Bolt would reset the shared logger.
    logger,
    clientOptions,
    // auth.test runs in start() so an unreachable API becomes a clear start-up error, not an unhandled rejection.
    deferInitialization: true,
    // Our own reactions arrive as events too; votes code ignores the bot by id, other listeners need no filter.
    ignoreSelf: true,
    // No listener reads context.conversation; the default in-memory store costs every event a look-up.
    convoStore: false as const,
  };
  const healthRoute = {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: unknown, res: import('node:http').ServerResponse) => {
      const ok = deps.healthy();
      res.writeHead(ok ? 200 : 503, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ ok }));
    },
  };
  const metricsRoute = {
    path: '/metrics',
    method: ['GET'],
    handler: metricsHandler(config.metricsToken ?? null, metrics),
  };
  // Values from other systems (survey tools, BI): 404 unless CX_API_TOKEN is set.
  const feedRoute = {
    path: '/api/metrics',
    method: ['POST'],
    handler: metricsApiHandler(config.apiToken ?? null, deps.ctx, log),
  };
  // Learned from Slack in start(), before the first request is let through.
  const installation: Installation = { teamId: null, appId: null };
  let app: App;
  /** Socket Mode's small HTTP server for /healthz and /metrics (Bolt starts it without waiting). */
  let socketServer: Server | null = null;
  const committed = commitProperty(deps.ctx.handle);
  if (config.mode === 'socket') {
    const receiver = new SocketModeReceiver({
      appToken: config.appToken ?? '',
      logger,
      // The socket client's own web client (apps.connections.open) takes its options from here; `port` is
      // where Bolt serves the custom routes, so /healthz and /metrics work in Socket Mode too (on PORT).
      installerOptions: { clientOptions, port: config.port },
      customRoutes: [healthRoute, metricsRoute, feedRoute],
      // `context.reqId`: the delivery's id for the lines that name it (see log/request.ts).
      // `context.pendingCommit`: what an ack waits for (group commit, ./respond/ack-after-commit.ts).
      customPropertiesExtractor: () => ({ reqId: currentRequest()?.id ?? newRequestId(), ...committed }),
    });
    socketServer = (receiver as unknown as { httpServer?: Server }).httpServer ?? null;
    guardSocketReceiver(receiver, { installation, log, metrics });
    app = new App({ ...common, receiver });
  } else {
    const signingSecret = config.signingSecret ?? '';
    const receiver = new HTTPReceiver({
      signingSecret,
      port: config.port,
      customRoutes: [healthRoute, metricsRoute, feedRoute],
      // `context.reqId`: the guard's id of the request, for the lines that name it (see log/request.ts).
      customPropertiesExtractor: (req) => ({ reqId: requestIdOf(req), ...committed }),
      logger,
      // The guard below verifies every POST to the events endpoint (signature and a 5-minute window either
      // way) before Bolt sees it; a second HMAC of the same body in Bolt cost every vote and command again.
      signatureVerification: false,
    });
    // Malformed bodies, future timestamps and other workspaces are answered before Bolt parses anything.
    guardHttpReceiver(receiver, { signingSecret, installation, log, metrics });
    app = new App({ ...common, receiver });
  }

  app.error(async (error) => {
    log.error({ code: error.code, err: error }, 'unhandled error in a listener');
  });

  // What is being handled, so stopping can wait for it (./respond/in-flight.ts): every receiver hands each
  // delivery to processEvent, which settles once its listeners are done (not a middleware: no step in Bolt's
  // chain, whose every step copies the request's arguments).
  const inFlight = createInFlight();
  const processEvent = app.processEvent.bind(app);
  app.processEvent = (event) => inFlight.track(processEvent(event));

  // First: every listener below runs in the sender's language (issue 14).
  app.use(languageMiddleware(deps.ctx));
  // `/cx` answered in the global chain (after the language), one Bolt listener for all buttons and one for all
  // modals: Bolt runs every listener's chain for every request (receiver/listener-routes.ts).
  const routed = routedByIds(app);
  registerCommands(routed, deps.ctx);
  registerActions(routed, deps.ctx);
  registerViews(routed, deps.ctx);
  registerEvents(app, deps.ctx);
  registerShortcuts(app, deps.ctx);

  let botUserId: string | null = null;
  return {
    app,
    async start() {
      await app.init();
      const auth = await app.client.auth.test();
      botUserId = (auth.user_id as string | undefined) ?? null;
      installation.teamId = (auth.team_id as string | undefined) ?? null;
      installation.appId = botUserId ? await appIdOf(app, botUserId, log) : null;
      // A port in use must stop start-up with a clear error, not crash later as an unhandled 'error' event.
      const listening = socketServer ? listeningOf(socketServer) : null;
      const started = config.mode === 'http' ? await app.start(config.port) : await app.start();
      if (listening) await listening;
      const server = (config.mode === 'http' ? started : socketServer) as unknown as Server | undefined;
      const address = server?.address?.() as AddressInfo | null;
      return { port: address ? address.port : null, botUserId };
    },
    async stop() {
      await app.stop();
      // No new deliveries now; those acknowledged before it finish (Slack will not send them again).
      if (!(await inFlight.settled(STOP_WAIT_MS))) {
        log.warn({ inFlight: inFlight.count }, 'stopping with deliveries still being handled');
      }
    },
  };
}

/** How long stopping waits for deliveries being handled: inside Docker's 10 s between SIGTERM and SIGKILL. */
const STOP_WAIT_MS = 8_000;

/** Resolves once `server` listens; rejects with its error (EADDRINUSE…) instead of leaving it unhandled. */
function listeningOf(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    if (server.listening) return resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
}
