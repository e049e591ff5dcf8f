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
import type { BoroughRow, IndexesResponse, MonthlyResponse } from '../../src/core/apiTypes.ts';
import { renderMonthly } from './monthlyChart.ts';
import { renderComparison } from './compare.ts';
import { BOROUGH_LAYERS, boroughClasses, isBoroughLayer, rowsFromSummaries } from './boroughLayer.ts';
import {
  getJson,
  normalisePilots,
  type Robustness,
  type FrameworkInfo,
  type GeoJson,
  type PilotsResponse,
  type PreparedBundle,
  type WardDetail,
  type WardsResponse,
  type WardsSummaryResponse,
} from './api.ts';
import { decileClasses, layerClasses } from './classify.ts';
import { bbox, labelPoint } from './geometry.ts';
import { byId, el, fmtRank } from './dom.ts';
import { mapPng, resultCsv, saveBlob } from './downloads.ts';
import { classCounts, renderLegend } from './legend.ts';
import { layerGroups, layerLabel } from './layerOptions.ts';
import {
  createMap,
  flyToWard,
  hasBoroughLayer,
  hasLineBasemap,
  setBoroughClasses,
  setClasses,
  setOutlines,
  setOutside,
  setSelected,
  setTubeVisible,
  showBoroughFill,
  type BasemapLayer,
} from './mapView.ts';
import { attachSearch, type SearchItem } from './search.ts';
import { renderTopList } from './topList.ts';
import { renderRankingTable, tableColumns, visibleCsv, visibleRows, type TableState } from './rankingTable.ts';
import { rankVerdict } from '../../src/core/rankVerdict.ts';
import { formatHash, parseHash, type ViewState } from './viewState.ts';
import { renderPanel, statusLabel } from './wardPanel.ts';
import { tableFromApi, tableFromResult, type WardTable } from './wardTable.ts';
import { buildSliders, type SliderHandle } from './weightSliders.ts';
import {
  clampWeights,
  describeWeights,
  downloadName,
  hasWeights,
  isoDate,
  viewTitle,
  whatIfCsvLine,
} from './whatIf.ts';

const OGL = 'Contains public sector information licensed under the Open Government Licence v3.0.';
const OS = 'Contains OS data © Crown copyright and database right.';
/** How many wards the "Highest priority" list shows. */
const TOP_N = 10;

declare global {
  interface Window {
    /** Set once the map has drawn the first classes (the e2e test waits for it). */
    __wardrankReady?: boolean;
    /** Figures for tests and the curious: the last re-rank's time in ms, and the current ranks. */
    __wardrank?: {
      lastPngCaption?: string[];
      rerankMs: number[];
      rankOf(code: string): number | null;
      screenPoint(code: string): [number, number] | null;
    };
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
  /** Published borough summaries (boroughs.csv). */
  boroughs: BoroughRow[];
  /** Robustness rows by ward code (empty when the run has none); fetched after the first paint. */
  robustness: Record<string, Robustness>;
  map: MapLibreMap;
  state: ViewState;
  details: Map<string, Promise<WardDetail | null>>;
  areaName: string;
  /** Keys of the score columns ('category:<id>', 'measure:<id>', 'indicator:<id>') the index has. */
  columnKeys: Set<string>;
  /** The score columns' values (full `/api/wards`), fetched after the first paint or on demand. */
  columnsP: Promise<void> | null;
}

async function main(): Promise<void> {
  const state = parseHash(location.hash);
  // The first paint needs the framework, the ranking and the ward boundaries; the basemap
  // layers are requested as soon as the framework names them (not after everything else).
  // The prepared bundle (for what-if and CSV) is the largest document and is not needed to
  // draw: it is fetched after the first paint, unless a permalink's weights need it at once.
  const frameworkP = getJson<FrameworkInfo>('api/framework');
  let bundleP: Promise<PreparedBundle | null> | null = hasWeights(state.weights) ? loadBundle() : null;
  const basemapsP = frameworkP.then(async (f) => {
    // Older servers do not list the geometry; the bundle's framework does.
    const specs = f.geo?.basemap ?? (await (bundleP ??= loadBundle()))?.framework.areas.basemap ?? [];
    const layers = await Promise.all(
      specs.map((b) =>
        getJson<GeoJson>(`geo/basemap/${b.id}.json`)
          .then((data) => ({ id: b.id, name: b.name, kind: b.kind, data }))
          .catch(() => null),
      ),
    );
    return layers.filter((b): b is BasemapLayer => b !== null);
  });
  const [framework, wards, pilots, boundaries, basemaps, boroughs] = await Promise.all([
    frameworkP,
    // Only what the first paint needs: no score columns (fetched after it, or when a layer needs them).
    getJson<WardsSummaryResponse>('api/wards-summary'),
    getJson<PilotsResponse>('api/pilots').then(normalisePilots, (): PilotsResponse => ({
      pilots: [],
      comparisons: [],
    })),
    getJson<GeoJson>('geo/boundaries.json'),
    basemapsP,
    getJson<{ boroughs: BoroughRow[] }>('api/boroughs').then(
      (r) => r.boroughs,
      (): BoroughRow[] => [],
    ),
  ]);
  const bundle = bundleP ? await bundleP : null;
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
    boroughs,
    robustness: {},
    map,
    state,
    details: new Map(),
    areaName: /london/i.test(framework.name) ? 'London' : 'all',
    columnKeys: new Set([
      ...wards.columns.categories.map((id) => `category:${id}`),
      ...wards.columns.measures.map((id) => `measure:${id}`),
      ...wards.columns.indicators.map((id) => `indicator:${id}`),
    ]),
    columnsP: null,
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

  void getJson<IndexesResponse>('api/indexes').then(renderIndexSwitch, () => undefined);
  document.title = `${framework.name} — ward priority map`;
  byId('title').textContent = framework.name;
  renderAbout(app, attribution);
  const checked = clampWeights(state.weights, framework);
  app.state.weights = checked.weights;
  showNotices(checked.notices);
  setUpControls(app, basemaps);
  let sliders: SliderHandle | null = bundle ? setUpWhatIf(app) : null;
  if (hasWeights(app.state.weights)) rerank(app);
  renderBanner(app);
  sliders?.set(app.state.weights);

  performance.mark('wardrank:data');
  map.on('load', () => {
    performance.mark('wardrank:load');
    setOutlines(
      map,
      pilots.pilots.map((p) => p.code),
      pilots.comparisons.map((c) => c.code),
    );
    recolour(app);
    if (state.ward) void select(app, state.ward, { fly: !state.view });
    map.once('idle', async () => {
      performance.mark('wardrank:idle');
      if (!app.prepared) {
        const b = await (bundleP ??= loadBundle());
        if (b) {
          app.prepared = fromBundle(b);
          sliders = setUpWhatIf(app);
        } else {
          whatIfUnavailable();
        }
      }
      // Warm the engine while the partner reads the map, so the first slider move is not the
      // one that pays for compiling score() (about 10x a warm run): the published run and a
      // what-if run with its table and classes, the same path a slider move takes.
      if (app.prepared) warmUp(app);
      performance.mark('wardrank:whatif-ready');
      await loadColumns(app);
      app.robustness = await getJson<{ wards: Record<string, Robustness> }>('api/robustness').then(
        (r) => r.wards,
        () => ({}),
      );
      addRobustLayer(app);
      recolour(app);
      window.__wardrankReady = true;
    });
  });
  map.on('click', 'ward-fill', (e) => {
    const code = e.features?.[0]?.properties?.code;
    if (typeof code === 'string') void select(app, code, { fly: false, focus: true });
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

function loadBundle(): Promise<PreparedBundle | null> {
  return getJson<PreparedBundle>('api/bundle').catch(() => null);
}

/** One published and one what-if run, discarded: compiles score() and the table/classes path. */
function warmUp(app: App): void {
  currentResult(app);
  const c = app.framework.categories[0];
  if (!c) return;
  const r = score(app.prepared!, { weights: { categories: { [c.id]: c.weight + 1 } } });
  layerClasses(tableFromResult(r), 'index');
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
function applyHash(app: App, sliders: SliderHandle | null): void {
  const next = parseHash(location.hash);
  const checked = clampWeights(next.weights, app.framework);
  next.weights = checked.weights;
  showNotices(checked.notices);
  if (formatHash(next) === formatHash(app.state)) return writeHash(app);
  const weightsChanged = JSON.stringify(next.weights) !== JSON.stringify(app.state.weights);
  app.state.layer = next.layer;
  (byId('layer') as HTMLSelectElement).value = next.layer;
  app.state.borough = next.borough;
  byId<HTMLSelectElement>('borough-filter').value = next.borough ?? '';
  if (weightsChanged) {
    app.state.weights = next.weights;
    sliders?.set(next.weights);
    rerank(app);
    refreshPanel(app);
  }
  recolour(app);
  writeHash(app);
  if (next.view) app.map.jumpTo({ center: [next.view.lng, next.view.lat], zoom: next.view.zoom });
  if (next.ward !== app.state.ward) {
    if (next.ward) void select(app, next.ward, { fly: !next.view });
    else clearSelection(app);
  }
}

function setUpControls(app: App, basemaps: BasemapLayer[]): void {
  const available = app.columnKeys;
  const layer = byId<HTMLSelectElement>('layer');
  for (const g of layerGroups(app.framework, available)) {
    const og = el('optgroup', { label: g.label });
    for (const o of g.options) {
      const opt = el(
        'option',
        { value: o.key },
        `${'\u2003'.repeat(o.depth)}${o.label}${o.available ? '' : ' (no data)'}`,
      );
      opt.disabled = !o.available;
      og.append(opt);
    }
    layer.append(og);
  }
  const boroughLayers = app.boroughs.length > 0 && basemaps.some((b) => b.kind === 'boundaries');
  if (boroughLayers)
    layer.append(
      el('optgroup', { label: 'Boroughs' }, ...BOROUGH_LAYERS.map((o) => el('option', { value: o.key }, o.label))),
    );
  const valid = (k: string) =>
    k === ROBUST_LAYER.key ||
    k === 'index' ||
    available.has(k) ||
    (boroughLayers && BOROUGH_LAYERS.some((o) => o.key === k));
  if (!valid(app.state.layer)) app.state.layer = 'index';
  layer.value = app.state.layer;
  layer.addEventListener('change', () => {
    app.state.layer = layer.value;
    recolour(app);
    writeHash(app);
  });

  const filter = byId<HTMLSelectElement>('borough-filter');
  const names = [...new Map(app.published.boroughCodes.map((c, i) => [c, app.published.boroughNames[i]])).entries()]
    .filter(([c]) => c)
    .sort((a, b) => a[1].localeCompare(b[1]));
  filter.append(...names.map(([c, n]) => el('option', { value: c }, n)));
  if (app.state.borough && !names.some(([c]) => c === app.state.borough)) app.state.borough = null;
  filter.value = app.state.borough ?? '';
  filter.addEventListener('change', () => setBoroughFilter(app, filter.value || null));

  const tube = byId<HTMLInputElement>('tube');
  byId('tube-row').hidden = !hasLineBasemap(basemaps);
  tube.addEventListener('change', () => setTubeVisible(app.map, basemaps, tube.checked));

  attachSearch(
    byId<HTMLInputElement>('search'),
    byId<HTMLUListElement>('search-list'),
    () => searchItems(app.published),
    (item) =>
      item.kind === 'borough' ? chooseBorough(app, item.code) : void select(app, item.code, { fly: true, focus: true }),
  );
  byId('panel-close').addEventListener('click', () => closePanel(app));
  setUpRankingTable(app);
  byId('weight-notice-close').addEventListener('click', () => showNotices([]));
  // Escape closes the ward panel from anywhere except an open search list (whose own Escape
  // closes the list first), and focus goes back to where the partner came from.
  document.addEventListener('keydown', (ev) => {
    if (ev.key !== 'Escape' || byId('panel').hidden) return;
    if (ev.target === byId('search') && byId('search').getAttribute('aria-expanded') === 'true') return;
    closePanel(app);
  });
  byId('controls-toggle').addEventListener('click', (e) => {
    const open = byId('sidebar').classList.toggle('open');
    (e.currentTarget as HTMLElement).setAttribute('aria-expanded', String(open));
  });

  byId<HTMLButtonElement>('dl-png').addEventListener('click', async () => {
    const whatIf = hasWeights(app.state.weights);
    const date = isoDate();
    const title = `${app.framework.name}: ${viewTitle(layerLabel(app.framework, app.state.layer), whatIf)}`;
    const notes = whatIf
      ? [
          `Weights used (${date}): ${describeWeights(app.state.weights, app.framework).join('; ')}. Other weights as published.`,
        ]
      : [];
    const { blob, lines } = await mapPng(app.map, title, notes, attributionOf(app.framework));
    if (window.__wardrank) window.__wardrank.lastPngCaption = lines;
    saveBlob(blob, downloadName('png', app.state.layer, whatIf, date));
  });
  // Until the prepared bundle has arrived (just after the first paint) there is no what-if.
  byId<HTMLButtonElement>('dl-csv').disabled = true;
  byId<HTMLButtonElement>('reset').disabled = true;
}

function whatIfUnavailable(): void {
  byId('whatif').append(
    el(
      'p',
      { class: 'hint' },
      'What-if and CSV download need the prepared data (api/bundle), which the server did not provide.',
    ),
  );
}

/** The CSV download and the weight sliders, once the prepared bundle is in. */
function setUpWhatIf(app: App): SliderHandle {
  const available = app.columnKeys;
  const csv = byId<HTMLButtonElement>('dl-csv');
  csv.disabled = false;
  byId<HTMLButtonElement>('reset').disabled = false;
  csv.addEventListener('click', () => {
    const result = currentResult(app);
    const whatIf = hasWeights(app.state.weights);
    const date = isoDate();
    const text = (whatIf ? whatIfCsvLine(app.state.weights, app.framework, date) : '') + resultCsv(result);
    saveBlob(new Blob([text], { type: 'text/csv' }), downloadName('csv', app.state.layer, whatIf, date));
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
      renderBanner(app);
    });
  });
  const reset = () => {
    app.state.weights = { categories: {}, measures: {} };
    sliders.set(app.state.weights);
    rerank(app);
    recolour(app);
    refreshPanel(app);
    writeHash(app);
    renderBanner(app);
  };
  byId('reset').addEventListener('click', reset);
  byId('banner-reset').addEventListener('click', reset);
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
  const ranked = app.table.rank.filter((r) => r === r).length;
  byId('timing').textContent =
    ranked === 0
      ? NOTHING_RANKED
      : `Re-ranked ${app.table.codes.length} wards in ${ms.toFixed(1)} ms with your weights.`;
}

/**
 * The published score columns (categories, measures, indicators) from the full `/api/wards`,
 * merged into the published table once; the first paint draws from the summary without them.
 */
function loadColumns(app: App): Promise<void> {
  app.columnsP ??= getJson<WardsResponse>('api/wards').then(
    (full) => {
      const { index: _index, ...columns } = tableFromApi(full.wards).columns;
      Object.assign(app.published.columns, columns);
    },
    () => undefined,
  );
  return app.columnsP;
}

function recolour(app: App): void {
  // A score layer whose values have not arrived yet: fetch them and colour again.
  if (app.columnKeys.has(app.state.layer) && !app.table.columns[app.state.layer])
    void loadColumns(app).then(() => {
      if (app.table.columns[app.state.layer]) recolour(app);
    });
  const b = app.state.borough;
  renderTopList(
    byId('top'),
    app.table,
    TOP_N,
    (code) => void select(app, code, { fly: true, focus: true }),
    b ? { code: b, name: boroughName(app, b) } : null,
    (i) => verdictOf(app, i),
  );
  const t0 = performance.now();
  const boroughView = isBoroughLayer(app.state.layer) && hasBoroughLayer(app.map);
  let classes: Uint8Array;
  if (boroughView) {
    const rows = app.result && hasWeights(app.state.weights) ? rowsFromSummaries(app.result.boroughs) : app.boroughs;
    classes = boroughClasses(rows, app.state.layer);
    setBoroughClasses(
      app.map,
      rows.map((r) => r.code),
      classes,
    );
  } else if (app.state.layer === ROBUST_LAYER.key) {
    // Published-weights robustness: P(top decile) of each ward, classed by deciles like any layer.
    classes = decileClasses(app.published.codes.map((c) => app.robustness[c]?.p_top_decile ?? NaN));
    setClasses(app.map, app.published.codes, classes);
  } else {
    classes = layerClasses(app.table, app.state.layer);
    setClasses(app.map, app.table.codes, classes);
  }
  showBoroughFill(app.map, boroughView);
  setOutside(app.map, app.table.codes, (i) => b !== null && app.table.boroughCodes[i] !== b);
  renderLegend(byId('legend'), {
    title: viewTitle(
      boroughView
        ? BOROUGH_LAYERS.find((o) => o.key === app.state.layer)!.label
        : app.state.layer === ROBUST_LAYER.key
          ? ROBUST_LAYER.label
          : layerLabel(app.framework, app.state.layer),
      hasWeights(app.state.weights) && app.state.layer !== ROBUST_LAYER.key,
    ),
    isIndex: app.state.layer === 'index',
    unit: boroughView ? 'boroughs' : 'wards',
    counts: classCounts(classes),
    showPilots: app.pilots.pilots.length > 0,
  });
  byId('map').dataset.recolourMs = (performance.now() - t0).toFixed(2);
}

/** The explanation of a ward under the weights on screen (published: the server's; what-if: the re-run's). */
async function explanationOf(app: App, code: string): Promise<Explanation | null> {
  if (hasWeights(app.state.weights) && app.result) return explainArea(app.result, app.result.areas.codes.indexOf(code));
  return (await detail(app, code))?.explain ?? null;
}

/**
 * The compare dialog for `code`: the partner ward defaults to
 * its pilot or first comparison ward, else the next in rank.
 */
async function openCompare(app: App, code: string): Promise<void> {
  await loadColumns(app);
  const dialog = byId<HTMLDialogElement>('compare-dialog');
  const select = byId<HTMLSelectElement>('compare-with');
  const order = app.published.codes
    .map((c, i) => ({ c, i }))
    .sort((x, y) => app.published.names[x.i].localeCompare(app.published.names[y.i]));
  select.replaceChildren(
    ...order
      .filter((o) => o.c !== code)
      .map((o) => el('option', { value: o.c }, `${app.published.names[o.i]} (${app.published.boroughNames[o.i]})`)),
  );
  const asPilot = app.pilots.comparisons.find((c) => c.pilot_code === code)?.code;
  const asComparison = app.pilots.comparisons.find((c) => c.code === code)?.pilot_code;
  const r = rankOf(app.table, code);
  const next = r === null ? undefined : app.table.codes.find((_, i) => app.table.rank[i] === r + 1);
  select.value = asPilot ?? asComparison ?? next ?? select.options[0]?.value ?? '';
  const paint = async () => {
    const [a, b] = await Promise.all([explanationOf(app, code), explanationOf(app, select.value)]);
    if (a && b)
      renderComparison(byId('compare-host'), a, b, app.table, app.areaName, (c) =>
        verdictOf(app, app.table.codes.indexOf(c)),
      );
  };
  select.onchange = () => void paint();
  byId('compare-close').onclick = () => dialog.close();
  await paint();
  dialog.showModal();
  select.focus();
}

/** The ward's monthly series (null when the index has none), fetched once per ward. */
const monthlyCache = new Map<string, Promise<MonthlyResponse | null>>();
function monthly(app: App, code: string): Promise<MonthlyResponse | null> {
  if (!app.framework.monthly) return Promise.resolve(null);
  let m = monthlyCache.get(code);
  if (!m) {
    m = getJson<MonthlyResponse>(`api/monthly/${encodeURIComponent(code)}`).catch(() => null);
    monthlyCache.set(code, m);
  }
  return m;
}

function detail(app: App, code: string): Promise<WardDetail | null> {
  let d = app.details.get(code);
  if (!d) {
    d = getJson<WardDetail>(`api/wards/${encodeURIComponent(code)}`).catch(() => null);
    app.details.set(code, d);
  }
  return d;
}

/** Where focus was before a ward was chosen, to return it when the panel closes. */
let focusBeforePanel: HTMLElement | null = null;

async function select(app: App, code: string, o: { fly: boolean; focus?: boolean }): Promise<void> {
  const i = app.published.codes.indexOf(code);
  if (i < 0) return;
  if (o.focus && byId('panel').hidden)
    focusBeforePanel = document.activeElement instanceof HTMLElement ? document.activeElement : null;
  app.state.ward = code;
  setSelected(app.map, code);
  writeHash(app);
  await refreshPanel(app);
  // Keyboard and screen-reader users land on the ward they chose (the title is focusable, tabindex -1).
  if (o.focus) byId('panel-title').focus({ preventScroll: true });
  // On a phone the panel is a bottom sheet over the map: keep the ward in the part still visible.
  const sheet = matchMedia('(max-width: 760px)').matches ? byId('panel').offsetHeight : 0;
  app.map.setPadding({ top: 0, left: 0, right: 0, bottom: sheet });
  if (o.fly || sheet > 0) flyToWard(app.map, app.boundaries, code);
  byId('announcer').textContent =
    `${app.published.names[i]}, ${app.published.boroughNames[i]}: rank ${fmtRank(rankOf(app.table, code))}.`;
}

/** Closes the ward panel and returns focus to the control that opened it (or the search box). */
function closePanel(app: App): void {
  clearSelection(app);
  const back = focusBeforePanel && document.contains(focusBeforePanel) ? focusBeforePanel : byId('search');
  focusBeforePanel = null;
  back.focus();
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
  const [d] = await Promise.all([detail(app, code), loadColumns(app)]);
  if (app.state.ward !== code) return; // another ward was picked meanwhile
  const whatIf = hasWeights(app.state.weights) && app.result !== null;
  let explain: Explanation | null = null;
  if (whatIf) explain = explainArea(app.result!, app.result!.areas.codes.indexOf(code));
  else if (d) explain = d.explain;
  else if (app.prepared) explain = explainArea(currentResult(app), app.prepared.areas.codes.indexOf(code));
  if (!explain) return;
  const pilot = app.pilots.pilots.find((p) => p.code === code) ?? null;
  const comparisons = pilot
    ? app.pilots.comparisons.filter((c) => c.pilot_code === code)
    : app.pilots.comparisons.filter((c) => c.code === code);
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
    indicators: Object.fromEntries(app.framework.indicators.map((x) => [x.id, x])),
    rawMedians: Object.fromEntries(Object.entries(d?.raw ?? {}).map(([id, v]) => [id, v.median ?? null])),
    reportHref: `report/${encodeURIComponent(code)}`,
    balance: app.pilots.balance,
    code,
    evaluation: app.pilots.evaluation,
    flags: d?.ward.flags,
  });
  byId('compare-open').addEventListener('click', () => void openCompare(app, code));
  const monthlyHost = el('section', { class: 'monthly' });
  byId('panel-body').append(monthlyHost);
  void monthly(app, code).then((m) => {
    if (m && app.state.ward === code && monthlyHost.isConnected) renderMonthly(monthlyHost, m, app.areaName);
  });
  const opening = byId('panel').hidden;
  byId('panel').hidden = false;
  document.body.classList.add('has-panel');
  // The map narrows when the side panel opens; resize now (not on the next ResizeObserver tick)
  // so a fly-to that follows centres the ward in the map that is actually visible.
  if (opening) app.map.resize();
}

/**
 * The index switch, when the server serves more than one index (`wardrank serve … --also …`):
 * each index's page lives at its own path, so switching navigates there, keeping the map view.
 */
function renderIndexSwitch(r: IndexesResponse): void {
  if (r.indexes.length < 2) return;
  const root = new URL(r.current ? '../' : './', location.href);
  const select = byId<HTMLSelectElement>('index-select');
  select.replaceChildren(
    ...r.indexes.map((x) => el('option', { value: x.path }, `${x.name}${x.default ? ' (current)' : ''}`)),
  );
  select.value = r.indexes.find((x) => x.id === r.current)?.path ?? '';
  select.addEventListener('change', () => {
    const view = new URLSearchParams(location.hash.slice(1)).get('map');
    location.assign(new URL(select.value + (view ? `#map=${view}` : ''), root).href);
  });
  byId('index-switch').hidden = false;
}

function boroughName(app: App, code: string): string {
  const i = app.published.boroughCodes.indexOf(code);
  return i >= 0 ? app.published.boroughNames[i] : code;
}

/** The borough filter: fades other boroughs' wards, limits the top list and the ranking table. */
function setBoroughFilter(app: App, code: string | null): void {
  app.state.borough = code;
  byId<HTMLSelectElement>('borough-filter').value = code ?? '';
  recolour(app);
  writeHash(app);
  document.dispatchEvent(new CustomEvent('wardrank:filter'));
}

/** "stable 1–12" / "uncertain 40–160" for a ward of the table, or '' without robustness results. */
function verdictOf(app: App, i: number): string {
  const r = app.robustness[app.table.codes[i]];
  const ranked = app.table.rank.filter((x) => x === x).length;
  const v = r && !hasWeights(app.state.weights) ? rankVerdict(r.p05_rank, r.p95_rank, ranked) : null;
  return v ? `${v.verdict} ${v.from}–${v.to}` : '';
}

/** The full ranking table dialog: sort, filter, pick a ward, export what is shown. */
function setUpRankingTable(app: App): void {
  const dialog = byId<HTMLDialogElement>('table-dialog');
  const filter = byId<HTMLInputElement>('table-filter');
  const s: TableState = { sortKey: 'rank', ascending: true, filter: '', borough: null };
  const current = () => {
    const cols = tableColumns(app.table, app.framework.categories, (i) => verdictOf(app, i));
    s.borough = app.state.borough;
    return { cols, rows: visibleRows(app.table, cols, s) };
  };
  const paint = () => {
    if (!dialog.open) return;
    const { cols, rows } = current();
    renderRankingTable(
      byId('table-host'),
      cols,
      rows,
      s,
      (key) => {
        s.ascending = s.sortKey === key ? !s.ascending : key === 'rank' || !cols.find((c) => c.key === key)?.numeric;
        s.sortKey = key;
        paint();
        byId('table-host')
          .querySelector<HTMLButtonElement>(`button.sort[data-key="${CSS.escape(key)}"]`)
          ?.focus();
      },
      (i) => {
        dialog.close();
        void select(app, app.table.codes[i], { fly: true, focus: true });
      },
    );
    byId('table-count').textContent =
      `${rows.length} of ${app.table.codes.length} wards shown${s.borough ? ` (borough filter: ${boroughName(app, s.borough)})` : ''}${hasWeights(app.state.weights) ? '; what-if weights, not the published index' : ''}.`;
  };
  byId('open-table').addEventListener('click', () => {
    dialog.showModal();
    paint();
    filter.focus();
    // The category columns arrive after the first paint; show them once they are in.
    void loadColumns(app).then(paint);
  });
  byId('table-close').addEventListener('click', () => dialog.close());
  filter.addEventListener('input', () => {
    s.filter = filter.value;
    paint();
  });
  document.addEventListener('wardrank:filter', paint);
  byId('table-csv').addEventListener('click', () => {
    const { cols, rows } = current();
    const whatIf = hasWeights(app.state.weights);
    const date = isoDate();
    saveBlob(
      new Blob([(whatIf ? whatIfCsvLine(app.state.weights, app.framework, date) : '') + visibleCsv(cols, rows)], {
        type: 'text/csv',
      }),
      whatIf ? `wardrank-table-WHATIF-${date}.csv` : 'wardrank-table.csv',
    );
  });
}

/** The uncertainty layer: each ward's share of robustness runs in the top decile (published weights). */
const ROBUST_LAYER = {
  key: 'robust:p_top_decile',
  label: 'How sure: share of robustness runs in the top decile (published weights)',
};

/**
 * Adds the uncertainty layer to the picker once the robustness rows
 * are in (or drops a permalink's request for it when there are none).
 */
function addRobustLayer(app: App): void {
  const layer = byId<HTMLSelectElement>('layer');
  if (Object.keys(app.robustness).length === 0) {
    if (app.state.layer === ROBUST_LAYER.key) app.state.layer = 'index';
    layer.value = app.state.layer;
    return;
  }
  layer.append(
    el(
      'optgroup',
      { label: 'How sure is the ranking?' },
      el('option', { value: ROBUST_LAYER.key }, ROBUST_LAYER.label),
    ),
  );
  layer.value = app.state.layer;
}

/** Wards, then each borough once (as a borough item). */
function searchItems(t: WardTable): SearchItem[] {
  const wards: SearchItem[] = t.codes.map((code, i) => ({
    code,
    name: t.names[i],
    borough: t.boroughNames[i],
    kind: 'ward',
  }));
  const boroughs = new Map<string, SearchItem>();
  t.boroughCodes.forEach(
    (code, i) =>
      code &&
      !boroughs.has(code) &&
      boroughs.set(code, { code, name: t.boroughNames[i], borough: t.boroughNames[i], kind: 'borough' }),
  );
  return [...wards, ...boroughs.values()];
}

/** A borough chosen in the search: filter to it and fit the map to its wards. */
function chooseBorough(app: App, code: string): void {
  setBoroughFilter(app, code);
  const features = app.boundaries.features.filter(
    (f) => app.published.boroughCodes[app.published.codes.indexOf(String(f.properties?.code))] === code,
  );
  if (features.length) app.map.fitBounds(bbox({ type: 'FeatureCollection', features }), { padding: 30, duration: 0 });
}

/** What the page says when the weights on screen rank no ward (every weight at zero). */
const NOTHING_RANKED =
  'Nothing to rank: with these weights every category (or every measure of every category) is at zero, so no ward has an index. Move a slider above 0 or reset to the published weights.';

/**
 * The what-if banner over the map: present whenever the weights differ from the published
 * ones, naming them, so a screenshot of a what-if view says what it is.
 */
function renderBanner(app: App): void {
  const banner = byId('whatif-banner');
  const whatIf = hasWeights(app.state.weights);
  banner.hidden = !whatIf;
  if (!whatIf) return;
  const ranked = app.table.rank.filter((r) => r === r).length;
  byId('banner-text').textContent =
    ranked === 0
      ? `What-if view. ${NOTHING_RANKED}`
      : `What-if view, not the published index. Your weights: ${describeWeights(app.state.weights, app.framework).join('; ')}.`;
}

/** Permalink weights the page changed or ignored, said where the partner sees it. */
function showNotices(notices: string[]): void {
  const box = byId('weight-notice');
  box.hidden = notices.length === 0;
  byId('weight-notice-text').textContent = notices.join(' ');
}

/**
 * "About this map", read from the served framework (`/api/framework`), never hand-written: the
 * data the index uses, measure by measure (each indicator with its status and period), what has
 * no public source, what else is not used and why, and the sources.
 */
function renderAbout(app: App, attribution: string[]): void {
  const f = app.framework;
  const usedList = f.indicators.filter((s) => s.used);
  const noSource = f.indicators.filter((s) => s.status === 'no-public-source');
  const periods = [...new Set(usedList.map((s) => s.period).filter(Boolean))];
  const measureItems = f.measures.map((m) => {
    const inds = usedList.filter((s) => s.measure === m.id);
    if (!inds.length) return el('li', {}, `${m.name}: no data in this run`);
    return el(
      'li',
      {},
      `${m.name}: `,
      inds.map((s) => `${s.name} (${statusLabel(s.level, s.status)}${s.period ? `, ${s.period}` : ''})`).join('; '),
    );
  });
  const excludedOther = f.excluded.filter((x) => !noSource.some((s) => s.id === x.id));
  byId('about').replaceChildren(
    el(
      'div',
      {},
      el('h2', {}, 'About this map'),
      f.description ? el('p', {}, f.description) : null,
      el(
        'p',
        {},
        `${app.published.codes.length} wards; ${f.categories.length} categories, ${f.measures.length} measures, ${usedList.length} of ${f.indicators.length} indicators with data. Data periods: ${periods.join('; ') || 'not stated'}.`,
      ),
      el(
        'details',
        {},
        el('summary', {}, `What the index uses (${usedList.length} indicators)`),
        el('ul', { class: 'about-list' }, ...measureItems),
      ),
      noSource.length
        ? el(
            'details',
            {},
            el('summary', {}, `No public source (${noSource.length})`),
            el(
              'ul',
              { class: 'about-list' },
              ...noSource.map((s) =>
                el('li', {}, `${s.name} (${f.measures.find((m) => m.id === s.measure)?.name ?? s.measure})`),
              ),
            ),
          )
        : null,
      excludedOther.length
        ? el(
            'details',
            {},
            el('summary', {}, `Not used for other reasons (${excludedOther.length})`),
            el(
              'ul',
              { class: 'about-list' },
              ...excludedOther.map((x) =>
                el('li', {}, `${f.indicators.find((s) => s.id === x.id)?.name ?? x.id}: ${x.reason}`),
              ),
            ),
          )
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
