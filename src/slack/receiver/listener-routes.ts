/**
 * Bolt runs the middleware chain of every registered listener for every request (a copied array, an async
 * chain and a spread of all the listener arguments each), only for all but one to decline: with a listener
 * per button and per modal, a `/cx` command paid for twenty (issue 13's profile: Bolt's invokeMiddleware,
 * four times the empty app's). `routedByIds` hands the register functions an App on which
 * `app.action('<action_id>', listener)` and `app.view('<callback_id>', listener)` are collected in a map
 * behind one Bolt listener per kind, which looks the listener up by id; and `app.command('/name', listener)`
 * becomes a global middleware that answers its own command and passes everything else on, so a command runs
 * no listener chain at all (as the votes do, listeners/events/reactions.ts). It sits in the global chain
 * where it is registered: after whatever `app.use` came before it (the language middleware). Everything else
 * (`event`, `use`, a RegExp or object constraint, several middleware) goes to Bolt as it is.
 */
import type { App } from '@slack/bolt';

// Bolt's listener arguments differ per kind; the router only reads the id and hands them on unchanged.
// biome-ignore lint/suspicious/noExplicitAny: see above.
type Listener = (args: any) => Promise<void> | void;

/** Matches every id: the map decides. */
const ANY = /[\s\S]*/;

interface Route {
  listeners: Map<string, Listener>;
  registered: boolean;
}

function route(
  app: App,
  kind: 'action' | 'view',
  idOf: (args: { action?: { action_id?: unknown }; view?: { callback_id?: unknown } }) => unknown,
): (constraint: unknown, ...listeners: Listener[]) => void {
  const r: Route = { listeners: new Map(), registered: false };
  const direct = (constraint: unknown, listeners: Listener[]) =>
    (app[kind] as (c: unknown, ...l: Listener[]) => void).call(app, constraint, ...listeners);
  return (constraint, ...listeners) => {
    const [listener] = listeners;
    if (typeof constraint !== 'string' || listeners.length !== 1 || !listener) {
      direct(constraint, listeners);
      return;
    }
    if (r.listeners.has(constraint)) throw new Error(`two listeners for the ${kind} '${constraint}'`);
    r.listeners.set(constraint, listener);
    if (r.registered) return;
    r.registered = true;
    direct(ANY, [
      (args) => {
        const id = idOf(args);
        // No listener for this id: as before, nobody answers it (Bolt's unhandled-request timeout).
        return typeof id === 'string' ? r.listeners.get(id)?.(args) : undefined;
      },
    ]);
  };
}

/** `app.command(name, listener)` as a global middleware that takes only its own command. */
function commandRoute(app: App): (name: unknown, ...listeners: Listener[]) => void {
  return (name, ...listeners) => {
    const [listener] = listeners;
    if (typeof name !== 'string' || listeners.length !== 1 || !listener) {
      (app.command as (c: unknown, ...l: Listener[]) => void).call(app, name, ...listeners);
      return;
    }
    app.use(async (args) => {
      const command = (args as { command?: { command?: unknown } }).command;
      if (command?.command !== name) return args.next();
      // Handed on as they are (no copy per request). Its `next` would go on to the listener chains, where no
      // listener takes this command: the handler has no reason to call it.
      await listener(args);
    });
  };
}

/** `app`, with string-id actions and views routed through one Bolt listener per kind, commands global. */
export function routedByIds(app: App): App {
  const action = route(app, 'action', (args) => args.action?.action_id);
  const view = route(app, 'view', (args) => args.view?.callback_id);
  const command = commandRoute(app);
  return new Proxy(app, {
    get(target, prop, receiver) {
      if (prop === 'action') return action;
      if (prop === 'view') return view;
      if (prop === 'command') return command;
      return Reflect.get(target, prop, receiver);
    },
  });
}
