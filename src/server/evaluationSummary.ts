/**
 * What the map shows of a pilot selection's `evaluation-plan.json` (written by `wardrank pilots`
 * when the framework declares monthly series; format in src/evaluate/evaluationFiles.ts and
 * docs/pilots.md): the design, the primary outcome and its months, and per pilot its
 * synthetic-control donors with a positive weight (largest first), the pre-period RMSPE, the
 * placebo band and the near-miss controls; the minimum detectable effect rows for 12 and 24
 * months of follow-up. Values are copied, never recomputed, so the map says what the plan says.
 */
import type { EvaluationPilot, EvaluationSummary } from '../core/apiTypes.ts';

type Json = Record<string, unknown>;

const num = (x: unknown): number | null => (typeof x === 'number' && Number.isFinite(x) ? x : null);
const str = (x: unknown): string => (typeof x === 'string' ? x : x === undefined || x === null ? '' : String(x));
const arr = (x: unknown): Json[] => (Array.isArray(x) ? (x.filter((v) => v && typeof v === 'object') as Json[]) : []);
const obj = (x: unknown): Json => (x && typeof x === 'object' && !Array.isArray(x) ? (x as Json) : {});

function pilotSummary(p: Json): EvaluationPilot {
  const pilot = obj(p.pilot);
  const band = Array.isArray(obj(p.inSpace).band) ? (obj(p.inSpace).band as unknown[]) : [];
  return {
    code: str(pilot.code),
    name: str(pilot.name),
    donors: arr(p.weights)
      .map((w) => ({ code: str(w.code), name: str(w.name), weight: num(w.weight) ?? 0 }))
      .filter((w) => w.weight > 0)
      .sort((a, b) => b.weight - a.weight),
    preRmspe: num(p.preRmspe),
    preRmspeRelative: num(p.preRmspeRelative),
    placeboBand: [num(band[0]), num(band[1])],
    placeboChange: num(obj(p.inTime).change),
    nearMiss: arr(p.nearMiss).map((w) => ({ code: str(w.code), name: str(w.name), rank: num(w.rank) ?? NaN })),
  };
}

/** The summary of a parsed evaluation-plan.json (`file` names it for the reader). */
export function evaluationSummary(plan: unknown, file: string): EvaluationSummary {
  const p = obj(plan);
  const o = obj(p.outcomes);
  const months = Array.isArray(o.months) ? (o.months as unknown[]) : [];
  const power = obj(p.power);
  const pairs = arr(obj(p.pairs).pairs);
  return {
    file,
    design: str(p.design),
    primary: str(o.primary),
    months: [str(months[0]), str(months[1])],
    source: str(o.source),
    pilots: arr(p.pilots).map(pilotSummary),
    mde: arr(power.rows)
      .filter((r) => r.postMonths === 12 || r.postMonths === 24)
      .map((r) => ({ k: num(r.k) ?? NaN, postMonths: num(r.postMonths) ?? NaN, mde: num(r.mde) })),
    statement: str(power.statement),
    ...(pairs.length
      ? { pairs: pairs.map((x) => ({ treated: str(obj(x.treated).code), control: str(obj(x.control).code) })) }
      : {}),
  };
}
