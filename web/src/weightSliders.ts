/**
 * What-if weight sliders: one per category and one per measure (grouped under its category).
 * Weights are relative, as in the framework file (renormalised over the members with data), so
 * a slider at 0 leaves that category or measure out. Every change calls `onChange` with only the
 * weights that differ from the published ones.
 */
import type { FrameworkInfo } from './api.ts';
import { el } from './dom.ts';
import { SLIDER_STEP, sliderMax, type Weights } from './whatIf.ts';

export type { Weights };

export interface SliderHandle {
  /** Moves the sliders to these overrides (published weights elsewhere). */
  set(overrides: Weights): void;
}

export function buildSliders(
  host: HTMLElement,
  f: FrameworkInfo,
  available: ReadonlySet<string>,
  onChange: (overrides: Weights) => void,
): SliderHandle {
  const inputs: {
    kind: keyof Weights;
    id: string;
    published: number;
    input: HTMLInputElement;
    out: HTMLOutputElement;
  }[] = [];
  const slider = (kind: keyof Weights, id: string, name: string, published: number, enabled: boolean) => {
    const inputId = `w-${kind}-${id}`;
    const input = el('input', {
      type: 'range',
      id: inputId,
      min: '0',
      max: String(sliderMax(published)),
      step: String(SLIDER_STEP),
      value: String(published),
      'data-kind': kind,
      'data-id': id,
    });
    input.disabled = !enabled;
    const out = el('output', { for: inputId }, String(published));
    inputs.push({ kind, id, published, input, out });
    input.addEventListener('input', () => {
      out.textContent = input.value;
      onChange(current());
    });
    return el(
      'div',
      { class: `slider slider-${kind}` },
      el('label', { for: inputId }, name, enabled ? '' : ' (no data)'),
      input,
      out,
    );
  };
  const current = (): Weights => {
    const w: Weights = { categories: {}, measures: {} };
    for (const s of inputs) {
      const v = Number(s.input.value);
      if (Math.abs(v - s.published) > 1e-9) w[s.kind][s.id] = v;
    }
    return w;
  };
  const groups = f.categories.map((c) =>
    el(
      'fieldset',
      {},
      el('legend', {}, c.name),
      slider('categories', c.id, `${c.name} (category)`, c.weight, available.has(`category:${c.id}`)),
      ...f.measures
        .filter((m) => m.category === c.id)
        .map((m) => slider('measures', m.id, m.name, m.weight, available.has(`measure:${m.id}`))),
    ),
  );
  host.replaceChildren(...groups);
  return {
    set(overrides) {
      for (const s of inputs) {
        const v = overrides[s.kind][s.id] ?? s.published;
        s.input.value = String(v);
        s.out.textContent = s.input.value;
      }
    },
  };
}
