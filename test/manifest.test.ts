import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Ajv, type ValidateFunction } from 'ajv';
import { beforeAll, describe, expect, it } from 'vitest';
import { isScalar, isSeq, parse, parseDocument } from 'yaml';

const MANIFEST_FILE = fileURLToPath(new URL('../manifest.yml', import.meta.url));
const SCHEMA_DIR = new URL('./fixtures/manifest-schema/', import.meta.url);
/** The entry schema `$ref`s the versioned schemas by these URLs; the local copies are registered under them. */
const SCHEMA_REF_BASE = 'https://raw.githubusercontent.com/slackapi/manifest-schema/v0.5.0/schemas/';
const EVENTS_URL_SUFFIX = '/slack/events';

/** Scopes each bot event needs (Slack's Events API reference). */
const EVENT_SCOPES: Record<string, string[]> = {
  reaction_added: ['reactions:read'],
  reaction_removed: ['reactions:read'],
  app_home_opened: [],
};

/** The minimal bot scopes, agreed on purpose: a new scope must be added here consciously. */
const EXPECTED_BOT_SCOPES = [
  'channels:history',
  'channels:join',
  'channels:read',
  'chat:write',
  'commands',
  'files:write',
  'groups:history',
  'groups:read',
  'im:history',
  'im:write',
  'reactions:read',
  'reactions:write',
  'users:read',
];

interface Manifest {
  _metadata?: { major_version?: number };
  display_information: {
    name: string;
    description?: string;
    long_description?: string;
    background_color?: string;
  };
  features: {
    app_home?: Record<string, boolean>;
    bot_user?: { display_name: string; always_online?: boolean };
    slash_commands?: Array<{
      command: string;
      url?: string;
      description: string;
      usage_hint?: string;
      should_escape?: boolean;
    }>;
    shortcuts?: Array<{ name: string; type: string; callback_id: string; description: string }>;
  };
  oauth_config: { scopes: { bot: string[] } };
  settings: {
    event_subscriptions?: { request_url?: string; bot_events?: string[] };
    interactivity?: { is_enabled: boolean; request_url?: string };
    org_deploy_enabled?: boolean;
    socket_mode_enabled?: boolean;
    token_rotation_enabled?: boolean;
  };
}

type JsonObject = Record<string, unknown>;

function readSchema(name: string): JsonObject {
  return JSON.parse(fs.readFileSync(new URL(name, SCHEMA_DIR), 'utf8')) as JsonObject;
}

/** Reads a definition of the v1 schema, so length assertions follow Slack's own limits. */
function v1Definition(name: string): JsonObject {
  const definitions = readSchema('manifest.schema.1.0.0.json').definitions as Record<string, JsonObject>;
  const definition = definitions[name];
  if (!definition) throw new Error(`no definition ${name} in the v1 schema`);
  return definition;
}

function maxLength(definition: JsonObject, property: string): number {
  const properties = definition.properties as Record<string, { maxLength?: number }>;
  const limit = properties[property]?.maxLength;
  if (limit === undefined) throw new Error(`no maxLength for ${property}`);
  return limit;
}

function itemMaxLength(arrayDefinition: JsonObject, property: string): number {
  return maxLength(arrayDefinition.items as JsonObject, property);
}

function compileManifestValidator(): ValidateFunction {
  const root = readSchema('manifest.schema.json');
  // The root declares draft-07, which is what the default Ajv class implements.
  expect(root.$schema).toBe('http://json-schema.org/draft-07/schema#');
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  // Slack's schema spells the background colour rule with a non-standard `regex` keyword; enforce it like `pattern`.
  ajv.addKeyword({
    keyword: 'regex',
    type: 'string',
    schemaType: 'string',
    validate: (pattern: string, data: string) => new RegExp(pattern, 'u').test(data),
    errors: false,
  });
  ajv.addSchema(readSchema('manifest.schema.1.0.0.json'), `${SCHEMA_REF_BASE}manifest.schema.1.0.0.json`);
  ajv.addSchema(readSchema('manifest.schema.2.0.0.json'), `${SCHEMA_REF_BASE}manifest.schema.2.0.0.json`);
  return ajv.compile(root);
}

const rawManifest = fs.readFileSync(MANIFEST_FILE, 'utf8');
const manifest = parse(rawManifest) as Manifest;

let validate: ValidateFunction;
beforeAll(() => {
  validate = compileManifestValidator();
});

function errorsOf(candidate: unknown): string {
  validate(candidate);
  return JSON.stringify(validate.errors ?? [], null, 2);
}

describe('manifest.yml against Slack’s official manifest schema', () => {
  it('parses as one YAML document without warnings', () => {
    const doc = parseDocument(rawManifest);
    expect(doc.errors).toEqual([]);
    expect(doc.warnings).toEqual([]);
  });

  it('is a valid v1 manifest', () => {
    expect(manifest._metadata?.major_version).toBe(1);
    const ok = validate(manifest);
    expect(ok, errorsOf(manifest)).toBe(true);
  });

  it('rejects a slash command without a leading slash', () => {
    const broken = structuredClone(manifest);
    broken.features.slash_commands![0]!.command = 'cx';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'pattern' && e.instancePath.endsWith('/command'))).toBe(
      true,
    );
  });

  it('rejects a long description under the minimum, an unknown key and a malformed colour', () => {
    const shortText = structuredClone(manifest);
    shortText.display_information.long_description = 'Too short.';
    expect(validate(shortText)).toBe(false);

    const unknownKey = structuredClone(manifest) as Manifest & { settings: JsonObject };
    unknownKey.settings.sockets = true;
    expect(validate(unknownKey)).toBe(false);

    const badColour = structuredClone(manifest);
    badColour.display_information.background_color = 'navy';
    expect(validate(badColour)).toBe(false);
    expect(validate.errors?.some((e) => e.keyword === 'regex')).toBe(true);
  });
});

describe('manifest.yml: what the bot relies on', () => {
  it('declares /cx with should_escape so mentions arrive as <@U…>', () => {
    const commands = manifest.features.slash_commands ?? [];
    const cx = commands.find((c) => c.command === '/cx');
    expect(cx).toBeDefined();
    expect(cx?.should_escape).toBe(true);
    expect(cx?.url?.endsWith(EVENTS_URL_SUFFIX)).toBe(true);
    expect(cx?.usage_hint).toBeTruthy();
  });

  it('keeps texts within Slack’s limits', () => {
    const commandDef = v1Definition('app-manifests.v1.features.slash_commands');
    const shortcutDef = v1Definition('app-manifests.v1.features.shortcuts');
    const displayDef = v1Definition('app-manifests.v1.display_information.schema');
    const botDef = v1Definition('app-manifests.v1.features.bot_user');

    for (const command of manifest.features.slash_commands ?? []) {
      expect(command.command.length).toBeLessThanOrEqual(itemMaxLength(commandDef, 'command'));
      expect(command.description.length).toBeLessThanOrEqual(itemMaxLength(commandDef, 'description'));
      expect(command.usage_hint?.length ?? 0).toBeLessThanOrEqual(itemMaxLength(commandDef, 'usage_hint'));
    }
    for (const shortcut of manifest.features.shortcuts ?? []) {
      expect(shortcut.name.length).toBeLessThanOrEqual(itemMaxLength(shortcutDef, 'name'));
      expect(shortcut.description.length).toBeLessThanOrEqual(itemMaxLength(shortcutDef, 'description'));
    }
    const display = manifest.display_information;
    expect(display.name).toBe('CX Bridge');
    expect(display.description?.length ?? 0).toBeLessThanOrEqual(maxLength(displayDef, 'description'));
    const longProps = displayDef.properties as Record<string, { minLength: number; maxLength: number }>;
    const longLength = display.long_description?.length ?? 0;
    expect(longLength).toBeGreaterThanOrEqual(longProps.long_description!.minLength);
    expect(longLength).toBeLessThanOrEqual(longProps.long_description!.maxLength);
    expect(manifest.features.bot_user?.display_name).toBe('cx-bridge');
    expect(manifest.features.bot_user?.display_name.length).toBeLessThanOrEqual(
      maxLength(botDef, 'display_name'),
    );
  });

  it('describes what CX Bridge does', () => {
    const text = `${manifest.display_information.description} ${manifest.display_information.long_description}`;
    for (const department of ['Marketing', 'Sales', 'Service', 'IT']) expect(text).toContain(department);
    expect(text).toMatch(/strategy/i);
  });

  it('has the "Log as pain point" message shortcut', () => {
    const shortcut = manifest.features.shortcuts?.find((s) => s.callback_id === 'log_pain_point');
    expect(shortcut).toMatchObject({ type: 'message', name: 'Log as pain point' });
  });

  it('enables the App Home tab and a writable Messages tab', () => {
    expect(manifest.features.app_home).toEqual({
      home_tab_enabled: true,
      messages_tab_enabled: true,
      messages_tab_read_only_enabled: false,
    });
    expect(manifest.features.bot_user?.always_online).toBe(true);
  });

  it('subscribes every bot event the bot handles, and grants each event’s scopes', () => {
    const events = manifest.settings.event_subscriptions?.bot_events ?? [];
    const scopes = manifest.oauth_config.scopes.bot;
    for (const [event, needed] of Object.entries(EVENT_SCOPES)) {
      expect(events, `event ${event}`).toContain(event);
      for (const scope of needed) expect(scopes, `scope ${scope} for ${event}`).toContain(scope);
    }
    for (const event of events)
      expect(Object.keys(EVENT_SCOPES), `unexpected event ${event}`).toContain(event);
  });

  it('asks for exactly the minimal bot scopes, without chat:write.public', () => {
    const scopes = manifest.oauth_config.scopes.bot;
    expect(new Set(scopes).size).toBe(scopes.length);
    expect([...scopes].sort()).toEqual(EXPECTED_BOT_SCOPES);
    expect(scopes).not.toContain('chat:write.public');
  });

  it('explains every bot scope with a comment on the same line', () => {
    const lines = rawManifest.split('\n');
    for (const scope of manifest.oauth_config.scopes.bot) {
      const escaped = scope.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      const line = lines.find((l) => new RegExp(`^\\s*-\\s*${escaped}\\s`).test(l));
      expect(line, `line for ${scope}`).toBeDefined();
      expect(line, `comment for ${scope}`).toMatch(/\s#\s*\S.{5,}/);
    }
    // The same through the YAML parser, so a `#` inside a quoted value cannot pass for a comment.
    const doc = parseDocument(rawManifest);
    const bot = doc.getIn(['oauth_config', 'scopes', 'bot'], true);
    expect(isSeq(bot)).toBe(true);
    if (!isSeq(bot)) return;
    for (const item of bot.items) {
      expect(isScalar(item)).toBe(true);
      if (isScalar(item)) expect(item.comment?.trim(), `comment for ${String(item.value)}`).toBeTruthy();
    }
  });

  it('sends interactivity and events to POST /slack/events over HTTPS', () => {
    const { event_subscriptions, interactivity } = manifest.settings;
    expect(interactivity?.is_enabled).toBe(true);
    for (const url of [event_subscriptions?.request_url, interactivity?.request_url]) {
      expect(url).toMatch(/^https:\/\//);
      expect(url?.endsWith(EVENTS_URL_SUFFIX)).toBe(true);
    }
  });

  it('uses HTTP mode, no org deploy and no token rotation', () => {
    expect(manifest.settings).toMatchObject({
      org_deploy_enabled: false,
      socket_mode_enabled: false,
      token_rotation_enabled: false,
    });
    // Switching to Socket Mode is a documented one-line change.
    expect(rawManifest).toMatch(/#[^\n]*Socket Mode[^\n]*\n\s*socket_mode_enabled: false/);
  });
});
