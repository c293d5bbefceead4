/**
 * The process's Prometheus metrics (prom-client). Each bot owns its own Registry — tests and benches start
 * many bots in one process, and a shared default registry would mix their series or refuse a second one.
 * Counting is a few in-memory additions; the outbox gauges are read from the database only when scraped.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/** The request kinds the ack histogram is split by. */
export type RequestKind = 'command' | 'action' | 'view' | 'event' | 'shortcut' | 'options' | 'other';

export interface OutboxCounts {
  pending: number;
  held: number;
}

export interface Metrics {
  registry: Registry;
  /** Seconds from a Slack request's arrival to its acknowledgement. */
  ackSeconds: Histogram<'kind'>;
  /** Signed requests refused before Bolt saw them, by HTTP status. */
  requestsRefused: Counter<'status'>;
  /** Web API calls by method and outcome: ok, Slack's error code, ratelimited, 5xx, network_error. */
  webApiCalls: Counter<'method' | 'outcome'>;
  /** Scheduled job runs by job and outcome (done, failed, interrupted). */
  jobRuns: Counter<'job' | 'outcome'>;
  /** Reactions on polls by what they did: counted, removed, over_limit, already_counted… */
  votes: Counter<'outcome'>;
  /** Where the outbox gauges read from; set once the database is open. */
  readOutbox(read: () => OutboxCounts): void;
}

export interface MetricsOptions {
  /** Node's own process metrics (CPU, memory, event loop lag, GC); only worth it when someone scrapes. */
  processMetrics: boolean;
}

export function createMetrics(options: MetricsOptions): Metrics {
  const registry = new Registry();
  if (options.processMetrics) collectDefaultMetrics({ register: registry });
  let readOutbox: (() => OutboxCounts) | null = null;
  const outboxGauge = (name: string, help: string, pick: (c: OutboxCounts) => number) =>
    new Gauge({
      name,
      help,
      registers: [registry],
      collect() {
        if (readOutbox) this.set(pick(readOutbox()));
      },
    });
  outboxGauge(
    'cx_outbox_pending',
    'Outbox entries waiting to be delivered (pending or being sent).',
    (c) => c.pending,
  );
  outboxGauge(
    'cx_outbox_held',
    'Outbox entries held until a person fixes their recipient (unbound, bot not in channel, token…).',
    (c) => c.held,
  );
  return {
    registry,
    ackSeconds: new Histogram({
      name: 'cx_slack_ack_seconds',
      help: 'Seconds from a Slack request arriving to its acknowledgement, by kind.',
      labelNames: ['kind'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
      registers: [registry],
    }),
    requestsRefused: new Counter({
      name: 'cx_slack_requests_refused_total',
      help: 'Requests to the events endpoint refused before dispatch (bad signature, stale, malformed…), by status.',
      labelNames: ['status'],
      registers: [registry],
    }),
    webApiCalls: new Counter({
      name: 'cx_slack_api_calls_total',
      help: 'Slack Web API calls by method and outcome (ok, the error code, ratelimited, 5xx, network_error).',
      labelNames: ['method', 'outcome'],
      registers: [registry],
    }),
    jobRuns: new Counter({
      name: 'cx_job_runs_total',
      help: 'Scheduled job runs by job and outcome (done, failed, interrupted).',
      labelNames: ['job', 'outcome'],
      registers: [registry],
    }),
    votes: new Counter({
      name: 'cx_votes_total',
      help: 'Reactions on round polls by what they did (counted, removed, over_limit, already_counted, …).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    readOutbox(read) {
      readOutbox = read;
    },
  };
}
