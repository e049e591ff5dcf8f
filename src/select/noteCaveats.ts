/**
 * The caveats printed in every decision note, derived from the run rather than boilerplate
 * where the run can say something specific: which indicators are borough-level stand-ins,
 * which areas were not ranked, which categories rest on proxies or lack an optional file, the
 * pilots' populations (small numbers).
 */
import type { Result } from '../core/types.ts';
import type { Unit } from './pilotUnits.ts';

export function noteCaveats(r: Result, pilots: readonly Unit[], haveRobustness: boolean): string[] {
  const f = r.framework;
  const spec = (id: string) => f.indicators.find((s) => s.id === id);
  const out: string[] = [];
  const borough = r.indicatorIds.filter((id) => spec(id)?.level === 'borough');
  if (borough.length) {
    out.push(
      `${borough.length} borough-level stand-in indicator(s) (${few(borough.map((id) => spec(id)!.name))}) give every ward in a borough the same value: ` +
        'they cannot separate wards within one borough.',
    );
  }
  const pops = pilots.map((u) => u.population).filter((p) => p === p);
  out.push(
    'Small numbers: ward rates rest on small counts, so a few incidents move a ward a long way and adjacent ranks are not meaningfully different' +
      `${pops.length ? ` (pilot populations: ${pops.map((p) => Math.round(p).toLocaleString('en-GB')).join(', ')})` : ''}.` +
      (haveRobustness
        ? ' The rank intervals above show how far each pilot moves under other defensible method choices.'
        : ' Run `wardrank robustness` to see rank intervals.'),
  );
  const unranked = r.areas.codes.flatMap((_, i) => (r.rank[i] === r.rank[i] ? [] : [r.areas.names[i]]));
  if (unranked.length) {
    out.push(
      `${unranked.length} area(s) not ranked because data are missing (${few(unranked)})` +
        (unranked.some((n) => /city of london/i.test(n))
          ? '; the City of London is not covered by the ward-level crime data'
          : '') +
        '. They cannot be chosen or used as comparisons.',
    );
  }
  for (const c of f.categories) {
    const measures = new Set(f.measures.filter((m) => m.category === c.id).map((m) => m.id));
    const used = r.indicatorIds.filter((id) => measures.has(spec(id)!.measure));
    const proxies = used.filter((id) => spec(id)!.status === 'proxy');
    const missing = r.excluded.filter(
      (x) => spec(x.id) && measures.has(spec(x.id)!.measure) && x.reason.startsWith('no data supplied'),
    );
    if (!r.categoryIds.includes(c.id))
      out.push(`Category "${c.name}" has no data in this run; its weight was shared among the others.`);
    else if (proxies.length || missing.length) {
      out.push(
        `Category "${c.name}": ${proxies.length} of ${used.length} indicators used are proxies` +
          (proxies.length ? ` (${few(proxies.map((id) => spec(id)!.name))})` : '') +
          (missing.length
            ? `; ${missing.length} optional indicator(s) without a data file (${few(missing.map((x) => spec(x.id)!.name))}), e.g. no survey file`
            : '') +
          '.',
      );
    }
  }
  out.push(
    'Regression to the mean: pilots are chosen for extreme scores, which tend to fall back even without intervention; judge them against the comparison wards, not before-and-after alone.',
  );
  return out;
}

/** Up to three names, then a count of the rest. */
function few(names: readonly string[]): string {
  return names.length <= 3 ? names.join('; ') : `${names.slice(0, 3).join('; ')}; and ${names.length - 3} more`;
}
