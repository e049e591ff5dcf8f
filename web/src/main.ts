/**
 * The partner map: loads the published results from the server, draws them, and re-runs the
 * index in the browser with the engine's own `score()` when a partner moves a weight slider.
 * Everything on screen (layer, weights, selected ward, zoom and centre) is kept in the URL hash.
 */
import type { Map as MapLibreMap } from 'maplibre-gl';
import { fromBundle } from '../../src/core/bundle.ts';
import { explainArea, type Explanation } from '../../src/core/explain.ts';
import { score, type Prepared } from '../../src/core/run.ts';
import type { Result } from '../../src/core/types.ts';
import { getJson, normalisePilots, type FrameworkInfo, type GeoJson, type PilotsResponse, type PreparedBundle, type WardDetail, type WardsResponse } from './api.ts';
import { layerClasses } from './classify.ts';
import { labelPoint } from './geometry.ts';
import { byId, el, fmtRank } from './dom.ts';
import { mapPng, resultCsv, saveBlob } from './downloads.ts';
import { classCounts, renderLegend } from './legend.ts';
import { layerGroups, layerLabel } from './layerOptions.ts';
import { createMap, flyToWard, hasLineBasemap, setClasses, setOutlines, setSelected, setTubeVisible, type BasemapLayer } from './mapView.ts';
import { attachSearch } from './search.ts';
import { renderTopList } from './topList.ts';
import { formatHash, parseHash, type ViewState } from './viewState.ts';
import { renderPanel } from './wardPanel.ts';
import { tableFromApi, tableFromResult, type WardTable } from './wardTable.ts';
import { buildSliders, type Weights } from './weightSliders.ts';

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';
const OS = 'Contains OS data © Crown copyright and database right.';
/** How many wards the "Highest priority" list shows. */
const TOP_N = 10;

declare global {
  interface Window {
    /** Set once the map has drawn the first classes (the e2e test waits for it). */
    __wardrankReady?: boolean;
    /** Figures for tests and the curious: the last re-rank's time in ms, and the current ranks. */
    __wardrank?: { rerankMs: number[]; rankOf(code: string): number | null; screenPoint(code: string): [number, number] | null };
  }
}

interface App {
  framework: FrameworkInfo;
  published: WardTable;
  table: WardTable;
  prepared: Prepared | null;
  result: Result | null;
  pilots: PilotsResponse;
  boundaries: GeoJson;
  map: MapLibreMap;
  state: ViewState;
  details: Map<string, Promise<WardDetail | null>>;
  areaName: string;
}

async function main(): Promise<void> {
  const state = parseHash(location.hash);
  const [framework, wards, pilots, boundaries, bundle] = await Promise.all([
    getJson<FrameworkInfo>('api/framework'),
    getJson<WardsResponse>('api/wards'),
    getJson<PilotsResponse>('api/pilots').then(normalisePilots, (): PilotsResponse => ({ pilots: [], comparisons: [] })),
    getJson<GeoJson>('geo/boundaries.json'),
    getJson<PreparedBundle>('api/bundle').catch(() => null),
  ]);
  const basemapSpecs = framework.geo?.basemap ?? bundle?.framework.areas.basemap ?? [];
  const basemaps: BasemapLayer[] = (
    await Promise.all(basemapSpecs.map((b) => getJson<GeoJson>(`geo/basemap/${b.id}.json`).then((data) => ({ id: b.id, name: b.name, kind: b.kind, data })).catch(() => null)))
  ).filter((b): b is BasemapLayer => b !== null);
  const attribution = attributionOf(framework);

  const published = tableFromApi(wards.wards);
  const map = createMap({ container: byId('map'), boundaries, basemaps, attribution, view: state.view });
  const app: App = {
    framework,
    published,
    table: published,
    prepared: bundle ? fromBundle(bundle) : null,
    result: null,
    pilots,
    boundaries,
    map,
    state,
    details: new Map(),
    areaName: /london/i.test(framework.name) ? 'London' : 'all-ward',
  };
  window.__wardrank = {
    rerankMs: [],
    rankOf: (code) => rankOf(app.table, code),
    screenPoint: (code) => {
      const at = labelPoint(boundaries.features.find((f) => f.properties?.code === code)?.geometry ?? null);
      if (!at) return null;
      const p = map.project(at);
      return [p.x, p.y];
    },
  };

  document.title = `${framework.name} — ward priority map`;
  byId('title').textContent = framework.name;
  renderAbout(app, attribution);
  const sliders = setUpControls(app, basemaps);
  if (!hasWeights(state.weights)) app.state.weights = { categories: {}, measures: {} };
  else rerank(app);
  sliders?.set(app.state.weights);

  performance.mark('wardrank:data');
  map.on('load', () => {
    performance.mark('wardrank:load');
    setOutlines(map, pilots.pilots.map((p) => p.code), pilots.comparisons.map((c) => c.code));
    recolour(app);
    if (state.ward) void select(app, state.ward, { fly: !state.view });
    map.once('idle', () => {
      performance.mark('wardrank:idle');
      window.__wardrankReady = true;
      // Warm the engine while the partner reads the map, so the first slider move is not the
      // one that pays for compiling score() (about 10x a warm run).
      if (app.prepared) setTimeout(() => currentResult(app), 0);
    });
  });
  map.on('click', 'ward-fill', (e) => {
    const code = e.features?.[0]?.properties?.code;
    if (typeof code === 'string') void select(app, code, { fly: false });
  });
  const tip = el('div', { class: 'ward-tip', 'aria-hidden': 'true' });
  tip.hidden = true;
  byId('map').append(tip);
  map.on('mousemove', 'ward-fill', (e) => {
    const code = e.features?.[0]?.properties?.code;
    const i = typeof code === 'string' ? app.table.codes.indexOf(code) : -1;
    if (i < 0) return;
    map.getCanvas().style.cursor = 'pointer';
    tip.textContent = `${app.table.names[i]} · ${app.table.boroughNames[i]} · rank ${fmtRank(app.table.rank[i])}`;
    tip.style.left = `${e.point.x + 12}px`;
    tip.style.top = `${e.point.y + 12}px`;
    tip.hidden = false;
  });
  map.on('mouseleave', 'ward-fill', () => {
    map.getCanvas().style.cursor = '';
    tip.hidden = true;
  });
  map.on('moveend', () => {
    const c = map.getCenter();
    app.state.view = { zoom: map.getZoom(), lat: c.lat, lng: c.lng };
    writeHash(app);
  });
  window.addEventListener('hashchange', () => applyHash(app, sliders));
}

function hasWeights(w: Weights): boolean {
  return Object.keys(w.categories).length + Object.keys(w.measures).length > 0;
}

function rankOf(t: WardTable, code: string): number | null {
  const i = t.codes.indexOf(code);
  return i >= 0 && t.rank[i] === t.rank[i] ? t.rank[i] : null;
}

function writeHash(app: App): void {
  const h = formatHash(app.state);
  if (h !== location.hash) history.replaceState(null, '', h);
}

/** A pasted permalink: apply what changed. */
function applyHash(app: App, sliders: ReturnType<typeof buildSliders> | null): void {
  const next = parseHash(location.hash);
  if (formatHash(next) === formatHash(app.state)) return;
  const weightsChanged = JSON.stringify(next.weights) !== JSON.stringify(app.state.weights);
  app.state.layer = next.layer;
  (byId('layer') as HTMLSelectElement).value = next.layer;
  if (weightsChanged) {
    app.state.weights = next.weights;
    sliders?.set(next.weights);
    rerank(app);
  }
  recolour(app);
  if (next.view) app.map.jumpTo({ center: [next.view.lng, next.view.lat], zoom: next.view.zoom });
  if (next.ward !== app.state.ward) {
    if (next.ward) void select(app, next.ward, { fly: !next.view });
    else clearSelection(app);
  }
}

function setUpControls(app: App, basemaps: BasemapLayer[]): ReturnType<typeof buildSliders> | null {
  const available = new Set(Object.keys(app.published.columns));
  const layer = byId<HTMLSelectElement>('layer');
  for (const g of layerGroups(app.framework, available)) {
    const og = el('optgroup', { label: g.label });
    for (const o of g.options) {
      const opt = el('option', { value: o.key }, `${'\u2003'.repeat(o.depth)}${o.label}${o.available ? '' : ' (no data)'}`);
      opt.disabled = !o.available;
      og.append(opt);
    }
    layer.append(og);
  }
  if (!available.has(app.state.layer) && app.state.layer !== 'index') app.state.layer = 'index';
  layer.value = app.state.layer;
  layer.addEventListener('change', () => {
    app.state.layer = layer.value;
    recolour(app);
    writeHash(app);
  });

  const tube = byId<HTMLInputElement>('tube');
  byId('tube-row').hidden = !hasLineBasemap(basemaps);
  tube.addEventListener('change', () => setTubeVisible(app.map, basemaps, tube.checked));

  attachSearch(
    byId<HTMLInputElement>('search'),
    byId<HTMLUListElement>('search-list'),
    () => app.published.codes.map((code, i) => ({ code, name: app.published.names[i], borough: app.published.boroughNames[i] })),
    (code) => void select(app, code, { fly: true }),
  );
  byId('panel-close').addEventListener('click', () => clearSelection(app));
  byId('controls-toggle').addEventListener('click', (e) => {
    const open = byId('sidebar').classList.toggle('open');
    (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(open));
  });

  byId<HTMLButtonElement>('dl-png').addEventListener('click', async () => {
    const blob = await mapPng(app.map, `${app.framework.name}: ${layerLabel(app.framework, app.state.layer)}`, attributionOf(app.framework));
    saveBlob(blob, `wardrank-${app.state.layer.replace(':', '-')}.png`);
  });
  const csv = byId<HTMLButtonElement>('dl-csv');
  const whatIf = byId('whatif');
  if (!app.prepared) {
    csv.disabled = true;
    whatIf.append(el('p', { class: 'hint' }, 'What-if and CSV download need the prepared data (api/bundle), which the server did not provide.'));
    return null;
  }
  csv.addEventListener('click', () => {
    const result = currentResult(app);
    saveBlob(new Blob([resultCsv(result)], { type: 'text/csv' }), hasWeights(app.state.weights) ? 'wardrank-results-whatif.csv' : 'wardrank-results.csv');
  });

  let pending = false;
  const sliders = buildSliders(byId('sliders'), app.framework, available, (w) => {
    app.state.weights = w;
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      rerank(app);
      recolour(app);
      refreshPanel(app);
      writeHash(app);
    });
  });
  byId('reset').addEventListener('click', () => {
    app.state.weights = { categories: {}, measures: {} };
    sliders.set(app.state.weights);
    rerank(app);
    recolour(app);
    refreshPanel(app);
    writeHash(app);
  });
  return sliders;
}

/** The server's attributions, led by the OGL and OS statements (added when the server's list lacks them). */
function attributionOf(f: FrameworkInfo): string[] {
  const rest = f.attribution.filter((a) => !a.startsWith(OGL.slice(0, 40)) && !a.startsWith(OS.slice(0, 30)));
  return [OGL, OS, ...rest];
}

/** The Result for the weights on screen (computed once for the published weights when first needed). */
function currentResult(app: App): Result {
  if (!app.result) app.result = score(app.prepared!, { weights: app.state.weights });
  return app.result;
}

/** Re-runs the index with the current weights, in the browser, and times it. */
function rerank(app: App): void {
  if (!app.prepared) return;
  if (!hasWeights(app.state.weights)) {
    app.result = null;
    app.table = app.published;
    byId('timing').textContent = 'Showing the published ranking.';
    return;
  }
  const t0 = performance.now();
  app.result = score(app.prepared, { weights: app.state.weights });
  app.table = tableFromResult(app.result);
  const ms = performance.now() - t0;
  window.__wardrank?.rerankMs.push(ms);
  byId('timing').textContent = `Re-ranked ${app.table.codes.length} wards in ${ms.toFixed(1)} ms with your weights.`;
}

function recolour(app: App): void {
  renderTopList(byId('top'), app.table, TOP_N, (code) => void select(app, code, { fly: true }));
  const t0 = performance.now();
  const classes = layerClasses(app.table, app.state.layer);
  setClasses(app.map, app.table.codes, classes);
  renderLegend(byId('legend'), {
    title: layerLabel(app.framework, app.state.layer),
    isIndex: app.state.layer === 'index',
    counts: classCounts(classes),
    showPilots: app.pilots.pilots.length > 0,
  });
  byId('map').dataset.recolourMs = (performance.now() - t0).toFixed(2);
}

function detail(app: App, code: string): Promise<WardDetail | null> {
  let d = app.details.get(code);
  if (!d) {
    d = getJson<WardDetail>(`api/wards/${encodeURIComponent(code)}`).catch(() => null);
    app.details.set(code, d);
  }
  return d;
}

async function select(app: App, code: string, o: { fly: boolean }): Promise<void> {
  const i = app.published.codes.indexOf(code);
  if (i < 0) return;
  app.state.ward = code;
  setSelected(app.map, code);
  writeHash(app);
  await refreshPanel(app);
  // On a phone the panel is a bottom sheet over the map: keep the ward in the part still visible.
  const sheet = matchMedia('(max-width: 760px)').matches ? byId('panel').offsetHeight : 0;
  app.map.setPadding({ top: 0, left: 0, right: 0, bottom: sheet });
  if (o.fly || sheet > 0) flyToWard(app.map, app.boundaries, code);
  byId('announcer').textContent = `${app.published.names[i]}, ${app.published.boroughNames[i]}: rank ${fmtRank(rankOf(app.table, code))}.`;
}

function clearSelection(app: App): void {
  app.state.ward = null;
  setSelected(app.map, null);
  byId('panel').hidden = true;
  document.body.classList.remove('has-panel');
  app.map.resize();
  app.map.setPadding({ top: 0, left: 0, right: 0, bottom: 0 });
  writeHash(app);
}

async function refreshPanel(app: App): Promise<void> {
  const code = app.state.ward;
  if (!code) return;
  const d = await detail(app, code);
  if (app.state.ward !== code) return; // another ward was picked meanwhile
  const whatIf = hasWeights(app.state.weights) && app.result !== null;
  let explain: Explanation | null = null;
  if (whatIf) explain = explainArea(app.result!, app.result!.areas.codes.indexOf(code));
  else if (d) explain = d.explain;
  else if (app.prepared) explain = explainArea(currentResult(app), app.prepared.areas.codes.indexOf(code));
  if (!explain) return;
  const pilot = app.pilots.pilots.find((p) => p.code === code) ?? null;
  const comparisons = pilot ? app.pilots.comparisons.filter((c) => c.pilot_code === code) : app.pilots.comparisons.filter((c) => c.code === code);
  renderPanel(byId('panel-body'), {
    explain,
    table: app.table,
    areaName: app.areaName,
    robustness: d?.robustness ?? null,
    whatIf,
    publishedRank: rankOf(app.published, code) ?? NaN,
    pilot,
    comparisons,
    pilotNames: Object.fromEntries(app.pilots.pilots.map((p) => [p.code, p.name])),
    topK: app.framework.topK,
  });
  const opening = byId('panel').hidden;
  byId('panel').hidden = false;
  document.body.classList.add('has-panel');
  // The map narrows when the side panel opens; resize now (not on the next ResizeObserver tick)
  // so a fly-to that follows centres the ward in the map that is actually visible.
  if (opening) app.map.resize();
}

function renderAbout(app: App, attribution: string[]): void {
  const f = app.framework;
  const used = f.indicators.filter((s) => s.used).length;
  byId('about').replaceChildren(
    el(
      'div',
      {},
      el('h2', {}, 'About this map'),
    f.description ? el('p', {}, f.description) : null,
    el('p', {}, `${app.published.codes.length} wards; ${f.categories.length} categories, ${f.measures.length} measures, ${used} of ${f.indicators.length} indicators with data.`),
    f.excluded.length
      ? el('details', {}, el('summary', {}, `Not used (${f.excluded.length})`), el('ul', {}, ...f.excluded.map((x) => el('li', {}, `${x.id}: ${x.reason}`))))
      : null,
    app.pilots.note ? el('p', { class: 'hint' }, app.pilots.note) : null,
      el('h3', {}, 'Sources'),
      el('ul', { class: 'attribution' }, ...attribution.map((a) => el('li', {}, a))),
    ),
  );
}

main().catch((err: unknown) => {
  const box = document.getElementById('fatal');
  if (box) {
    box.hidden = false;
    box.textContent = `The map could not load: ${err instanceof Error ? err.message : String(err)}`;
  }
  console.error(err);
});
