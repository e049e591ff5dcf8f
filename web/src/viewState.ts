/**
 * The whole view in the URL hash, so a permalink reproduces it:
 *
 *   #layer=measure:knife&ward=E05000026&map=11.20/51.5123/-0.0812&wc=crime:2,health:1&wm=knife:0
 *
 * layer: the map variable (including `borough:<summary>`); ward: the selected ward code;
 * borough: the borough filter (borough code); map: zoom/latitude/longitude;
 * wc, wm: category and measure weights that differ from the published ones (id:weight, comma
 * separated). Unknown or malformed parts are ignored rather than failing the page.
 */
export interface ViewState {
  layer: string;
  ward: string | null;
  /** Borough filter (borough code), or null for all. */
  borough: string | null;
  view: { zoom: number; lat: number; lng: number } | null;
  weights: { categories: Record<string, number>; measures: Record<string, number> };
}

export function emptyView(): ViewState {
  return { layer: 'index', ward: null, borough: null, view: null, weights: { categories: {}, measures: {} } };
}

export function parseHash(hash: string): ViewState {
  const state = emptyView();
  const p = new URLSearchParams(hash.replace(/^#/, ''));
  const layer = p.get('layer');
  if (layer && /^(index|(category|measure|indicator|borough|robust):[a-z0-9_]+)$/.test(layer)) state.layer = layer;
  const borough = p.get('borough');
  if (borough && /^[A-Za-z0-9_-]{1,32}$/.test(borough)) state.borough = borough;
  const ward = p.get('ward');
  if (ward) state.ward = ward;
  const map = (p.get('map') ?? '').split('/').map(Number);
  if (map.length === 3 && map.every(Number.isFinite)) state.view = { zoom: map[0], lat: map[1], lng: map[2] };
  state.weights.categories = parseWeights(p.get('wc'));
  state.weights.measures = parseWeights(p.get('wm'));
  return state;
}

export function formatHash(s: ViewState): string {
  const parts: string[] = [`layer=${s.layer}`];
  if (s.ward) parts.push(`ward=${encodeURIComponent(s.ward)}`);
  if (s.borough) parts.push(`borough=${encodeURIComponent(s.borough)}`);
  if (s.view) parts.push(`map=${s.view.zoom.toFixed(2)}/${s.view.lat.toFixed(4)}/${s.view.lng.toFixed(4)}`);
  const wc = formatWeights(s.weights.categories);
  const wm = formatWeights(s.weights.measures);
  if (wc) parts.push(`wc=${wc}`);
  if (wm) parts.push(`wm=${wm}`);
  return '#' + parts.join('&');
}

function parseWeights(text: string | null): Record<string, number> {
  const out: Record<string, number> = {};
  for (const pair of (text ?? '').split(',')) {
    const m = /^([a-z0-9_]+):([0-9]*\.?[0-9]+)$/.exec(pair);
    if (m) out[m[1]] = Number(m[2]);
  }
  return out;
}

function formatWeights(w: Record<string, number>): string {
  return Object.entries(w)
    .map(([id, v]) => `${id}:${Number(v.toPrecision(6))}`)
    .join(',');
}
