/**
 * Renders Vega-Lite specs to SVG on the server: compile to Vega, then a headless Vega
 * view with no renderer. No browser or canvas is needed.
 */
import * as vega from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/**
 * Renders a Vega-Lite spec to an SVG string.
 * @param vlSpec A Vega-Lite spec with inline data (no URL is fetched).
 * @param options.idPrefix Prefix for the ids inside the SVG (clip paths, gradients), so
 *   several charts inlined in one HTML document cannot refer to each other's ids.
 */
export async function renderSvg(vlSpec: TopLevelSpec, options: { idPrefix?: string } = {}): Promise<string> {
  const { spec } = compile(vlSpec);
  assertInlineData(spec);
  // Defence in depth: a loader that refuses every URL (Vega would only log the failure).
  const loader = vega.loader({ mode: 'http' });
  loader.load = async (uri: string) => {
    throw new Error(`renderSvg: charts must embed their data, refusing to load "${uri}"`);
  };
  const view = new vega.View(vega.parse(spec), { renderer: 'none', loader });
  try {
    const svg = await view.toSVG();
    return options.idPrefix ? prefixIds(svg, options.idPrefix) : svg;
  } finally {
    view.finalize();
  }
}

/** Throws when any data set of a Vega spec is to be loaded from a URL: report charts carry their data. */
function assertInlineData(node: unknown): void {
  if (Array.isArray(node)) {
    node.forEach(assertInlineData);
    return;
  }
  if (!node || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'data' && Array.isArray(value)) {
      for (const d of value) {
        if (d && typeof d === 'object' && 'url' in d) throw new Error(`renderSvg: charts must embed their data, refusing to load "${String((d as { url: unknown }).url)}"`);
      }
    }
    assertInlineData(value);
  }
}

/** Rewrites `id="x"` and `url(#x)` / `href="#x"` references to use a prefix. */
function prefixIds(svg: string, prefix: string): string {
  if (!/^[A-Za-z][\w-]*$/.test(prefix)) throw new Error(`renderSvg: invalid id prefix "${prefix}"`);
  return svg
    .replace(/\bid="([^"]+)"/g, (_m, id: string) => `id="${prefix}-${id}"`)
    .replace(/url\(#([^)]+)\)/g, (_m, id: string) => `url(#${prefix}-${id})`)
    .replace(/href="#([^"]+)"/g, (_m, id: string) => `href="#${prefix}-${id}"`);
}
