/**
 * SVG figures to PNG with resvg (Rust, no browser), with the DejaVu fonts Debian installs
 * (fonts-dejavu-core): loading one known font directory, rather than every system font,
 * makes images the same on every machine that has it, and fast to render.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Resvg } from '@resvg/resvg-js';

/** Where Debian installs the DejaVu fonts; POLYVALENCE_FONT_DIR points elsewhere. */
export const FONT_DIR = process.env.POLYVALENCE_FONT_DIR ?? '/usr/share/fonts/truetype/dejavu';
const FONT_FAMILY = 'DejaVu Sans';

/** Options of svgToPng(). */
export interface PngOptions {
  /** Pixels per SVG unit (default 2: sharp when printed or shown on a dense screen). */
  scale?: number;
  /** Directory holding DejaVuSans.ttf (default FONT_DIR). */
  fontDir?: string;
}

/**
 * Renders an SVG string to a PNG on a white background, text in DejaVu Sans.
 * @throws When the fonts are missing (text would silently vanish from the image).
 */
export function svgToPng(svg: string, options: PngOptions = {}): Buffer {
  return rasterise(svg, options).asPng();
}

/**
 * Renders an SVG string to raw RGBA pixels (for checks that text and shapes are drawn).
 * @returns Width, height and the pixels, 4 bytes each, row by row.
 */
export function svgToPixels(svg: string, options: PngOptions = {}): { width: number; height: number; pixels: Buffer } {
  const image = rasterise(svg, options);
  return { width: image.width, height: image.height, pixels: image.pixels };
}

function rasterise(svg: string, options: PngOptions) {
  const fontDir = options.fontDir ?? FONT_DIR;
  if (!existsSync(join(fontDir, 'DejaVuSans.ttf'))) {
    throw new Error(`PNG: no DejaVuSans.ttf in ${fontDir}: install Debian's fonts-dejavu-core (apt-get install fonts-dejavu-core) or set POLYVALENCE_FONT_DIR`);
  }
  const resvg = new Resvg(svg, {
    background: 'white',
    fitTo: { mode: 'zoom', value: options.scale ?? 2 },
    font: { loadSystemFonts: false, fontDirs: [fontDir], defaultFontFamily: FONT_FAMILY, sansSerifFamily: FONT_FAMILY },
  });
  return resvg.render();
}
