/**
 * `npm run build` (run by `npm start` first): the bot as ES modules for plain `node` in dist/ (gitignored), so
 * no TypeScript loader runs in production (tsx costs about 30 MB and its loader thread). Packages stay in
 * node_modules; only src/ is bundled. The floor bench builds its servers with the same options.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { type BuildOptions, build, type Plugin } from 'esbuild';

const SRC = path.dirname(fileURLToPath(import.meta.url));
export const DIST = path.join(SRC, '..', 'dist');

/**
 * Each bundled module keeps its own `import.meta.url`, as a path relative to the output: what a module finds
 * next to itself (migrations/, manifest.yml, the sandbox page) is found from dist/ as from src/.
 */
function ownModuleUrl(outdir: string): Plugin {
  return {
    name: 'own-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (!args.path.startsWith(SRC)) return undefined;
        const source = await fs.promises.readFile(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        const relative = path.relative(outdir, args.path).split(path.sep).join('/');
        const url = `new URL(${JSON.stringify(relative)}, import.meta.url).href`;
        return { contents: source.replaceAll('import.meta.url', url), loader: 'ts' };
      });
    },
  };
}

/** The esbuild options for `entryPoints` into `outdir`: one ES module each, shared code in chunks. */
export function bundleOptions(entryPoints: Record<string, string>, outdir: string): BuildOptions {
  return {
    entryPoints,
    outdir,
    // Code loaded by a dynamic import (the sandbox, charts) stays in a chunk of its own, loaded when used.
    splitting: true,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
    plugins: [ownModuleUrl(outdir)],
  };
}

/**
 * Builds `entryPoints` into `outdir`, then removes what an older build left there. Files are overwritten in
 * place, not after emptying the folder: a bot already running from it keeps finding its lazy chunks (their
 * names are content hashes, so an unchanged chunk keeps its name).
 */
export async function bundle(entryPoints: Record<string, string>, outdir: string): Promise<void> {
  const { metafile } = await build({ ...bundleOptions(entryPoints, outdir), metafile: true });
  const written = new Set(Object.keys(metafile.outputs).map((f) => path.resolve(f)));
  for (const name of fs.readdirSync(outdir)) {
    const file = path.join(outdir, name);
    if (!written.has(file) && name.endsWith('.js')) fs.rmSync(file);
  }
}

/** `npm run build`: dist/main.js, what `npm start` runs. */
export async function buildBot(outdir = DIST): Promise<string> {
  await bundle({ main: path.join(SRC, 'main.ts') }, outdir);
  return path.join(outdir, 'main.js');
}

if (process.argv[1] && fs.realpathSync(process.argv[1]) === fs.realpathSync(fileURLToPath(import.meta.url))) {
  await buildBot();
}
