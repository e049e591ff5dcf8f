/**
 * The audit report: one printable, self-contained HTML page (inline CSS and SVG, no scripts, no
 * links outside the page) rendering an `Audit`. Sections follow the JRC/COINr statistical
 * audit: coverage, distributions and treatment, correlations, internal consistency (Cronbach's
 * alpha), PCA, indicator–aggregate correlations, effective weights.
 */
import type { Audit } from '../audit.ts';
import { esc, num, numCell, pct, table, type Cell } from './html.ts';
import { heatmapLegendSvg, heatmapSvg } from './heatmapSvg.ts';
import { MEASURED, REFERENCE } from './colours.ts';
import { histogramSvg } from './histogramSvg.ts';
import { weightsSvg } from './weightsSvg.ts';

const CSS = `
body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#111;max-width:1100px;margin:0 auto;padding:1.5rem}
h1{font-size:1.6rem;margin-bottom:.2rem}h2{border-bottom:2px solid ${MEASURED};padding-bottom:.2rem;margin-top:2.2rem}h3{margin-top:1.4rem}
table{border-collapse:collapse;margin:.6rem 0 1rem;font-size:12.5px}th,td{border:1px solid #ccc;padding:2px 6px;vertical-align:middle}
th{background:#eef3f8;text-align:left}td.num{text-align:right;font-variant-numeric:tabular-nums}td.flag{background:#fde0c5;font-weight:600}
caption{text-align:left;font-weight:600;padding:.2rem 0}.note{color:#444;font-size:12.5px}.fig{margin:.5rem 0 1rem}
nav ol{columns:2;font-size:13px}section{break-inside:auto}.fig,table{break-inside:avoid}
@media print{body{max-width:none;padding:0;font-size:11px}h2{break-before:page}h2:first-of-type{break-before:auto}nav{display:none}}
`;

const SECTIONS: [string, string][] = [
  ['coverage', 'Data coverage'],
  ['distributions', 'Distributions and outlier treatment'],
  ['correlations', 'Correlations'],
  ['alpha', "Internal consistency (Cronbach's alpha)"],
  ['pca', 'Principal components per category'],
  ['links', 'Indicators and their aggregates'],
  ['weights', 'Effective weights'],
];

export interface PageOptions {
  /** Names by id (indicators, measures, categories) for labels. */
  names?: Record<string, string>;
  /** Shown under the title, e.g. the run's date or input hashes. */
  subtitle?: string;
}

export function auditHtml(a: Audit, o: PageOptions = {}): string {
  const name = (id: string) => o.names?.[id] ?? id;
  const body = [
    `<h1>Statistical audit: ${esc(a.framework)}</h1>`,
    `<p class="note">${a.areas} areas, ${a.ranked} ranked; ${a.coverage.indicators.length} indicators with data, ${a.coverage.excluded.length} excluded. Correlation: ${esc(a.method)}, pairwise-complete; normalised values with direction applied (higher = higher priority).${o.subtitle ? ' ' + esc(o.subtitle) : ''}</p>`,
    `<nav><ol>${SECTIONS.map(([id, t]) => `<li><a href="#${id}">${esc(t)}</a></li>`).join('')}</ol></nav>`,
    summary(a, name),
    coverage(a),
    distributions(a, name),
    correlations(a, name),
    alpha(a),
    pcaSection(a, name),
    links(a, name),
    weights(a, name),
    `<p class="note">References: OECD/JRC (2008) <i>Handbook on Constructing Composite Indicators</i>; Cronbach (1951) Psychometrika 16(3); Paruolo, Saisana &amp; Saltelli (2013) "Ratings and rankings: voodoo or science?", J. R. Stat. Soc. A 176(3) 609–634; Becker et al. (2017) Ecological Indicators 80; Becker et al. (2022) COINr, Journal of Open Source Software 7(78).</p>`,
  ];
  return `<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>Statistical audit: ${esc(a.framework)}</title><style>${CSS}</style></head><body>${body.join('\n')}</body></html>\n`;
}

function summary(a: Audit, name: (id: string) => string): string {
  const items: string[] = [];
  if (a.flags.redundant.length)
    items.push(
      `${a.flags.redundant.length} indicator pair(s) with |r| &gt; ${a.thresholds.redundant} (possible double counting): ${a.flags.redundant
        .slice(0, 6)
        .map((p) => `${esc(name(p.a))} × ${esc(name(p.b))} (${num(p.r)})`)
        .join('; ')}${a.flags.redundant.length > 6 ? '; …' : ''}`,
    );
  if (a.flags.negativeWithinMeasure.length)
    items.push(
      `${a.flags.negativeWithinMeasure.length} negative correlation(s) inside a measure: ${a.flags.negativeWithinMeasure
        .slice(0, 6)
        .map((p) => `${esc(name(p.a))} × ${esc(name(p.b))} (${num(p.r)})`)
        .join('; ')}${a.flags.negativeWithinMeasure.length > 6 ? '; …' : ''}`,
    );
  const lowAlpha = [...a.alpha.measures, ...a.alpha.categories].filter((x) => x.items >= 2 && x.alpha < 0.7);
  if (lowAlpha.length)
    items.push(
      `${lowAlpha.length} group(s) with Cronbach's alpha below 0.7: ${lowAlpha.map((x) => `${esc(x.name)} (${num(x.alpha)})`).join('; ')}`,
    );
  const silenced = [
    ...a.effectiveWeights.measuresInCategories.flatMap((g) => g.weights),
    ...a.effectiveWeights.categoriesInIndex,
  ].filter((w) => w.ratio < 0.5);
  if (silenced.length)
    items.push(
      `${silenced.length} measure(s)/categories with less than half their nominal influence: ${silenced.map((w) => `${esc(name(w.id))} (×${num(w.ratio)})`).join('; ')}`,
    );
  return `<h2 id="summary">Summary</h2>${items.length ? `<ul>${items.map((i) => `<li>${i}</li>`).join('')}</ul>` : '<p>No flags raised.</p>'}`;
}

function coverage(a: Audit): string {
  const ind = table(
    ['indicator', 'measure', 'level', 'status', 'areas with a value', 'share', 'imputed'],
    a.coverage.indicators.map((c) => [
      `${esc(c.name)} <span class="note">(${esc(c.id)})</span>`,
      esc(c.measure),
      c.level === 'borough' ? 'borough stand-in' : 'ward',
      esc(c.status),
      numCell(c.present, 0),
      { html: pct(c.share), cls: c.share < 0.9 ? 'num flag' : 'num' },
      numCell(c.imputed, 0),
    ]),
    'Indicators with data (a borough stand-in gives every ward its borough’s value)',
  );
  const groups = table(
    ['level', 'id', 'name', 'areas with a score', 'share'],
    [
      ...a.coverage.measures.map((g) => [
        'measure',
        esc(g.id),
        esc(g.name),
        numCell(g.present, 0),
        { html: pct(g.share), cls: g.share < 0.9 ? 'num flag' : 'num' },
      ]),
      ...a.coverage.categories.map((g) => [
        'category',
        esc(g.id),
        esc(g.name),
        numCell(g.present, 0),
        { html: pct(g.share), cls: g.share < 0.9 ? 'num flag' : 'num' },
      ]),
      ['index', '', 'ranked areas', numCell(a.ranked, 0), { html: pct(a.ranked / a.areas), cls: 'num' }],
    ] as (string | Cell)[][],
    'Measures, categories and the index (a score needs the group’s min_coverage share of weight present)',
  );
  const ex = a.coverage.excluded.length
    ? table(
        ['id', 'reason'],
        a.coverage.excluded.map((e) => [esc(e.id), esc(e.reason)]),
        'Excluded',
      )
    : '<p>Nothing excluded.</p>';
  return `<h2 id="coverage">Data coverage</h2>${ind}${groups}${ex}`;
}

function distributions(a: Audit, name: (id: string) => string): string {
  const rows = a.distributions.map((d) => [
    `${esc(name(d.id))} <span class="note">(${esc(d.id)})</span>`,
    histogramSvg(d.raw, `${name(d.id)}: raw values`, 160, 48, REFERENCE),
    histogramSvg(d.treated, `${name(d.id)}: after treatment`),
    numCell(d.skewBefore, 2, Math.abs(d.skewBefore) > 2),
    numCell(d.kurtosisBefore, 2, d.kurtosisBefore > 3.5),
    esc(d.action + (d.winsorised ? ` (${d.winsorised} pt)` : '')),
    numCell(d.skewAfter, 2),
    numCell(d.kurtosisAfter, 2),
  ]);
  return (
    `<h2 id="distributions">Distributions and outlier treatment</h2><p class="note">Grey: values after denominators and borough apportioning; blue: after transform and outlier treatment. Skewness and excess kurtosis as recorded by the treat step (flagged when |skew| &gt; 2 or kurtosis &gt; 3.5, the COINr/JRC rule).</p>` +
    table(
      ['indicator', 'raw', 'treated', 'skew before', 'kurtosis before', 'treatment', 'skew after', 'kurtosis after'],
      rows,
    )
  );
}

function correlations(a: Audit, name: (id: string) => string): string {
  const legend = `<div class="fig">${heatmapLegendSvg()} <span class="note">thick outline: |r| &gt; ${a.thresholds.redundant}; dashed outline: r &lt; ${a.thresholds.negativeBelow} inside one measure; lines separate measures (categories in the last map)</span></div>`;
  const maps = a.correlations.categories.map(
    (c) =>
      `<h3>${esc(c.name)}: indicators</h3><div class="fig">${heatmapSvg(c.matrix, { title: `${c.name}: indicator correlations`, groups: c.measureOf, labels: c.matrix.ids.map(name), redundant: a.thresholds.redundant, negativeBelow: a.thresholds.negativeBelow })}</div>`,
  );
  const across = `<h3>Across measures</h3><div class="fig">${heatmapSvg(a.correlations.measures, { title: 'Measure correlations', groups: a.correlations.categoryOfMeasure, labels: a.correlations.measures.ids.map(name), redundant: a.thresholds.redundant, negativeBelow: -Infinity })}</div>`;
  const flagRows = [
    ...a.flags.redundant.map((p) => [
      'redundant',
      esc(name(p.a)),
      esc(name(p.b)),
      numCell(p.r, 3, true),
      numCell(p.n, 0),
      p.sameMeasure ? 'yes' : 'no',
    ]),
    ...a.flags.negativeWithinMeasure.map((p) => [
      'negative in measure',
      esc(name(p.a)),
      esc(name(p.b)),
      numCell(p.r, 3, true),
      numCell(p.n, 0),
      'yes',
    ]),
  ];
  const flags = flagRows.length
    ? table(['flag', 'indicator', 'indicator', 'r', 'n', 'same measure'], flagRows, 'Flagged pairs')
    : '<p>No pair flagged.</p>';
  return `<h2 id="correlations">Correlations</h2>${legend}${flags}${maps.join('')}${across}`;
}

function alpha(a: Audit): string {
  const row = (level: string, x: Audit['alpha']['measures'][number]): (string | Cell)[] => [
    level,
    esc(x.name),
    numCell(x.items, 0),
    numCell(x.n, 0),
    numCell(x.alpha, 3, x.items >= 2 && x.alpha < 0.7),
  ];
  return (
    `<h2 id="alpha">Internal consistency (Cronbach's alpha)</h2><p class="note">α = k/(k−1)·(1 − Σs²ᵢ/s²ₜ) over areas with every item present; measures: their normalised indicators; categories: their measure scores. Below 0.7 is flagged; a single item has no alpha.</p>` +
    table(
      ['level', 'group', 'items', 'complete areas', 'alpha'],
      [...a.alpha.measures.map((x) => row('measure', x)), ...a.alpha.categories.map((x) => row('category', x))],
    )
  );
}

function pcaSection(a: Audit, name: (id: string) => string): string {
  const parts = a.pca.map((p) => {
    if (p.ids.length === 0) return `<h3>${esc(p.name)}</h3><p>Too few complete areas (${p.n}) for PCA.</p>`;
    const shown = Math.min(3, p.ids.length);
    const head = ['indicator', ...Array.from({ length: shown }, (_, j) => `PC${j + 1} loading`)];
    const rows = p.ids.map((id, i) => [
      esc(name(id)),
      ...Array.from({ length: shown }, (_, j) => numCell(p.loadings[i][j], 2, j === 0 && p.loadings[i][j] < 0)),
    ]);
    const shares = p.varianceShare
      .slice(0, shown)
      .map((s, j) => `PC${j + 1} ${pct(s, 1)}`)
      .join(', ');
    return `<h3>${esc(p.name)}</h3><p class="note">${p.ids.length} indicators, ${p.n} complete areas; variance explained: ${shares}; eigenvalues ${p.eigenvalues
      .slice(0, shown)
      .map((l) => num(l, 2))
      .join(
        ', ',
      )}${p.constant.length ? `; constant on the complete areas, left out: ${p.constant.map(esc).join(', ')}` : ''}.</p>${table(head, rows)}`;
  });
  return `<h2 id="pca">Principal components per category</h2><p class="note">Eigen-decomposition (Jacobi) of the correlation matrix of each category's normalised indicators. A dominant first component with same-signed loadings supports summing them; negative PC1 loadings are flagged.</p>${parts.join('')}`;
}

function links(a: Audit, name: (id: string) => string): string {
  const rows = a.indicatorLinks.map((l) => [
    esc(name(l.id)),
    esc(name(l.measure)),
    numCell(l.withMeasure, 2, l.withMeasure < 0.3),
    numCell(l.withCategory, 2, l.withCategory < 0),
    numCell(l.withIndex, 2, l.withIndex < 0),
  ]);
  return `<h2 id="links">Indicators and their aggregates</h2><p class="note">Correlation of each normalised indicator with its measure, its category and the index; weak (&lt; 0.3 with its own measure) or negative links are flagged.</p>${table(['indicator', 'measure', 'r with measure', 'r with category', 'r with index'], rows)}`;
}

function weights(a: Audit, name: (id: string) => string): string {
  const ew = a.effectiveWeights;
  const cats = `<h3>Categories in the index</h3><div class="fig">${weightsSvg(ew.categoriesInIndex, 'Categories: nominal and effective weights', name)}</div>`;
  const meas = ew.measuresInCategories
    .map(
      (g) =>
        `<h3>Measures in ${esc(name(g.group))}</h3><div class="fig">${weightsSvg(g.weights, `${name(g.group)}: measure weights`, name)}</div>`,
    )
    .join('');
  const rows = ew.indicatorsInIndex.map((w) => [
    esc(name(w.id)),
    numCell(w.nominal, 3),
    numCell(w.r, 2),
    numCell(w.effective, 3),
    numCell(w.ratio, 2, w.ratio < 0.5 || w.ratio > 2),
  ]);
  const inMeasures = ew.indicatorsInMeasures
    .filter((g) => g.weights.length > 1)
    .flatMap((g) =>
      g.weights.map((w) => [
        esc(name(g.group)),
        esc(name(w.id)),
        numCell(w.nominal, 3),
        numCell(w.r, 2),
        numCell(w.effective, 3),
        numCell(w.ratio, 2, w.ratio < 0.5 || w.ratio > 2),
      ]),
    );
  return (
    `<h2 id="weights">Effective weights</h2><p class="note">A weight is a statement of importance, not of influence. Effective weight = r(component, aggregate)² normalised over the components, the correlation-based importance measure of Paruolo, Saisana &amp; Saltelli (2013), as in COINr's audit; ratio = effective ÷ nominal (flagged below 0.5 or above 2).</p>` +
    cats +
    meas +
    table(
      ['measure', 'indicator', 'nominal', 'r', 'effective', 'ratio'],
      inMeasures,
      'Indicators within their measures',
    ) +
    table(
      ['indicator', 'nominal (in index)', 'r with index', 'effective', 'ratio'],
      rows,
      'Indicators against the index',
    )
  );
}
