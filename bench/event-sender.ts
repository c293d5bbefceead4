/**
 * Slack's side of the reaction bench, in a worker thread: signs and POSTs prepared Events API envelopes to the
 * bot's request URL over keep-alive connections, `concurrency` scripts at a time, each script's steps in order.
 * Slack is another machine; running its load on the bot's own event loop would measure the load generator.
 */
import { Worker } from 'node:worker_threads';

export interface SenderStep {
  /** The JSON envelope, exactly as sent. */
  body: string;
  /** Delivered twice at once, the second as a retry (`X-Slack-Retry-Num: 1`). */
  twice: boolean;
}

// Plain JavaScript so the worker needs no TypeScript loader.
const WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const http = require('node:http');
const crypto = require('node:crypto');
const { url, secret, scripts, concurrency } = workerData;
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency * 2 });
let failed = 0;
function post(body, retry) {
  return new Promise((resolve) => {
    const ts = Math.floor(Date.now() / 1000);
    const sig = 'v0=' + crypto.createHmac('sha256', secret).update('v0:' + ts + ':' + body).digest('hex');
    const headers = {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      'x-slack-request-timestamp': String(ts),
      'x-slack-signature': sig,
    };
    if (retry) { headers['x-slack-retry-num'] = '1'; headers['x-slack-retry-reason'] = 'http_timeout'; }
    const req = http.request(url, { method: 'POST', agent, headers }, (res) => {
      if (res.statusCode !== 200) failed++;
      res.resume();
      res.on('end', resolve);
    });
    req.on('error', () => { failed++; resolve(); });
    req.end(body);
  });
}
let next = 0;
async function worker() {
  for (let i = next++; i < scripts.length; i = next++) {
    for (const step of scripts[i]) {
      if (step.twice) await Promise.all([post(step.body, false), post(step.body, true)]);
      else await post(step.body, false);
    }
  }
}
const started = performance.now();
Promise.all(Array.from({ length: Math.min(concurrency, scripts.length) }, worker)).then(() => {
  agent.destroy();
  parentPort.postMessage({ failed, ms: performance.now() - started });
});
`;

/** Sends every script; resolves with failed deliveries and the sender's own elapsed time. */
export function sendFromWorker(input: {
  url: string;
  secret: string;
  scripts: SenderStep[][];
  concurrency: number;
}): Promise<{ failed: number; ms: number }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(WORKER, { eval: true, workerData: input });
    worker.once('message', (m: { failed: number; ms: number }) => {
      resolve(m);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}
