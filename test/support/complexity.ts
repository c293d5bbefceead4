/**
 * "Is this linear?" without trusting one wall-clock reading: the same function runs on an adversarial
 * input and on a plain input of the same length, in the same process, and the fastest of several runs
 * of each is compared. A linear function costs about the same on both (a small factor); a quadratic one
 * costs hundreds of times more at these lengths, so a generous bound never flakes and never misses.
 */
export function costRatio(run: (input: string) => unknown, adversarial: string, plain: string): number {
  const fastest = (input: string) => {
    let best = Number.POSITIVE_INFINITY;
    for (let i = 0; i < 5; i++) {
      const start = performance.now();
      run(input);
      const took = performance.now() - start;
      best = Math.min(best, took);
      // A quadratic run is already conclusive once; repeating it only slows the failing test down.
      if (took > 250) break;
    }
    return best;
  };
  fastest(plain); // warm up the JIT on the plain input, so the first measurement is not the slow one
  const base = fastest(plain);
  const hard = fastest(adversarial);
  // A floor of 1 ms keeps sub-millisecond jitter on a tiny baseline from looking like a blow-up.
  return hard / Math.max(base, 1);
}
