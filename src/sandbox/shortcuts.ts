/**
 * The app's shortcuts as Slack knows them: from its manifest (`features.shortcuts`). The sandbox offers
 * the message shortcuts in each message's "⋯" menu, as Slack does. Read with a few lines for this one
 * list instead of a YAML library, which is only a development dependency.
 */

import fs from 'node:fs';
import { fileURLToPath } from 'node:url';

export const MANIFEST_PATH = fileURLToPath(new URL('../../manifest.yml', import.meta.url));

export interface AppShortcut {
  name: string;
  type: 'message' | 'global';
  callbackId: string;
  description: string;
}

const unquote = (v: string) => {
  const t = v.replace(/\s+#.*$/, '').trim();
  return /^(['"]).*\1$/.test(t) ? t.slice(1, -1) : t;
};

/** `features.shortcuts` of a manifest written as block YAML (the form manifest.yml uses). */
export function shortcutsOf(manifest: string): AppShortcut[] {
  const lines = manifest.split(/\r?\n/);
  const out: AppShortcut[] = [];
  let inFeatures = false;
  let listIndent = -1;
  let item: Record<string, string> | null = null;
  const flush = () => {
    if (item?.name && item.callback_id && (item.type === 'message' || item.type === 'global')) {
      out.push({
        name: item.name,
        type: item.type,
        callbackId: item.callback_id,
        description: item.description ?? '',
      });
    }
    item = null;
  };
  for (const line of lines) {
    if (/^\s*(#.*)?$/.test(line)) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) {
      inFeatures = line.startsWith('features:');
      if (listIndent >= 0) flush();
      listIndent = -1;
      continue;
    }
    if (!inFeatures) continue;
    if (listIndent < 0) {
      if (/^\s+shortcuts:\s*$/.test(line)) listIndent = indent;
      continue;
    }
    if (indent <= listIndent) {
      flush();
      listIndent = /^\s+shortcuts:\s*$/.test(line) ? indent : -1;
      continue;
    }
    const entry = /^\s*(-\s+)?([a-z_]+):\s*(.*)$/.exec(line);
    if (!entry) continue;
    if (entry[1]) {
      flush();
      item = {};
    }
    if (item) item[entry[2] as string] = unquote(entry[3] ?? '');
  }
  flush();
  return out;
}

/** The manifest's message shortcuts; none when the manifest is missing (the menu then says so). */
export function messageShortcuts(file = MANIFEST_PATH): AppShortcut[] {
  try {
    return shortcutsOf(fs.readFileSync(file, 'utf8')).filter((s) => s.type === 'message');
  } catch {
    return [];
  }
}
