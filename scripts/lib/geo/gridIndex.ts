/**
 * A uniform-grid spatial index over axis-aligned boxes.
 *
 * Why a grid and not an R-tree: the boxes indexed here (ward and LSOA extents, boundary
 * segments) are of similar size and evenly spread, which is the case where a fixed grid is as
 * fast as a tree and much simpler (Samet, "Foundations of Multidimensional and Metric Data
 * Structures", 2006, §1.1 "uniform grid"). A box is stored in every cell it overlaps; a query
 * visits the cells its box overlaps and reports each stored id once.
 */
export class GridIndex {
  private readonly cells = new Map<number, number[]>();
  private readonly stamp: Uint32Array;
  private queryCount = 0;
  private readonly x0: number;
  private readonly y0: number;
  private readonly cols: number;

  /**
   * @param boxes `minX, minY, maxX, maxY` for item 0, then item 1, … (length 4·n)
   * @param cellSize side of a grid cell, in the boxes' units; defaults to the mean box side
   */
  constructor(
    private readonly boxes: ArrayLike<number>,
    private readonly cellSize = meanSide(boxes),
  ) {
    const n = boxes.length / 4;
    this.stamp = new Uint32Array(n);
    let x0 = Infinity;
    let y0 = Infinity;
    let x1 = -Infinity;
    for (let i = 0; i < n; i++) {
      x0 = Math.min(x0, boxes[4 * i]);
      y0 = Math.min(y0, boxes[4 * i + 1]);
      x1 = Math.max(x1, boxes[4 * i + 2]);
    }
    this.x0 = Number.isFinite(x0) ? x0 : 0;
    this.y0 = Number.isFinite(y0) ? y0 : 0;
    this.cols = Number.isFinite(x1) ? Math.floor((x1 - this.x0) / cellSize) + 1 : 1;
    for (let i = 0; i < n; i++) {
      this.forCells(boxes[4 * i], boxes[4 * i + 1], boxes[4 * i + 2], boxes[4 * i + 3], (key) => {
        const list = this.cells.get(key);
        if (list) list.push(i);
        else this.cells.set(key, [i]);
      });
    }
  }

  /** Calls `visit` once for each item whose box overlaps the query box (touching counts). */
  query(minX: number, minY: number, maxX: number, maxY: number, visit: (id: number) => void): void {
    this.queryCount++;
    if (this.queryCount === 0xffffffff) {
      this.stamp.fill(0);
      this.queryCount = 1;
    }
    const q = this.queryCount;
    const b = this.boxes;
    this.forCells(minX, minY, maxX, maxY, (key) => {
      const list = this.cells.get(key);
      if (!list) return;
      for (const id of list) {
        if (this.stamp[id] === q) continue;
        this.stamp[id] = q;
        if (b[4 * id] <= maxX && b[4 * id + 2] >= minX && b[4 * id + 1] <= maxY && b[4 * id + 3] >= minY) visit(id);
      }
    });
  }

  private forCells(minX: number, minY: number, maxX: number, maxY: number, f: (key: number) => void): void {
    const s = this.cellSize;
    const cx0 = Math.max(0, Math.floor((minX - this.x0) / s));
    const cx1 = Math.min(this.cols - 1, Math.floor((maxX - this.x0) / s));
    const cy0 = Math.max(0, Math.floor((minY - this.y0) / s));
    const cy1 = Math.floor((maxY - this.y0) / s);
    for (let cy = cy0; cy <= cy1; cy++) for (let cx = cx0; cx <= cx1; cx++) f(cy * this.cols + cx);
  }
}

function meanSide(boxes: ArrayLike<number>): number {
  const n = boxes.length / 4;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.max(boxes[4 * i + 2] - boxes[4 * i], boxes[4 * i + 3] - boxes[4 * i + 1]);
  const mean = n > 0 ? sum / n : 1;
  return mean > 0 ? mean : 1;
}
