// Medians and ratios. Ratios pair each adapter with raw fetch *in the same round* and take the median of
// those per-round ratios: on a shared, noisy machine a slow round slows both, and pairing cancels it.

export const median = (xs: readonly number[]): number => {
  if (xs.length === 0) return Number.NaN;
  const s = [...xs].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** The value at quantile `q` (0–1) of `xs`: the sorted element at ⌊q·n⌋ (the last one for q = 1). */
export const quantile = (xs: readonly number[], q: number): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(q * s.length))] ?? Number.NaN;
};

/** Median of value[r] / base[r] over the rounds where both exist. */
export function pairedRatio(
  values: ReadonlyArray<number | undefined>,
  base: ReadonlyArray<number | undefined>,
): number {
  const ratios: number[] = [];
  values.forEach((v, r) => {
    const b = base[r];
    if (v !== undefined && b !== undefined && b !== 0) ratios.push(v / b);
  });
  return median(ratios);
}
