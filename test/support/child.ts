import type { ChildProcess } from 'node:child_process';

export interface Watched {
  /** Everything the process wrote so far, stdout and stderr interleaved as they arrived. */
  output: () => string;
  exit: Promise<{ code: number | null; signal: string | null; out: string }>;
}

/** Collects a spawned process's output and its end, for tests that run the real bot or CLI. */
export function watch(child: ChildProcess): Watched {
  let out = '';
  const collect = (c: string) => {
    out += c;
  };
  child.stdout?.setEncoding('utf8').on('data', collect);
  child.stderr?.setEncoding('utf8').on('data', collect);
  const exit = new Promise<{ code: number | null; signal: string | null; out: string }>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ code, signal, out }));
  });
  return { output: () => out, exit };
}
