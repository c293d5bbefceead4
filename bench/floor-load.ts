/**
 * The floor bench's client: one worker thread that plays Slack for both apps — the same code, the same
 * keep-alive agents, signing each request as it is sent — so neither app is measured with a different client,
 * and the load generator does not share an event loop with the runner (which hosts the Slack emulator).
 */
import { Worker } from 'node:worker_threads';

export interface LoadJob {
  url: string;
  secret: string;
  /** Form-encoded slash-command bodies, sent in order, `concurrency` in flight. */
  bodies: string[];
  concurrency: number;
  /** A response containing one of these is counted as flagged (the bot answered with a failure). */
  markers: string[];
}

export interface LoadResult {
  /** Request → full response body, per request, in milliseconds. */
  durations: number[];
  ms: number;
  failed: number;
  flagged: number;
  /** One flagged (or failed) response, to say what went wrong. */
  example: string | null;
  /** Mean response body size, bytes. */
  bytes: number;
}

// Plain JavaScript so the worker needs no TypeScript loader.
const WORKER = `
const { parentPort } = require('node:worker_threads');
const http = require('node:http');
const crypto = require('node:crypto');
const agents = new Map();
function agentFor(url, concurrency) {
  let a = agents.get(url);
  if (!a) { a = new http.Agent({ keepAlive: true, maxSockets: concurrency }); agents.set(url, a); }
  return a;
}
function post(job, agent, body) {
  return new Promise((resolve) => {
    const ts = Math.floor(Date.now() / 1000);
    const sig = 'v0=' + crypto.createHmac('sha256', job.secret).update('v0:' + ts + ':' + body).digest('hex');
    const started = performance.now();
    const req = http.request(job.url, { method: 'POST', agent, headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    } }, (res) => {
      const chunks = [];
      res.on('data', (c) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode, body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), ms: performance.now() - started }));
    });
    req.on('error', (e) => resolve({ status: 0, body: Buffer.from(String(e)), ms: performance.now() - started }));
    req.end(body);
  });
}
// Answers are checked as bytes (Buffer.indexOf), never decoded: the client's cost per answer byte would
// otherwise count against the app with the longer answers.
parentPort.on('message', async (job) => {
  const agent = agentFor(job.url, job.concurrency);
  const markers = job.markers.map((m) => Buffer.from(m));
  const durations = new Array(job.bodies.length);
  let failed = 0, flagged = 0, example = null, next = 0, bytes = 0;
  async function lane() {
    for (let i = next++; i < job.bodies.length; i = next++) {
      const r = await post(job, agent, job.bodies[i]);
      durations[i] = r.ms;
      bytes += r.body.length;
      if (r.status !== 200) { failed++; example = example || r.status + ' ' + r.body.toString().slice(0, 200); }
      else if (markers.some((m) => r.body.indexOf(m) !== -1)) { flagged++; example = example || r.body.toString().slice(0, 300); }
    }
  }
  const started = performance.now();
  await Promise.all(Array.from({ length: Math.min(job.concurrency, job.bodies.length) }, lane));
  parentPort.postMessage({ durations, ms: performance.now() - started, failed, flagged, example, bytes: bytes / job.bodies.length });
});
`;

export interface LoadClient {
  run(job: LoadJob): Promise<LoadResult>;
  close(): Promise<void>;
}

export function startLoadClient(): LoadClient {
  const worker = new Worker(WORKER, { eval: true });
  return {
    run: (job) =>
      new Promise<LoadResult>((resolve, reject) => {
        const onError = (error: Error) => reject(error);
        worker.once('error', onError);
        worker.once('message', (result: LoadResult) => {
          worker.off('error', onError);
          resolve(result);
        });
        worker.postMessage(job);
      }),
    close: async () => {
      await worker.terminate();
    },
  };
}
