import { describe, expect, it } from 'vitest';
import { COLLECTIVITIES } from '../survey/polyvalence/collectivities.js';
import { fitInto, METROPOLE, OVERSEAS, pathBox, transformPath } from './map-geometry.js';
import { COLLECTIVITY_SHAPES, shapeOf } from './map-shapes.js';
import { franceMapSvg, MAP_COLOURS, wrapText, type MapValue } from './map.js';
import { svgToPixels } from './png.js';

const percent = (v: number) => `${Math.round(v * 100)}\u00a0%`;
const base = { title: 'Titre', legend: 'Part', locale: 'fr' as const, domain: [0, 1] as [number, number], format: percent };

describe('collectivity shapes', () => {
  it('gives every collectivity of the questionnaire a shape, and uses every shape of the maps', () => {
    const used = new Set<string>();
    for (const c of COLLECTIVITIES) {
      const s = shapeOf(c.code);
      if (s.kind === 'metropole') s.ids.forEach((id) => used.add(id));
      if (s.kind === 'overseas') expect(OVERSEAS.has(s.id), c.code).toBe(true);
      if (s.kind === 'disc') expect(METROPOLE.some((l) => l.id === s.within), c.code).toBe(true);
    }
    expect([...used].sort()).toEqual(METROPOLE.map((l) => l.id).sort());
    expect(OVERSEAS.size).toBe(5);
    expect(COLLECTIVITY_SHAPES.map((c) => c.code)).toEqual(COLLECTIVITIES.map((c) => c.code));
  });

  it('draws Corsica and Alsace on two shapes each, Lyon as a disc on the Rhône, and refuses unknown codes', () => {
    expect(shapeOf('20R')).toEqual({ kind: 'metropole', ids: ['2A', '2B'] });
    expect(shapeOf('6AE')).toEqual({ kind: 'metropole', ids: ['67', '68'] });
    expect(shapeOf('69D')).toEqual({ kind: 'metropole', ids: ['69'] });
    expect(shapeOf('69M')).toMatchObject({ kind: 'disc', within: '69' });
    expect(shapeOf('75C')).toEqual({ kind: 'metropole', ids: ['75'] });
    expect(() => shapeOf('region_only')).toThrow(/no shape for collectivity code "region_only"/);
  });
});

describe('map geometry', () => {
  it('measures and moves relative paths, subpaths after a close included', () => {
    const d = 'm 10,10 5,0 0,5 z m 10,0 2,2 z';
    expect(pathBox(d)).toEqual({ x: 10, y: 10, width: 12, height: 5 });
    const moved = transformPath(d, 2, 100, 50);
    expect(pathBox(moved)).toEqual({ x: 120, y: 70, width: 24, height: 10 });
    const fit = fitInto(pathBox(d), { x: 0, y: 0, width: 24, height: 24 });
    expect(pathBox(transformPath(d, fit.scale, fit.dx, fit.dy))).toEqual({ x: 0, y: 7, width: 24, height: 10 });
    expect(() => pathBox('M 1 1 L 2 2')).toThrow(/unsupported path commands/);
  });
});

describe('franceMapSvg', () => {
  it('draws every collectivity with its colour, hatches suppressed ones and leaves those without data white', () => {
    const values = new Map<string, MapValue>([
      ['01D', { value: 0.05, suppressed: false, label: '5 %' }],
      ['20R', { value: 0.95, suppressed: false, label: '95 %' }],
      ['13D', { value: null, suppressed: true, label: 'effectif insuffisant' }],
      ['971D', { value: 0.5, suppressed: false, label: '50 %' }],
    ]);
    const svg = franceMapSvg({ ...base, values, idPrefix: 'm1' });
    for (const c of COLLECTIVITIES) expect(svg, c.code).toContain(`data-code="${c.code}"`);
    const fills = (code: string) => [...svg.matchAll(new RegExp(`fill="([^"]+)"[^>]*data-code="${code}"`, 'g'))].map((m) => m[1]);
    expect(fills('01D')).toEqual([MAP_COLOURS[0]]);
    expect(fills('20R')).toEqual([MAP_COLOURS[4], MAP_COLOURS[4]]);
    expect(fills('971D')).toEqual([MAP_COLOURS[2]]);
    expect(fills('13D')).toEqual(['url(#m1-hatch)']);
    expect(fills('02D')).toEqual(['#ffffff']);
    // Paris is drawn twice: on the map and enlarged in the inset.
    expect(fills('75C')).toHaveLength(2);
    expect(svg).toContain('<title>Bouches-du-Rhône\u00a0: effectif insuffisant</title>');
    expect(svg).toContain('<title>Aisne\u00a0: aucun·e répondant·e</title>');
    expect(svg).toMatch(/^<svg [^>]*role="img" aria-labelledby="m1-title m1-desc"/);
    expect(svg).toContain('CC BY 4.0');
  });

  it('refuses a suppressed collectivity that carries a value, an unknown code and an empty domain', () => {
    expect(() => franceMapSvg({ ...base, values: new Map([['13D', { value: 0.4, suppressed: true, label: 'x' }]]) })).toThrow(/"13D" carries a value/);
    expect(() => franceMapSvg({ ...base, values: new Map([['region_only', { value: 0.4, suppressed: false, label: 'x' }]]) })).toThrow(/not a collectivity code/);
    expect(() => franceMapSvg({ ...base, values: new Map(), domain: [1, 1] })).toThrow(/empty domain/);
    expect(() => franceMapSvg({ ...base, values: new Map(), idPrefix: '1x' })).toThrow(/invalid id prefix/);
  });

  it('writes English when asked', () => {
    const svg = franceMapSvg({ ...base, locale: 'en', values: new Map() });
    expect(svg).toContain('Paris and inner suburbs');
    expect(svg).toContain('<title>Aisne: no respondents</title>');
  });

  it('wraps a long title above the map, moving the map down rather than under the Paris inset', () => {
    expect(wrapText('un deux trois quatre', 9)).toEqual(['un deux', 'trois', 'quatre']);
    expect(wrapText('anticonstitutionnellement court', 10)).toEqual(['anticonstitutionnellement', 'court']);
    const short = franceMapSvg({ ...base, values: new Map() });
    const title = 'Part des répondant·es dont au moins la moitié des évaluations d\'IP concernent des familles déjà suivies';
    const long = franceMapSvg({ ...base, title, values: new Map() });
    const height = (svg: string) => Number(svg.match(/^<svg [^>]*height="(\d+)"/)![1]);
    expect(height(long)).toBe(height(short) + 18);
    expect(long).toContain('<g transform="translate(0 18)">');
    expect([...long.matchAll(/<tspan [^>]*>([^<]*)<\/tspan>/g)].map((m) => m[1].replace(/&#39;/g, "'")).join(' ')).toBe(title);
  });

  it('produces the expected SVG for a small case', async () => {
    const values = new Map<string, MapValue>([
      ['69D', { value: 0.3, suppressed: false, label: '30 %' }],
      ['69M', { value: 0.7, suppressed: false, label: '70 %' }],
      ['6AE', { value: null, suppressed: true, label: 'masqué (secret statistique)' }],
    ]);
    await expect(franceMapSvg({ ...base, values, idPrefix: 'snap' })).toMatchFileSnapshot('./__snapshots__/map.small.svg');
  });

  it('renders to an image in which the legend text is drawn', () => {
    const svg = franceMapSvg({ ...base, values: new Map() });
    const { width, height, pixels } = svgToPixels(svg, { scale: 1 });
    expect([width, height]).toEqual([820, 719]);
    // The credit line is text only: its band has dark pixels only if a font was loaded.
    let dark = 0;
    for (let y = height - 16; y < height; y++) {
      for (let x = 0; x < width; x++) if (pixels[(y * width + x) * 4] < 128) dark++;
    }
    expect(dark).toBeGreaterThan(200);
  });
});
