/**
 * The MapLibre map: an offline style built from shipped GeoJSON only (no tiles, fonts, glyphs or
 * sprites), the ward choropleth coloured through feature-state (so a what-if recolour touches
 * no geometry), outlines for pilots, comparison wards and the selection, and borough names as
 * HTML markers (symbol text layers would need glyph files).
 */
import {
  AttributionControl,
  Map as MapLibreMap,
  Marker,
  NavigationControl,
  ScaleControl,
  setWorkerUrl,
  type StyleSpecification,
} from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import 'maplibre-gl/dist/maplibre-gl.css';
import { fillColourExpression } from './palette.ts';
import type { BasemapKind } from '../../src/core/framework.ts';
import { bbox, labelPoint } from './geometry.ts';
import type { GeoJson } from './api.ts';

// Vite emits the worker as an asset; without this MapLibre looks for it next to its own module
// file, which the bundler has renamed, and the worker 404s.
setWorkerUrl(workerUrl);

export interface BasemapLayer {
  id: string;
  name: string;
  /** How to draw it, as the framework declares (`areas.basemap[].kind`). */
  kind: BasemapKind;
  data: GeoJson;
}

const WARDS = 'wards';
const BOROUGH_FILL = 'borough-fill';
const POLY = ['match', ['geometry-type'], ['Polygon', 'MultiPolygon'], true, false];
const LINE = ['match', ['geometry-type'], ['LineString', 'MultiLineString'], true, false];

function style(boundaries: GeoJson, basemaps: readonly BasemapLayer[]): StyleSpecification {
  const sources: StyleSpecification['sources'] = { [WARDS]: { type: 'geojson', data: boundaries, promoteId: 'code' } };
  for (const b of basemaps)
    sources[`basemap-${b.id}`] = {
      type: 'geojson',
      data: b.data,
      ...(b.kind === 'boundaries' ? { promoteId: 'code' } : {}),
    };
  const layers: StyleSpecification['layers'] = [
    { id: 'background', type: 'background', paint: { 'background-color': '#f4f2ee' } },
    // Wards outside the borough filter fade (feature-state `out`).
    {
      id: 'ward-fill',
      type: 'fill',
      source: WARDS,
      paint: {
        'fill-color': fillColourExpression() as never,
        'fill-opacity': ['case', ['boolean', ['feature-state', 'out'], false], 0.25, 0.88] as never,
      },
    },
    {
      id: 'ward-line',
      type: 'line',
      source: WARDS,
      paint: {
        'line-color': '#ffffff',
        'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.2, 13, 1],
        'line-opacity': 0.6,
      },
    },
  ];
  for (const b of basemaps) {
    const source = `basemap-${b.id}`;
    const kind = b.kind;
    if (kind === 'water') {
      layers.push({
        id: `${source}-fill`,
        type: 'fill',
        source,
        filter: POLY as never,
        paint: { 'fill-color': '#a9cce3' },
      });
      layers.push({
        id: `${source}-line`,
        type: 'line',
        source,
        filter: LINE as never,
        paint: { 'line-color': '#a9cce3', 'line-width': 3 },
      });
    } else if (kind === 'boundaries') {
      // The borough view (hidden until a borough layer is chosen): boroughs by class.
      layers.splice(2, 0, {
        id: BOROUGH_FILL,
        type: 'fill',
        source,
        layout: { visibility: 'none' },
        paint: { 'fill-color': fillColourExpression() as never, 'fill-opacity': 0.92 },
      });
      layers.push({
        id: `${source}-line`,
        type: 'line',
        source,
        paint: { 'line-color': '#1f1f1f', 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 13, 2] },
      });
    } else {
      // Tube lines on by default, drawn as a white-cased dark line so they read over every class.
      layers.push({
        id: `${source}-casing`,
        type: 'line',
        source,
        paint: {
          'line-color': '#ffffff',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2.2, 14, 4.5],
          'line-opacity': 0.85,
        },
      });
      layers.push({
        id: `${source}-line`,
        type: 'line',
        source,
        paint: {
          'line-color': '#1f1f1f',
          'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1, 14, 2.5],
          'line-dasharray': [3, 1.5],
        },
      });
    }
  }
  // Pilots: solid black on a white casing; comparison wards: dashed. The casing keeps both
  // visible over the darkest and the lightest classes.
  const casing = (id: string, width: number) => ({
    id,
    type: 'line' as const,
    source: WARDS,
    filter: ['in', ['get', 'code'], ['literal', []]] as never,
    paint: { 'line-color': '#ffffff', 'line-width': width },
  });
  layers.push(casing('comparison-casing', 4.5), {
    id: 'comparison-line',
    type: 'line',
    source: WARDS,
    filter: ['in', ['get', 'code'], ['literal', []]] as never,
    paint: { 'line-color': '#000000', 'line-width': 2, 'line-dasharray': [1.5, 1.2] },
  });
  layers.push(casing('pilot-casing', 5.5), {
    id: 'pilot-line',
    type: 'line',
    source: WARDS,
    filter: ['in', ['get', 'code'], ['literal', []]] as never,
    paint: { 'line-color': '#000000', 'line-width': 3 },
  });
  layers.push(
    {
      id: 'selected-casing',
      type: 'line',
      source: WARDS,
      filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': '#000000', 'line-width': 7 },
    },
    {
      id: 'selected-line',
      type: 'line',
      source: WARDS,
      filter: ['==', ['get', 'code'], ''],
      paint: { 'line-color': '#ff5fd2', 'line-width': 3.5 },
    },
  );
  return { version: 8, name: 'wardrank offline', sources, layers };
}

export interface MapOptions {
  container: HTMLElement;
  boundaries: GeoJson;
  basemaps: readonly BasemapLayer[];
  attribution: string[];
  view: { zoom: number; lat: number; lng: number } | null;
}

export function createMap(o: MapOptions): MapLibreMap {
  const bounds = bbox(o.boundaries);
  const map = new MapLibreMap({
    container: o.container,
    style: style(o.boundaries, o.basemaps),
    attributionControl: false,
    ...(o.view
      ? { center: [o.view.lng, o.view.lat] as [number, number], zoom: o.view.zoom }
      : { bounds, fitBoundsOptions: { padding: 20 } }),
    maxZoom: 16,
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    canvasContextAttributes: { preserveDrawingBuffer: true },
  });
  map.touchZoomRotate.disableRotation();
  map.addControl(new NavigationControl({ showCompass: false }), 'top-right');
  // Top left: at the bottom the attribution (which spans the width when open) covered it.
  map.addControl(new ScaleControl({ unit: 'metric' }), 'top-left');
  map.addControl(
    new AttributionControl({ compact: true, customAttribution: o.attribution.join(' · ') }),
    'bottom-right',
  );
  // On a phone the full list would cover a third of the map: start collapsed behind its (i)
  // button (the list is also under "About this map" and in every PNG download).
  if (o.container.clientWidth < 640)
    map.once('load', () =>
      o.container.querySelector('.maplibregl-ctrl-attrib')?.classList.remove('maplibregl-compact-show'),
    );
  // The attribution list scrolls (style.css caps it at three
  // lines): keyboard users must be able to reach and scroll it.
  map.once('load', () => {
    const inner = o.container.querySelector('.maplibregl-ctrl-attrib-inner');
    inner?.setAttribute('tabindex', '0');
    inner?.setAttribute('aria-label', 'Data sources and licences');
    inner?.setAttribute('role', 'region');
  });
  for (const b of o.basemaps) if (b.kind === 'boundaries') addBoroughLabels(map, b.data);
  addWardLabels(map, o.boundaries);
  return map;
}

/**
 * Borough names as HTML markers (no glyphs needed). After each move, labels that would overlap
 * one already placed are hidden, larger boroughs placed first; all are hidden when zoomed far out.
 */
function addBoroughLabels(map: MapLibreMap, fc: GeoJson): void {
  const labels: { el: HTMLElement; size: number }[] = [];
  for (const f of fc.features) {
    const name = String(f.properties?.name ?? f.properties?.NAME ?? '');
    const at = labelPoint(f.geometry);
    if (!name || !at) continue;
    const el = document.createElement('div');
    el.className = 'borough-label';
    el.textContent = name;
    el.setAttribute('aria-hidden', 'true');
    new Marker({ element: el, anchor: 'center' }).setLngLat(at).addTo(map);
    const [w, s, e, n] = bbox({ type: 'FeatureCollection', features: [f] });
    labels.push({ el, size: (e - w) * (n - s) });
  }
  labels.sort((a, b) => b.size - a.size);
  const update = () => {
    map.getContainer().classList.toggle('labels-hidden', map.getZoom() < 9.3);
    const placed: DOMRect[] = [];
    for (const l of labels) {
      l.el.style.visibility = 'visible';
      const r = l.el.getBoundingClientRect();
      const clash = placed.some(
        (p) => r.left < p.right + 4 && r.right > p.left - 4 && r.top < p.bottom && r.bottom > p.top,
      );
      if (clash) l.el.style.visibility = 'hidden';
      else placed.push(r);
    }
  };
  map.on('moveend', update);
  map.once('idle', update);
}

/** Zoom from which ward names are shown. */
export const WARD_LABEL_ZOOM = 12;

/**
 * Ward names from zoom 12, as HTML markers like the borough names (no glyph server): after each
 * move, markers exist only for the wards whose label point is in view, and labels that would
 * overlap one already placed are hidden (placed in ward order).
 */
function addWardLabels(map: MapLibreMap, fc: GeoJson): void {
  const points = fc.features
    .map((f) => ({ name: String(f.properties?.name ?? ''), at: labelPoint(f.geometry) }))
    .filter((p): p is { name: string; at: [number, number] } => p.name !== '' && p.at !== null);
  let shown: Marker[] = [];
  const update = () => {
    for (const m of shown) m.remove();
    shown = [];
    if (map.getZoom() < WARD_LABEL_ZOOM) return;
    const b = map.getBounds();
    const placed: DOMRect[] = [];
    for (const p of points) {
      if (!b.contains(p.at)) continue;
      const el = document.createElement('div');
      el.className = 'ward-label';
      el.textContent = p.name;
      el.setAttribute('aria-hidden', 'true');
      const m = new Marker({ element: el, anchor: 'center' }).setLngLat(p.at).addTo(map);
      const r = el.getBoundingClientRect();
      if (placed.some((q) => r.left < q.right + 2 && r.right > q.left - 2 && r.top < q.bottom && r.bottom > q.top))
        m.remove();
      else {
        placed.push(r);
        shown.push(m);
      }
    }
  };
  map.on('moveend', update);
  map.once('idle', update);
}

/** Colours the wards by class (1…10, 0 = no data). */
export function setClasses(map: MapLibreMap, codes: readonly string[], classes: Uint8Array): void {
  for (let i = 0; i < codes.length; i++) map.setFeatureState({ source: WARDS, id: codes[i] }, { cls: classes[i] });
}

/** Colours the boroughs by class (the borough view), keyed by borough code. */
export function setBoroughClasses(map: MapLibreMap, codes: readonly string[], classes: Uint8Array): void {
  const source = boroughSource(map);
  if (!source) return;
  for (let i = 0; i < codes.length; i++) map.setFeatureState({ source, id: codes[i] }, { cls: classes[i] });
}

function boroughSource(map: MapLibreMap): string | null {
  return map.getLayer(BOROUGH_FILL) ? (map.getLayer(BOROUGH_FILL)!.source as string) : null;
}

export function hasBoroughLayer(map: MapLibreMap): boolean {
  return boroughSource(map) !== null;
}

/** Shows the ward choropleth or the borough one. */
export function showBoroughFill(map: MapLibreMap, on: boolean): void {
  if (!map.getLayer(BOROUGH_FILL)) return;
  map.setLayoutProperty(BOROUGH_FILL, 'visibility', on ? 'visible' : 'none');
  map.setLayoutProperty('ward-fill', 'visibility', on ? 'none' : 'visible');
}

/** Fades the wards outside the borough filter (`out[i]` true). */
export function setOutside(map: MapLibreMap, codes: readonly string[], out: (i: number) => boolean): void {
  for (let i = 0; i < codes.length; i++) map.setFeatureState({ source: WARDS, id: codes[i] }, { out: out(i) });
}

export function setOutlines(map: MapLibreMap, pilots: string[], comparisons: string[]): void {
  const inList = (codes: string[]) => ['in', ['get', 'code'], ['literal', codes]] as never;
  map.setFilter('pilot-casing', inList(pilots));
  map.setFilter('pilot-line', inList(pilots));
  map.setFilter('comparison-casing', inList(comparisons));
  map.setFilter('comparison-line', inList(comparisons));
}

export function setSelected(map: MapLibreMap, code: string | null): void {
  const f = ['==', ['get', 'code'], code ?? ''] as never;
  map.setFilter('selected-casing', f);
  map.setFilter('selected-line', f);
}

export function setTubeVisible(map: MapLibreMap, basemaps: readonly BasemapLayer[], visible: boolean): void {
  for (const b of basemaps)
    if (b.kind === 'lines')
      for (const part of ['casing', 'line'])
        map.setLayoutProperty(`basemap-${b.id}-${part}`, 'visibility', visible ? 'visible' : 'none');
}

export function hasLineBasemap(basemaps: readonly BasemapLayer[]): boolean {
  return basemaps.some((b) => b.kind === 'lines');
}

/** Flies to a ward's bounding box. */
export function flyToWard(map: MapLibreMap, boundaries: GeoJson, code: string): void {
  const f = boundaries.features.find((x) => x.properties?.code === code);
  if (!f) return;
  const b = bbox({ type: 'FeatureCollection', features: [f] });
  // Frame the ward with its surroundings: one zoom level out from a tight fit.
  const cam = map.cameraForBounds(b, { padding: 40 });
  if (!cam?.center) return;
  const zoom = Math.min(13, Math.max(map.getMinZoom(), (cam.zoom ?? 12) - 1));
  map.flyTo({ center: cam.center, zoom, duration: matchMedia('(prefers-reduced-motion: reduce)').matches ? 0 : 800 });
}

export { WARDS };
