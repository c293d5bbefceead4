// Catching up with what changed, instead of reloading the whole state after every change: the page asks
// GET /_sandbox/changes?user=…&epoch=…&since=<version it holds> and applies the answer here. No DOM, so
// the tests apply deltas to an old state and compare it with a fresh full one.

/** The query that asks for what changed since `state` (null when the page has to load the full state). */
export function changesQuery(state, me) {
  if (!state || state.me !== me || state.version === undefined) return null;
  const q = new URLSearchParams({ user: me, epoch: state.epoch, since: String(state.version) });
  return `/_sandbox/changes?${q}`;
}

/** Slack timestamps (`seconds.micros`) in order; too long for one float, so compared in two parts. */
export function compareTs(a, b) {
  const [as = '0', af = ''] = a.split('.');
  const [bs = '0', bf = ''] = b.split('.');
  return Number(as) - Number(bs) || Number(af.padEnd(6, '0')) - Number(bf.padEnd(6, '0'));
}

/** Puts `item` where its `ts` belongs in a list kept in ts order, replacing one with the same key. */
function upsert(list, item, same) {
  const at = list.findIndex(same);
  if (at >= 0) {
    list[at] = item;
    return;
  }
  // New items are almost always the newest: look from the end.
  let i = list.length;
  while (i > 0 && compareTs(list[i - 1].ts, item.ts) > 0) i--;
  list.splice(i, 0, item);
}

/**
 * The page's state after `delta` (the answer of /_sandbox/changes): a full state when the server sent one,
 * otherwise `state` with the changed messages, ephemerals, channels, clock, modal and Home applied.
 * `state` is changed in place and returned.
 */
export function applyDelta(state, delta) {
  if (delta.full) return delta.full;
  if (delta.epoch !== state.epoch || delta.since !== state.version) return null;
  for (const change of delta.messages) {
    const { channel, ...message } = change;
    const list = state.messages[channel] ?? [];
    state.messages[channel] = list;
    const same = (m) => m.ts === message.ts;
    if (message.deleted) {
      const at = list.findIndex(same);
      if (at >= 0) list.splice(at, 1);
    } else upsert(list, message, same);
  }
  for (const e of delta.ephemerals) {
    const same = (x) => x.ts === e.ts && x.channel === e.channel;
    if (e.gone) {
      const at = state.ephemerals.findIndex(same);
      if (at >= 0) state.ephemerals.splice(at, 1);
    } else upsert(state.ephemerals, e, same);
  }
  state.channels = delta.channels;
  state.clock = delta.clock;
  if ('modal' in delta) state.modal = delta.modal;
  if ('home' in delta) state.home = delta.home;
  state.version = delta.version;
  return state;
}
