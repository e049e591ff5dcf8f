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
      `Borough-level stand-ins (${borough.map((id) => spec(id)!.name).join('; ')}) give every ward in a borough the same value: ` +
        'they cannot separate wards within one borough, and they move whole boroughs up or down together.',
    );
  }
  const pops = pilots.map((u) => u.population).filter((p) => p === p);
  out.push(
    'Small numbers: ward rates rest on small counts (a few incidents move a ward of a few thousand residents a long way), ' +
      `so adjacent ranks are not meaningfully different${pops.length ? ` (pilot populations: ${pops.map((p) => Math.round(p).toLocaleString('en-GB')).join(', ')})` : ''}.` +
      (haveRobustness ? ' The rank intervals below show how far each pilot moves under other defensible method choices.' : ' Run `wardrank robustness` to see rank intervals.'),
  );
  const unranked = r.areas.codes.flatMap((_, i) => (r.rank[i] === r.rank[i] ? [] : [r.areas.names[i]]));
  if (unranked.length) {
    out.push(
      `${unranked.length} area(s) not ranked because data are missing (${unranked.slice(0, 5).join(', ')}${unranked.length > 5 ? ', …' : ''}); ` +
        'for London this includes the City of London where the ward crime data do not cover it. They cannot be chosen or used as comparisons.',
    );
  }
  for (const c of f.categories) {
    const measures = new Set(f.measures.filter((m) => m.category === c.id).map((m) => m.id));
    const used = r.indicatorIds.filter((id) => measures.has(spec(id)!.measure));
    const proxies = used.filter((id) => spec(id)!.status === 'proxy');
    const missing = r.excluded.filter((x) => spec(x.id) && measures.has(spec(x.id)!.measure) && x.reason.startsWith('no data supplied'));
    if (!r.categoryIds.includes(c.id)) out.push(`Category "${c.name}" has no data in this run; its weight was shared among the others.`);
    else if (proxies.length || missing.length) {
      out.push(
        `Category "${c.name}": ${proxies.length} of ${used.length} indicators used are proxies` +
          (proxies.length ? ` (${proxies.map((id) => spec(id)!.name).join('; ')})` : '') +
          (missing.length ? `; optional file(s) not supplied: ${missing.map((x) => spec(x.id)!.name).join('; ')} (e.g. no survey file)` : '') +
          '. Its scores rest on stand-ins for what it is meant to measure.',
      );
    }
  }
  out.push(
    'Regression to the mean: pilots are chosen for extreme scores, which tend to fall back even without any intervention. ' +
      'Judge the pilots by their change against the comparison wards, not by before-and-after alone.',
  );
  out.push('With a handful of pilots the balance table is indicative: a standardised mean difference on three areas is itself noisy.');
  return out;
}
