import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OWN_RETRIES_OPTIONS } from '../../src/slack/web-client.js';
import { webFetch } from '../../src/slack/web-fetch.js';

/** A tiny Slack stand-in: answers by method name, counts connections and remembers the last body. */
let server: http.Server;
let apiUrl = '';
let connections = 0;
let lastBody = '';
beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => {
      body += c;
    });
    req.on('end', () => {
      lastBody = body;
      const method = (req.url ?? '').split('/').pop();
      if (method === 'chat.postMessage') {
        res.writeHead(200, { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write, im:write' });
        res.end(JSON.stringify({ ok: true, channel: 'C1', ts: '1.000100', text: 'héllo ✓' }));
      } else if (method === 'users.info') {
        res.writeHead(429, { 'retry-after': '7' });
        res.end();
      } else if (method === 'auth.test') {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ ok: false, error: 'invalid_auth' }));
      } else {
        res.writeHead(503);
        res.end('upstream down');
      }
    });
  });
  server.on('connection', () => {
    connections++;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const client = () =>
  new WebClient('xoxb-test', { slackApiUrl: apiUrl, fetch: webFetch(), ...OWN_RETRIES_OPTIONS });

describe('webFetch: Slack Web API calls on undici request (issue 13)', () => {
  it('sends the form body and reads the JSON answer, headers included, over kept-alive connections', async () => {
    const before = connections;
    for (let i = 0; i < 20; i++) {
      const res = await client().chat.postMessage({ channel: 'C1', text: `n${i} & more`, blocks: [] });
      expect(res).toMatchObject({ ok: true, ts: '1.000100', text: 'héllo ✓' });
      expect(res.response_metadata?.scopes).toEqual(['chat:write', 'im:write']);
    }
    expect(new URLSearchParams(lastBody).get('text')).toBe('n19 & more');
    // Kept alive: 20 calls, not 20 connections.
    expect(connections - before).toBeLessThanOrEqual(2);
  });

  it('a 429 becomes web-api rate-limited error with its Retry-After', async () => {
    await expect(client().users.info({ user: 'U1' })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
      retryAfter: 7,
    });
  });

  it("Slack's error and an HTTP failure are told apart as with fetch", async () => {
    await expect(client().auth.test()).rejects.toMatchObject({
      code: 'slack_webapi_platform_error',
      data: { error: 'invalid_auth' },
    });
    await expect(client().apiCall('conversations.info', { channel: 'C1' })).rejects.toMatchObject({
      code: 'slack_webapi_http_error',
      statusCode: 503,
      body: 'upstream down',
    });
  });

  it('an unreachable Slack is a request error carrying the system code', async () => {
    const closed = http.createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const lost = new WebClient('xoxb-test', {
      slackApiUrl: `http://127.0.0.1:${port}/api/`,
      fetch: webFetch(),
      ...OWN_RETRIES_OPTIONS,
    });
    await expect(lost.auth.test()).rejects.toMatchObject({
      code: 'slack_webapi_request_error',
      original: { code: 'ECONNREFUSED' },
    });
  });

  it('a body that is not a string (a file upload) goes through the fallback fetch', async () => {
    const seen: unknown[] = [];
    const fallback = (async (_url: unknown, init: { body?: unknown } | undefined) => {
      seen.push(init?.body);
      return {
        ok: true,
        status: 200,
        statusText: 'OK',
        url: '',
        headers: { get: () => null, entries: () => [] },
        text: async () => 'OK',
        json: async () => ({}),
        arrayBuffer: async () => new ArrayBuffer(0),
      };
    }) as unknown as Parameters<typeof webFetch>[0];
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array([1, 2, 3])]), 'chart.png');
    const res = await webFetch(fallback)('http://127.0.0.1:1/upload', { method: 'POST', body: form });
    expect(await res.text()).toBe('OK');
    expect(seen).toEqual([form]);
  });
});
