/**
 * The layer picker, grouped as the framework is: each category, then its measures, each measure
 * followed by its indicators. Variables the run has no scores for (excluded indicators, measures
 * without data) are listed but disabled, so a partner sees what is missing and why.
 */
import type { FrameworkInfo } from './api.ts';

export interface LayerOption {
  key: string;
  label: string;
  /** 0 index/category, 1 measure, 2 indicator: how far to indent. */
  depth: number;
  available: boolean;
}

export interface LayerGroup {
  label: string;
  options: LayerOption[];
}

export function layerGroups(f: FrameworkInfo, columns: ReadonlySet<string>): LayerGroup[] {
  const groups: LayerGroup[] = [
    { label: 'Overall', options: [{ key: 'index', label: 'Priority index (rank)', depth: 0, available: true }] },
  ];
  for (const c of f.categories) {
    const options: LayerOption[] = [
      { key: `category:${c.id}`, label: c.name, depth: 0, available: columns.has(`category:${c.id}`) },
    ];
    for (const m of f.measures.filter((x) => x.category === c.id)) {
      options.push({ key: `measure:${m.id}`, label: m.name, depth: 1, available: columns.has(`measure:${m.id}`) });
      for (const s of f.indicators.filter((x) => x.measure === m.id)) {
        const key = `indicator:${s.id}`;
        options.push({
          key,
          label: s.level === 'borough' ? `${s.name} (borough stand-in)` : s.name,
          depth: 2,
          available: columns.has(key),
        });
      }
    }
    groups.push({ label: c.name, options });
  }
  return groups;
}

/** The human name of a layer key. */
export function layerLabel(f: FrameworkInfo, key: string): string {
  if (key === 'index') return 'Priority index';
  const [kind, id] = key.split(':');
  const list = kind === 'category' ? f.categories : kind === 'measure' ? f.measures : f.indicators;
  return list.find((x) => x.id === id)?.name ?? key;
}
