/**
 * "Is this linear?" without trusting one wall-clock reading: the same function runs on an adversarial
 * input and on a plain input of the same length, in the same process, alternately (so a busy machine
 * slows both alike), and the fastest run of each is compared. A linear function costs about the same on
 * both (a small factor); a quadratic one costs hundreds of times more at these lengths, so a generous
 * bound neither flakes nor misses.
 */
/**
 * CPU time of this process, not wall time: on a shared 2-core machine other processes take the core away
 * for whole milliseconds, which wall time counts and CPU time does not.
 */
function cpuMs(work: () => void): number {
  const start = process.cpuUsage();
  work();
  const used = process.cpuUsage(start);
  return (used.user + used.system) / 1000;
}

export function costRatio(run: (input: string) => unknown, adversarial: string, plain: string): number {
  const time = (input: string) => cpuMs(() => run(input));
  // Warm up the JIT on both inputs, so neither first run is the slow, unoptimised one.
  time(plain);
  if (time(adversarial) > 250) return time(adversarial) / Math.max(time(plain), 2); // conclusive already
  let base = Number.POSITIVE_INFINITY;
  let hard = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 7; i++) {
    base = Math.min(base, time(plain));
    hard = Math.min(hard, time(adversarial));
  }
  // A floor of 2 ms keeps sub-millisecond jitter on a tiny baseline from looking like a blow-up.
  return hard / Math.max(base, 2);
}

/**
 * "Is this linear?" for a function whose cost per character depends on the characters (escaping makes a
 * hostile text dearer per character than a plain one, by a constant): the same kind of input at n and 8n
 * characters, timed alternately, fastest of each. Linear work grows about 8× (seen up to ~24× with garbage collection), quadratic 64× and more.
 */
export function growthRatio(run: (input: string) => unknown, make: (n: number) => string, n: number): number {
  const small = make(n);
  const large = make(8 * n);
  const time = (input: string) => cpuMs(() => run(input));
  time(small);
  time(large);
  let base = Number.POSITIVE_INFINITY;
  let big = Number.POSITIVE_INFINITY;
  for (let i = 0; i < 5; i++) {
    base = Math.min(base, time(small));
    big = Math.min(big, time(large));
  }
  // The floor only ever lowers the ratio: sub-millisecond jitter on the small run cannot fake a blow-up.
  return big / Math.max(base, 1);
}
