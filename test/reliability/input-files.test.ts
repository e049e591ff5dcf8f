/**
 * Files that are not files, sizes that are not sane, paths that leave the folder (issue 17
 * §3–4): each is a located exit-1 message, checked on the open descriptor before reading, so
 * nothing hangs (a FIFO), streams forever (/dev/zero) or is read whole before a limit (a sparse
 * 1.9 GB YAML). A fuzzer puts every kind of path (regular, folder, FIFO, device, links inside,
 * outside and dangling) in every input slot.
 */
import { execFileSync } from 'node:child_process';
import {
  cpSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  truncateSync,
  writeFileSync,
  chmodSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/main.ts';
import { formatProblem } from '../../src/core/errors.ts';
import { validateFramework } from '../../src/io/loadFramework.ts';
import { MAX_CELL_CHARS, MAX_FIELDS } from '../../src/io/csvColumnScanner.ts';

const SECRET = 'TOP-SECRET-LINE-do-not-quote';

function scratch(): { root: string; fw: string; outside: string } {
  const root = mkdtempSync(join(tmpdir(), 'wardrank-in-'));
  const fw = join(root, 'fw');
  cpSync('test/fixtures/small', fw, { recursive: true });
  const outside = join(root, 'outside.csv');
  writeFileSync(outside, `${SECRET},x\n1,2\n`);
  return { root, fw, outside };
}

async function cli(...args: string[]): Promise<{ status: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const o = vi
    .spyOn(process.stdout, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stdout += String(c)), true));
  const e = vi
    .spyOn(process.stderr, 'write')
    .mockImplementation((c: string | Uint8Array) => ((stderr += String(c)), true));
  try {
    return { status: await runCli(['node', 'wardrank', ...args]), stdout, stderr };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

const mkfifo = (p: string) => execFileSync('mkfifo', [p]);

describe('an input path that is not a regular file', () => {
  it.each([
    ['a folder', (p: string) => mkdirSync(p), /wards\.csv: is a folder, not a file \(expected a regular file\)/],
    ['a FIFO (would block a plain read forever)', mkfifo, /wards\.csv: is a FIFO \(named pipe\), not a file/],
    [
      '/dev/zero (endless)',
      (p: string) => symlinkSync('/dev/zero', p),
      /indicators\.csv:2:file: path "wards\.csv" leaves the framework folder/,
    ],
  ])('data file is %s: exit 1, located', async (_, make, message) => {
    const { fw } = scratch();
    rmSync(join(fw, 'wards.csv'));
    make(join(fw, 'wards.csv'));
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(message);
  });

  it('the framework file itself as a FIFO, a folder, /dev/zero', async () => {
    const { root } = scratch();
    mkfifo(join(root, 'fifo.yaml'));
    for (const [path, message] of [
      [join(root, 'fifo.yaml'), /fifo\.yaml: is a FIFO/],
      [root, /: is a folder, not a file/],
      ['/dev/zero', /zero: is a device, not a file/],
    ] as const) {
      const r = await cli('validate', path);
      expect(r.status, path).toBe(1);
      expect(r.stderr).toMatch(message);
    }
  });

  it('an unreadable file (when not running as root)', async () => {
    if (process.getuid?.() === 0) return; // root reads everything: nothing to test
    const { fw } = scratch();
    chmodSync(join(fw, 'wards.csv'), 0);
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/wards\.csv: file is not readable \(permission denied\)/);
  });
});

describe('sizes', () => {
  it('a 1.9 GB framework YAML is refused from its size, before reading', async () => {
    const { fw } = scratch();
    truncateSync(join(fw, 'framework.yaml'), 1_900_000_000); // sparse: no disk used
    const before = process.memoryUsage().rss;
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /framework\.yaml: framework file is 1,900,000,000 bytes \(expected at most 1,048,576 bytes/,
    );
    expect(process.memoryUsage().rss - before).toBeLessThan(200e6); // not read
  });

  it('an oversized indicator table, a 1.9 GB boundaries file: refused by size', async () => {
    const { fw } = scratch();
    truncateSync(join(fw, 'areas.geojson'), 1_900_000_000);
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/areas\.geojson: file is 1,900,000,000 bytes \(expected at most 268,435,456 bytes/);
  });

  it('a 20 MB CSV line (one cell) is a located error, not a RangeError', async () => {
    const { fw } = scratch();
    const lines = readFileSync(join(fw, 'wards.csv'), 'utf8').split('\n');
    lines[3] = 'A03,' + '9'.repeat(20_000_000) + ',50,,50,80,1000';
    writeFileSync(join(fw, 'wards.csv'), lines.join('\n'));
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(
      `wards.csv:4: cell 2 is longer than ${MAX_CELL_CHARS.toLocaleString('en-GB')} characters`,
    );
  });

  it('40 MB of commas on one line is a located error', async () => {
    const { fw } = scratch();
    const lines = readFileSync(join(fw, 'wards.csv'), 'utf8').split('\n');
    lines[2] = 'A02' + ','.repeat(40_000_000);
    writeFileSync(join(fw, 'wards.csv'), lines.join('\n'));
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`wards.csv:3: more than ${MAX_FIELDS.toLocaleString('en-GB')} cells in one row`);
  });
});

describe('paths confined to the framework folder (real paths)', () => {
  it('a data file symlinked outside the folder is refused before it is read; no message quotes it', async () => {
    const { fw, outside } = scratch();
    rmSync(join(fw, 'wards.csv'));
    symlinkSync(outside, join(fw, 'wards.csv'));
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/path "wards\.csv" leaves the framework folder/);
    expect(r.stderr).not.toContain(SECRET);
  });

  it('a basemap symlinked to a file outside is refused by validate and run; nothing lands in the output', async () => {
    const { root, fw, outside } = scratch();
    symlinkSync(outside, join(fw, 'streets.json'));
    const yaml = readFileSync(join(fw, 'framework.yaml'), 'utf8').replace(
      /^areas:\n/m,
      'areas:\n  basemap:\n    - { id: streets, name: Streets, kind: lines, file: streets.json }\n',
    );
    writeFileSync(join(fw, 'framework.yaml'), yaml);
    expect(yaml).toContain('basemap');
    const r = await cli('run', join(fw, 'framework.yaml'), '--out', join(root, 'out'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(
      /framework\.yaml:areas\.basemap\[0\]\.file: path "streets\.json" leaves the framework folder/,
    );
    expect(r.stderr).not.toContain(SECRET);
  });

  it('a basemap that is not GeoJSON is a located error', async () => {
    const { fw } = scratch();
    writeFileSync(join(fw, 'streets.json'), '{"type":"Topology"}');
    writeFileSync(
      join(fw, 'framework.yaml'),
      readFileSync(join(fw, 'framework.yaml'), 'utf8').replace(
        /^areas:\n/m,
        'areas:\n  basemap:\n    - { id: streets, name: Streets, kind: lines, file: streets.json }\n',
      ),
    );
    const r = await cli('validate', join(fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/streets\.json:type: not a GeoJSON FeatureCollection/);
  });
});

describe('top and explain do not read the boundary and basemap files (their output never uses them)', () => {
  const withBasemap = (fw: string) =>
    writeFileSync(
      join(fw, 'framework.yaml'),
      readFileSync(join(fw, 'framework.yaml'), 'utf8').replace(
        /^areas:\n/m,
        'areas:\n  basemap:\n    - { id: streets, name: Streets, kind: lines, file: streets.json }\n',
      ),
    );

  it('broken geometry files: validate and run refuse them; top and explain print what they print on intact files', async () => {
    const intact = scratch();
    writeFileSync(join(intact.fw, 'streets.json'), '{"type":"FeatureCollection","features":[]}');
    withBasemap(intact.fw);
    const broken = scratch();
    writeFileSync(join(broken.fw, 'streets.json'), '{"type":"Topology"}');
    withBasemap(broken.fw);
    writeFileSync(join(broken.fw, 'areas.geojson'), '{"type": "FeatureCollection", "features": [');
    const v = await cli('validate', join(broken.fw, 'framework.yaml'));
    expect(v.status).toBe(1);
    expect(v.stderr).toMatch(/areas\.geojson:\(file\): not valid JSON/);
    expect(v.stderr).toMatch(/streets\.json:type: not a GeoJSON FeatureCollection/);
    expect((await cli('run', join(broken.fw, 'framework.yaml'), '--out', join(broken.root, 'out'))).status).toBe(1);
    for (const args of [
      ['top', '-n', '3'],
      ['explain', 'A02'],
    ]) {
      const good = await cli(args[0], join(intact.fw, 'framework.yaml'), ...args.slice(1));
      const bad = await cli(args[0], join(broken.fw, 'framework.yaml'), ...args.slice(1));
      expect(good.status, good.stderr).toBe(0);
      expect(good.stdout.split('\n').length).toBeGreaterThan(4);
      expect(bad).toEqual(good);
    }
  });

  it('their paths are still checked: missing, or leaving the folder, is refused by top too', async () => {
    const missing = scratch();
    rmSync(join(missing.fw, 'areas.geojson'));
    const r = await cli('top', join(missing.fw, 'framework.yaml'));
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/framework\.yaml:areas\.boundaries: file "areas\.geojson" not found/);
    const outside = scratch();
    symlinkSync(outside.outside, join(outside.fw, 'streets.json'));
    withBasemap(outside.fw);
    const e = await cli('explain', join(outside.fw, 'framework.yaml'), 'A02');
    expect(e.status).toBe(1);
    expect(e.stderr).toMatch(/areas\.basemap\[0\]\.file: path "streets\.json" leaves the framework folder/);
    expect(e.stderr).not.toContain(SECRET);
  });
});

describe('path fuzzer: every kind of path in every input slot', () => {
  const SLOTS = [
    'framework.yaml',
    'indicators.csv',
    'areas.csv',
    'wards.csv',
    'boroughs.csv',
    'areas.geojson',
  ] as const;
  const KINDS = [
    'ok',
    'folder',
    'fifo',
    'dev-null',
    'dev-zero',
    'link-inside',
    'link-outside',
    'dangling',
    'empty',
  ] as const;
  it('valid only when every slot holds a regular file inside the folder; otherwise located problems, never a throw, never the outside text', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...KINDS), { minLength: SLOTS.length, maxLength: SLOTS.length }),
        (kinds) => {
          const { fw, outside } = scratch();
          mkdirSync(join(fw, 'real'));
          kinds.forEach((kind, k) => {
            const p = join(fw, SLOTS[k]);
            if (kind === 'ok') return;
            const original = readFileSync(p);
            rmSync(p);
            if (kind === 'folder') mkdirSync(p);
            else if (kind === 'fifo') mkfifo(p);
            else if (kind === 'dev-null') symlinkSync('/dev/null', p);
            else if (kind === 'dev-zero') symlinkSync('/dev/zero', p);
            else if (kind === 'link-inside') {
              writeFileSync(join(fw, 'real', SLOTS[k]), original);
              symlinkSync(`real/${SLOTS[k]}`, p);
            } else if (kind === 'link-outside') symlinkSync(outside, p);
            else if (kind === 'dangling') symlinkSync('nowhere/missing', p);
            else if (kind === 'empty') writeFileSync(p, '');
          });
          const { loaded, problems } = validateFramework(join(fw, 'framework.yaml'));
          const fine = kinds.every((k) => k === 'ok' || k === 'link-inside');
          expect(Boolean(loaded), `${kinds.join(',')}: ${problems.map((p) => formatProblem(p)).join(' | ')}`).toBe(
            fine,
          );
          for (const p of problems) {
            expect(p.file, formatProblem(p)).toBeTruthy();
            expect(formatProblem(p)).not.toContain(SECRET);
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});
