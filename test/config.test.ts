import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';

const REPO = fileURLToPath(new URL('..', import.meta.url));
const TSX = pathToFileURL(path.join(REPO, 'node_modules', 'tsx', 'dist', 'loader.mjs')).href;

const base = { SLACK_BOT_TOKEN: 'xoxb-1-abc', SLACK_SIGNING_SECRET: 'abcdef0123456789' };

describe('loadConfig', () => {
  it('applies the contract defaults', () => {
    const result = loadConfig(base);
    expect(result).toEqual({
      ok: true,
      config: {
        mode: 'http',
        botToken: 'xoxb-1-abc',
        signingSecret: 'abcdef0123456789',
        appToken: null,
        slackApiUrl: 'https://slack.com/api/',
        port: 3000,
        databasePath: './data/cx-bridge.sqlite',
        timeZone: 'UTC',
        admins: [],
        channels: {},
        logLevel: 'info',
        logFormat: 'json',
        metricsToken: null,
        apiToken: null,
        language: 'en',
      },
    });
  });

  it('reads CX_LANGUAGE (issue 14)', () => {
    const result = loadConfig({ ...base, CX_LANGUAGE: 'de' });
    expect(result.ok && result.config.language).toBe('de');
  });

  it('reads LOG_FORMAT and CX_METRICS_TOKEN', () => {
    const result = loadConfig({
      ...base,
      LOG_FORMAT: 'pretty',
      CX_METRICS_TOKEN: 'm3tr1cs-t0ken-0123456789',
    });
    expect(result.ok && result.config.logFormat).toBe('pretty');
    expect(result.ok && result.config.metricsToken).toBe('m3tr1cs-t0ken-0123456789');
    const empty = loadConfig({ ...base, LOG_FORMAT: '', CX_METRICS_TOKEN: '' });
    expect(empty.ok && empty.config.logFormat).toBe('json');
    expect(empty.ok && empty.config.metricsToken).toBeNull();
  });

  it('reads CX_API_TOKEN and refuses a short one without echoing it', () => {
    const result = loadConfig({ ...base, CX_API_TOKEN: 'api-t0ken-0123456789' });
    expect(result.ok && result.config.apiToken).toBe('api-t0ken-0123456789');
    const short = loadConfig({ ...base, CX_API_TOKEN: 'sh0rt-secret' });
    expect(short.ok).toBe(false);
    expect(JSON.stringify(short)).toContain('CX_API_TOKEN: must be at least 16 characters');
    expect(JSON.stringify(short)).not.toContain('sh0rt-secret');
  });

  it('uses Socket Mode when an app token is set, and then needs no signing secret', () => {
    const result = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1-A1-2-abc' });
    expect(result.ok && result.config.mode).toBe('socket');
  });

  it('parses admins, channels, zone, port, API URL and log level', () => {
    const result = loadConfig({
      ...base,
      CX_ADMINS: 'U1AAA, W2BBB',
      CX_CHANNELS: 'Marketing=C1AAA,it=C2BBB,hub=G3CCC',
      CX_TIMEZONE: 'Europe/Berlin',
      PORT: '8080',
      SLACK_API_URL: 'http://127.0.0.1:9/api',
      LOG_LEVEL: 'debug',
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.config.admins).toEqual(['U1AAA', 'W2BBB']);
    expect(result.config.channels).toEqual({ marketing: 'C1AAA', it: 'C2BBB', hub: 'G3CCC' });
    expect(result.config.timeZone).toBe('Europe/Berlin');
    expect(result.config.port).toBe(8080);
    expect(result.config.slackApiUrl).toBe('http://127.0.0.1:9/api/');
    expect(result.config.logLevel).toBe('debug');
  });

  it('treats empty values (as in a copied .env.example) as unset', () => {
    const result = loadConfig({ ...base, SLACK_APP_TOKEN: '', CX_TIMEZONE: '', PORT: '' });
    expect(result.ok && result.config.mode).toBe('http');
    expect(result.ok && result.config.timeZone).toBe('UTC');
  });

  it.each([
    [{ CX_TIMEZONE: 'Mars/Olympus' }, /CX_TIMEZONE: must be an IANA time zone/],
    [{ CX_CHANNELS: 'finance=C1' }, /CX_CHANNELS: unknown department 'finance'/],
    [{ CX_CHANNELS: 'sales=nope' }, /CX_CHANNELS: 'sales=nope' must look like/],
    [{ CX_ADMINS: 'alice' }, /CX_ADMINS: 'alice' is not a Slack user id/],
    [{ SLACK_BOT_TOKEN: 'xoxp-user-token' }, /SLACK_BOT_TOKEN: must be a bot token/],
    [{ PORT: '70000' }, /PORT: must be a port number/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL: must be one of/],
    [{ LOG_FORMAT: 'xml' }, /LOG_FORMAT: must be json or pretty/],
    [{ CX_LANGUAGE: 'fr' }, /^CX_LANGUAGE: must be en \(English\) or de \(German\)/],
    [{ CX_METRICS_TOKEN: 'short' }, /CX_METRICS_TOKEN: must be at least 16 characters/],
    [{ CX_METRICS_TOKEN: 'has a space in it, long enough' }, /CX_METRICS_TOKEN: must be at least 16/],
    [{ SLACK_API_URL: 'ftp://x' }, /SLACK_API_URL/],
  ])('rejects %o with one clear line', (bad, message) => {
    const result = loadConfig({ ...base, ...bad });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems.join('\n')).toMatch(message);
  });

  it('never echoes a secret in its problems', () => {
    const result = loadConfig({
      SLACK_BOT_TOKEN: 'xoxp-SECRET-value',
      SLACK_SIGNING_SECRET: 'bad secret!',
      CX_METRICS_TOKEN: 'METRIC SECRET',
    });
    expect(result.ok).toBe(false);
    expect(JSON.stringify(result)).not.toContain('METRIC SECRET');
    expect(JSON.stringify(result)).not.toContain('SECRET-value');
    expect(JSON.stringify(result)).not.toContain('bad secret!');
  });

  it('names the missing credentials', () => {
    const result = loadConfig({});
    expect(result).toMatchObject({
      ok: false,
      missingCredentials: ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET'],
    });
  });
});

describe('npm start without credentials', () => {
  const start = (cwd: string, env: NodeJS.ProcessEnv) =>
    spawn(process.execPath, ['--import', TSX, path.join(REPO, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });

  it('starts the offline sandbox and prints one line: the URL of its page', async () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-start-'));
    // A copied, unfilled .env.example (empty credentials) counts as no credentials.
    fs.copyFileSync(path.join(REPO, '.env.example'), path.join(cwd, '.env'));
    const child = start(cwd, { PORT: '0' });
    let stdout = '';
    let stderr = '';
    child.stderr.on('data', (c: Buffer) => {
      stderr += c.toString();
    });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no URL within 20 s; stderr: ${stderr}`)), 20_000);
        child.stdout.on('data', (c: Buffer) => {
          stdout += c.toString();
          const line = stdout.split('\n')[0];
          if (stdout.includes('\n') && line !== undefined) {
            clearTimeout(timer);
            resolve(line);
          }
        });
        child.once('exit', (code) => reject(new Error(`exited ${code}; stderr: ${stderr}`)));
      });
      expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const page = await fetch(url);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('CX Bridge');
      const state = (await (await fetch(`${url}_sandbox/state`)).json()) as { channels: { name: string }[] };
      expect(state.channels.map((c) => c.name)).toContain('cx-hub');
      // The sandbox database lives in the working folder, as the contract says.
      expect(fs.existsSync(path.join(cwd, 'data', 'sandbox.sqlite'))).toBe(true);
      await new Promise((r) => setTimeout(r, 300));
      expect(stdout.trim().split('\n')).toEqual([url]);
      expect(stderr).toBe('');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  });

  it('with only some credentials, names the missing ones and exits 2', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-start-'));
    const run = spawnSync(process.execPath, ['--import', TSX, path.join(REPO, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH, SLACK_BOT_TOKEN: base.SLACK_BOT_TOKEN },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('SLACK_SIGNING_SECRET');
    expect(run.stderr).not.toMatch(/at .*\.ts:\d+/);
  });

  it('without credentials but with invalid values, still stops with one line per problem and exit 2', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-start-'));
    const run = spawnSync(process.execPath, ['--import', TSX, path.join(REPO, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH, CX_TIMEZONE: 'Nowhere/Land', PORT: '70000' },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    expect(run.stdout).toBe('');
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(run.stderr).toContain('CX_TIMEZONE');
    expect(run.stderr).toContain('PORT');
  });

  it('stops on an invalid value with one line per problem and exit 2', () => {
    const cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'cx-start-'));
    fs.writeFileSync(path.join(cwd, '.env'), 'CX_TIMEZONE=Nowhere/Land\nCX_CHANNELS=legal=C1\n');
    const run = spawnSync(process.execPath, ['--import', TSX, path.join(REPO, 'src/main.ts')], {
      cwd,
      env: { PATH: process.env.PATH, ...base },
      encoding: 'utf8',
      timeout: 20_000,
    });
    expect(run.status).toBe(2);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(2);
    expect(run.stderr).toContain('CX_TIMEZONE');
    expect(run.stderr).toContain("unknown department 'legal'");
  });
});
