/**
 * Negative-binomial overdispersion of monthly counts by the method of moments. Each ward's
 * monthly counts are taken as draws with mean μᵢ and variance μᵢ + αμᵢ² (NB2; Cameron & Trivedi
 * 2013, §3.3); with mᵢ and s²ᵢ the ward's sample mean and variance (n − 1 divisor) over the
 * months used, the pooled estimate is
 *
 *   α̂ = max(0, Σᵢ (s²ᵢ − mᵢ) / Σᵢ m²ᵢ),
 *
 * over wards with at least two months and a positive mean. Seasonality and trend within a ward
 * count as overdispersion here, which makes α̂ (and the power calculation that uses it)
 * conservative.
 */
export function overdispersion(series: readonly ArrayLike<number>[]): { alpha: number; wards: number } {
  let num = 0;
  let den = 0;
  let wards = 0;
  for (const s of series) {
    const n = s.length;
    if (n < 2) continue;
    let m = 0;
    for (let t = 0; t < n; t++) m += s[t];
    m /= n;
    if (!(m > 0)) continue;
    let v = 0;
    for (let t = 0; t < n; t++) v += (s[t] - m) ** 2;
    v /= n - 1;
    num += v - m;
    den += m * m;
    wards++;
  }
  return { alpha: den > 0 ? Math.max(0, num / den) : 0, wards };
}
