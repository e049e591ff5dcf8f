/**
 * TopoJSON quantisation onto a decimal grid: integer positions with transform
 * scale = 10^−d and a translate on that grid, so a topology whose coordinates already have d
 * decimals is stored exactly (each decoded coordinate equals the input to within 1e−12),
 * while arcs are delta-encoded integers — much smaller than decimals in text.
 * (TopoJSON specification, §2.1.2 "Transforms", Bostock 2013.)
 */
import type { Objects, Topology } from 'topojson-specification';
import { quantize, bbox as topoBbox } from 'topojson-client';

export function quantizeDecimal<T extends Objects>(topology: Topology<T>, decimals: number): Topology<T> {
  const k = 10 ** decimals;
  const [x0, y0] = topology.bbox ?? topoBbox(topology);
  const transform = {
    scale: [1 / k, 1 / k] as [number, number],
    translate: [Math.floor(x0 * k) / k, Math.floor(y0 * k) / k] as [number, number],
  };
  return quantize(topology, transform);
}
