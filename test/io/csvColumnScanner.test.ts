/**
 * The data-file CSV reader (CsvColumnScanner inside readColumns) against the record parser that
 * `parseCsv` uses (CsvRecordParser) and against the reader it replaced (kept below as
 * `referenceReadColumns`, word for word but for the hash): the same records, columns, row
 * numbers, problems and thrown errors on every CSV in data/, on generated CSV cut into chunks at
 * random places, and at the limits (a cell over 1 MiB, more than 100,000 cells in a row).
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { closeSync, readSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { InputError, type Problem } from '../../src/core/errors.ts';
import { checkHeader, checkUtf8, isBlank, parseCsv, raggedRow } from '../../src/io/csv.ts';
import { CsvColumnScanner } from '../../src/io/csvColumnScanner.ts';
import { MAX_CELL_CHARS, MAX_FIELDS } from '../../src/io/csvColumnScanner.ts';
import { CsvRecordParser } from './helpers/csvRecordParser.ts';
import { INPUT_LIMITS, openInput } from '../../src/io/inputFile.ts';
import { parseNumberCell, quickNumberCell } from '../../src/io/numbers.ts';
import { readColumns, type ColumnRequest, type Columns } from '../../src/io/readColumns.ts';
import { sha256Hex } from '../../src/shared/sha256.ts';

const tmp = mkdtempSync(join(tmpdir(), 'wardrank-scanner-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** Every CSV under data/, each column asked for as a number and the first as the key. */
const dataCsvs = ['data/london', 'data/london-2018'].flatMap((d) =>
  readdirSync(d)
    .filter((f) => f.endsWith('.csv'))
    .map((f) => join(d, f)),
);

/** What a parse gives: the records (cells kept) or the error thrown, with the records before it. */
type Outcome = { records: { cells: (string | null)[]; row: number }[]; error?: string };

const describeError = (e: unknown) =>
  e instanceof InputError ? JSON.stringify({ m: e.message, p: e.problems }) : `not an InputError: ${String(e)}`;

function byRecordParser(chunks: string[], keep: (col: number) => boolean): Outcome {
  const out: Outcome = { records: [] };
  const parser = new CsvRecordParser('t.csv', (rec, row) =>
    out.records.push({ cells: rec.map((c, k) => (out.records.length === 0 || k === 0 || keep(k) ? c : null)), row }),
  );
  try {
    for (const c of chunks) parser.push(c);
    parser.end();
  } catch (e) {
    out.error = describeError(e);
  }
  return out;
}

function byScanner(chunks: string[], keep: (col: number) => boolean, width: number): Outcome {
  const out: Outcome = { records: [] };
  const mask = Uint8Array.from({ length: width }, (_, k) => (keep(k) ? 1 : 0));
  const scanner = new CsvColumnScanner('t.csv', (cells, count, row) => {
    const first = out.records.length === 0;
    out.records.push({
      cells: Array.from({ length: count }, (_, k) => (first || k === 0 || (k < width && keep(k)) ? cells[k] : null)),
      row,
    });
    return first ? mask : undefined;
  });
  try {
    for (const c of chunks) scanner.push(c);
    scanner.end();
  } catch (e) {
    out.error = describeError(e);
  }
  return out;
}

/** Cuts text at the given fractions. */
function cut(text: string, at: number[]): string[] {
  const points = [...new Set(at.map((f) => Math.floor(f * text.length)))].sort((a, b) => a - b);
  const chunks: string[] = [];
  let from = 0;
  for (const p of points) {
    chunks.push(text.slice(from, p));
    from = p;
  }
  chunks.push(text.slice(from));
  return chunks;
}

const csvChar = fc.constantFrom(
  'a',
  'b',
  '1',
  '0',
  '.',
  'e',
  '-',
  ' ',
  ',',
  ',',
  '\n',
  '\n',
  '\r',
  '"',
  '"',
  '\uFEFF',
  'é',
);
const csvText = fc.oneof(
  fc.array(csvChar, { maxLength: 120 }).map((cs) => cs.join('')),
  // structured: rows of cells, some quoted (with quotes, commas and line ends inside)
  fc
    .array(
      fc.array(
        fc.oneof(
          fc.stringMatching(/^[a-z0-9 .+-]{0,6}$/),
          fc.stringMatching(/^[a-z ,"\n\r]{0,6}$/).map((s) => `"${s.replace(/"/g, '""')}"`),
        ),
        { minLength: 1, maxLength: 5 },
      ),
      { maxLength: 8 },
    )
    .chain((rows) =>
      fc.constantFrom('\n', '\r\n').map((eol) => rows.map((r) => r.join(',')).join(eol) + (rows.length % 2 ? eol : '')),
    ),
);

describe('CsvColumnScanner = CsvRecordParser', () => {
  it('on generated CSV cut into chunks anywhere, keeping any subset of columns: same records, same errors', () => {
    fc.assert(
      fc.property(
        csvText,
        fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 4 }),
        fc.array(fc.boolean(), { minLength: 6, maxLength: 6 }),
        (text, at, mask) => {
          const chunks = cut(text, at);
          const keep = (k: number) => mask[k % 6];
          expect(byScanner(chunks, keep, 4)).toEqual(byRecordParser(chunks, (k) => k < 4 && keep(k)));
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('the limits: a cell over 1 MiB characters and a row of more than 100,000 cells, in any chunking', () => {
    const long = `a,b\n1,${'x'.repeat(MAX_CELL_CHARS + 1)}\n`;
    const quotedLong = `a,b\n"${'y'.repeat(MAX_CELL_CHARS)}z",2\n`;
    const wide = `a\n${Array.from({ length: MAX_FIELDS + 1 }, () => '1').join(',')}\n`;
    for (const text of [long, quotedLong, wide])
      for (const at of [[], [0.5], [0.999999]]) {
        const chunks = cut(text, at);
        const expected = byRecordParser(chunks, (k) => k === 1);
        expect(expected.error).toMatch(/longer than|more than/);
        expect(byScanner(chunks, (k) => k === 1, 2)).toEqual(expected);
      }
  });
});

/** parseCsv as it was before the scanner: CsvRecordParser, then the same header, blank-line and ragged-row rules. */
function referenceParseCsv(text: string, file: string, allowRagged = false) {
  checkUtf8(text, file);
  const records: string[][] = [];
  const parser = new CsvRecordParser(file, (rec) => records.push(rec));
  parser.push(text);
  parser.end();
  const header = checkHeader(records[0], file);
  const rows: string[][] = [];
  for (let r = 1; r < records.length; r++) {
    const rec = records[r];
    if (isBlank(rec)) continue;
    if (rec.length !== header.length && !allowRagged) throw raggedRow(file, r + 1, rec.length, header.length);
    rows.push(rec);
  }
  return { file, header, rows };
}

describe('parseCsv = parseCsv on CsvRecordParser', () => {
  const outcome = (parse: () => unknown) => {
    try {
      return { table: parse() };
    } catch (e) {
      return { error: describeError(e) };
    }
  };
  it.each(dataCsvs)('%s', (path) => {
    const text = readFileSync(path, 'utf8');
    expect(outcome(() => parseCsv(text, { file: 'x.csv' }))).toEqual(outcome(() => referenceParseCsv(text, 'x.csv')));
  });
  it('on generated CSV (ragged rows refused and allowed)', () => {
    fc.assert(
      fc.property(csvText, fc.boolean(), (text, allowRagged) => {
        expect(outcome(() => parseCsv(text, { file: 'x.csv', allowRagged }))).toEqual(
          outcome(() => referenceParseCsv(text, 'x.csv', allowRagged)),
        );
      }),
      { numRuns: 3000 },
    );
  });
});

/** The reader readColumns used before the scanner (CsvRecordParser, a string per cell), as the reference. */
function referenceReadColumns(path: string, label: string, request: ColumnRequest, problems: Problem[]) {
  const { fd } = openInput(path, label, INPUT_LIMITS.data);
  const keyCols = request.keys.map((k) => k.column);
  const numCols = request.numbers;
  let header: string[] | undefined;
  let keyIdx: number[] = [];
  let numIdx: number[] = [];
  const rowNumber: number[] = [];
  const rowAreas = new Int32Array(keyCols.length);
  const keyArrays: number[][] = keyCols.map(() => []);
  const unknown = keyCols.map(() => ({ count: 0, examples: [] as string[] }));
  const numArrays: number[][] = numCols.map(() => []);
  const cellProblems = new Map<string, number>();
  let rowsRead = 0;
  const requireColumn = (c: string) => {
    const i = header!.indexOf(c);
    if (i < 0)
      throw new InputError(`column "${c}" not found`, {
        file: label,
        row: 1,
        column: c,
        expected: `one of: ${header!.join(', ')}`,
      });
    return i;
  };
  const parser = new CsvRecordParser(label, (rec, row) => {
    if (!header) {
      header = checkHeader(rec, label);
      keyIdx = keyCols.map(requireColumn);
      numIdx = numCols.map(requireColumn);
      return;
    }
    if (isBlank(rec)) return;
    if (rec.length !== header.length) throw raggedRow(label, row, rec.length, header.length);
    rowsRead++;
    let known = false;
    for (let k = 0; k < keyIdx.length; k++) {
      const code = rec[keyIdx[k]].trim();
      const i = request.keys[k].index.get(code);
      rowAreas[k] = i ?? -1;
      if (i !== undefined) known = true;
      else if (code !== '') {
        unknown[k].count++;
        if (unknown[k].examples.length < 5) unknown[k].examples.push(code);
      }
    }
    if (!known) return;
    for (let k = 0; k < keyIdx.length; k++) keyArrays[k].push(rowAreas[k]);
    rowNumber.push(row);
    for (let k = 0; k < numIdx.length; k++) {
      const p = parseNumberCell(rec[numIdx[k]]);
      numArrays[k].push(p.ok ? p.value : NaN);
      if (!p.ok) {
        const seen = cellProblems.get(numCols[k]) ?? 0;
        cellProblems.set(numCols[k], seen + 1);
        if (seen < 20)
          problems.push({
            file: label,
            row,
            column: numCols[k],
            message: p.problem,
            expected: p.expected,
            severity: 'error',
          });
      }
    }
  });
  const decoder = new TextDecoder('utf-8');
  const buffer = Buffer.allocUnsafe(1 << 20);
  let rowOffset = 0;
  try {
    for (;;) {
      const read = readSync(fd, buffer, 0, 1 << 20, null);
      const text = decoder.decode(buffer.subarray(0, read), { stream: read > 0 });
      checkUtf8(text, label, rowOffset);
      for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) rowOffset++;
      parser.push(text);
      if (read === 0) break;
    }
    parser.end();
  } finally {
    closeSync(fd);
  }
  if (!header) throw new InputError('the file is empty', { file: label, expected: 'a header row and data rows' });
  if (rowsRead === 0)
    throw new InputError('the file has a header but no data rows', {
      file: label,
      row: 2,
      expected: 'one row per area',
    });
  for (const [col, count] of cellProblems)
    if (count > 20)
      problems.push({
        file: label,
        column: col,
        message: `${count - 20} more cell(s) in this column are not numbers`,
        severity: 'error',
      });
  return {
    file: label,
    rows: rowNumber.length,
    rowsRead,
    rowNumber: Int32Array.from(rowNumber),
    keys: Object.fromEntries(
      keyCols.map((c, k) => [
        c,
        {
          area: Int32Array.from(keyArrays[k]),
          unknownCount: unknown[k].count,
          unknownExamples: unknown[k].examples,
        },
      ]),
    ),
    numbers: Object.fromEntries(numCols.map((c, k) => [c, Float64Array.from(numArrays[k])])),
    sha256: sha256Hex(readFileSync(path)),
  } satisfies Columns;
}

/** Both readers on one file: equal columns (NaN = NaN) and problems, or equal errors. */
function compareReaders(path: string, request: ColumnRequest): void {
  const run = (read: typeof readColumns) => {
    const problems: Problem[] = [];
    try {
      return { columns: read(path, 'data.csv', request, problems), problems };
    } catch (e) {
      return { error: describeError(e), problems };
    }
  };
  expect(run(readColumns)).toEqual(run(referenceReadColumns));
}

describe('readColumns = the reader it replaced', () => {
  it.each(dataCsvs)('%s', (path) => {
    const header = checkHeader(readFileSync(path, 'utf8').split('\n')[0].split(','), path);
    const codes = readFileSync(path, 'utf8')
      .split('\n')
      .slice(1)
      .map((l) => l.split(',')[0].trim());
    // every other code known, so rows are both kept and skipped
    const index = new Map(codes.filter((_, k) => k % 2 === 0).map((c, k) => [c, k]));
    compareReaders(path, { keys: [{ column: header[0], index }], numbers: header.slice(1, 40) });
  });

  it('on generated files (numbers, missing markers, bad cells, blank, ragged and quoted rows, BOM, CRLF)', () => {
    const cell = fc.oneof(
      fc.double({ noNaN: true }).map(String),
      fc.integer().map(String),
      fc.constantFrom(
        '',
        ' ',
        'NA',
        '..',
        '-',
        '1,234',
        '5%',
        '#DIV/0!',
        'inf',
        '1e-400',
        '-0',
        '0.0',
        ' 3 ',
        '"7"',
        'x',
      ),
    );
    const file = fc
      .tuple(
        fc.array(fc.array(cell, { minLength: 3, maxLength: 4 }), { maxLength: 12 }),
        fc.constantFrom('\n', '\r\n'),
        fc.boolean(),
        fc.array(fc.constantFrom('A', 'B', 'C', 'Z', ''), { minLength: 12, maxLength: 12 }),
      )
      .map(
        ([rows, eol, bom, codes]) =>
          (bom ? '\uFEFF' : '') +
          ['code,x,y', ...rows.map((r, k) => [codes[k], ...r.slice(0, r.length - 1)].join(','))].join(eol),
      );
    let k = 0;
    fc.assert(
      fc.property(file, (text) => {
        const path = join(tmp, `f${k++ % 4}.csv`);
        writeFileSync(path, text);
        compareReaders(path, {
          keys: [
            {
              column: 'code',
              index: new Map([
                ['A', 0],
                ['B', 1],
                ['C', 2],
              ]),
            },
          ],
          numbers: ['x', 'y'],
        });
      }),
      { numRuns: 500 },
    );
  });

  it('on bytes that are not UTF-8, after the first MiB, and rows crossing the 1 MiB chunks', () => {
    const row = (k: number) => `A${k % 3 === 0 ? '' : k},${k * 0.25},${k % 7 === 0 ? 'n/a' : k}\n`;
    let body = 'code,x,y\n';
    for (let k = 0; body.length < 2.5 * (1 << 20); k++) body += row(k);
    const index = new Map(Array.from({ length: 40000 }, (_, k) => [`A${k}`, k]));
    const request = { keys: [{ column: 'code', index }], numbers: ['x', 'y'] };
    const good = join(tmp, 'big.csv');
    writeFileSync(good, body);
    compareReaders(good, request);
    const bad = join(tmp, 'latin1.csv');
    writeFileSync(bad, Buffer.concat([Buffer.from(body), Buffer.from([0x41, 0xe9, 0x2c, 0x31, 0x2c, 0x32, 0x0a])]));
    compareReaders(bad, request);
  });
});

describe('quickNumberCell', () => {
  it('whenever it gives a number, parseNumberCell gives the same one', () => {
    const text = fc.oneof(
      fc.double().map(String),
      fc.double().map((x) => x.toExponential()),
      fc.stringMatching(/^[-+]?[0-9]{0,4}\.?[0-9]{0,3}([eE][-+]?[0-9]{1,3})?$/),
      fc.constantFrom('', '0', '-0', '0e-400', '1e-400', '0.000e5', '00', '.5', '5.', ' 1', 'NA'),
    );
    fc.assert(
      fc.property(text, (cell) => {
        const quick = quickNumberCell(cell);
        if (quick === undefined) return;
        const p = parseNumberCell(cell);
        expect(p.ok).toBe(true);
        if (p.ok) expect(Object.is(quick, p.value)).toBe(true);
      }),
      { numRuns: 20000 },
    );
  });
});
