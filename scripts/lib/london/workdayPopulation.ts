/**
 * Workday population and the central activity / night-time economy flag of the current index.
 *
 * Workday population (after the ONS Census 2011 "workday population" definition: people who
 * work in an area plus residents who do not work elsewhere):
 *     workday_j = residents_j + jobs_j − employed residents_j
 * with residents = ONS mid-2022, jobs = jobs located in the ward 2013 (BRES, GLA Ward Profiles),
 * employed residents = Census 2011 residents 16-74 in employment (GLA Ward Atlas); the last two
 * carried from 2013 wards by the population crosswalk. The vintages differ (2011, 2013, 2022):
 * the net commuting term jobs − employed is a 2011–13 estimate added to 2022 residents. A ward
 * whose estimate would fall below half its residents (implausible net outflow) is clamped there;
 * the build reports how many (none in the shipped data).
 *
 * Central activity flag (1/0): jobs_2013 > residents_2013 (both carried by the same crosswalk, the
 * same vintage) AND average PTAL score 2014 ≥ CENTRAL_MIN_PTAL_SCORE (6 = PTAL 5, "very good").
 * Such wards have more people working than living there and very good public transport: town
 * and central-London centres and night-time economies, where rates per resident overstate risk.
 */

/** PTAL score threshold of the central activity flag (6 = PTAL 5 on the GLA's 1–8 scale). */
export const CENTRAL_MIN_PTAL_SCORE = 6;
/** Lower bound of the workday estimate as a share of residents. */
export const WORKDAY_MIN_SHARE = 0.5;

export function workdayPopulation(
  residents: Float64Array,
  jobs: Float64Array,
  employed: Float64Array,
): { values: Float64Array; clamped: number } {
  let clamped = 0;
  const values = Float64Array.from(residents, (r, i) => {
    const w = r + jobs[i] - employed[i];
    if (Number.isNaN(w)) return NaN;
    if (w < WORKDAY_MIN_SHARE * r) {
      clamped++;
      return WORKDAY_MIN_SHARE * r;
    }
    return w;
  });
  return { values, clamped };
}

/**
 * 1 where jobs > residents (same vintage) and PTAL score ≥ the threshold; 0 otherwise (also when a value is missing).
 */
export function centralActivity(
  jobs: Float64Array,
  residents: Float64Array,
  ptalScore: Float64Array,
  minPtal = CENTRAL_MIN_PTAL_SCORE,
): Uint8Array {
  return Uint8Array.from(jobs, (j, i) => (j > residents[i] && ptalScore[i] >= minPtal ? 1 : 0));
}
