/**
 * Which shapes of the packaged maps draw each collectivity of the questionnaire
 * (survey/polyvalence/collectivities.ts, the one list of codes). Most codes are a
 * département number and a letter ("01D" → shape "01"); the exceptions are the
 * collectivities that do not match one département shape:
 * - Collectivité de Corse (20R) covers the two shapes 2A and 2B, and the Collectivité
 *   européenne d'Alsace (6AE) the shapes 67 and 68: each is one value on two shapes.
 * - Shape 69 holds two collectivities: the Rhône département (69D) and the Métropole de
 *   Lyon (69M). The shape is coloured with the Rhône département's value, and the
 *   Métropole is drawn as a disc on Lyon with its own value, so neither hides the other.
 * - The five overseas départements are shapes of @svg-maps/world, drawn as insets.
 */
import { COLLECTIVITIES, type Collectivity } from '../survey/polyvalence/collectivities.js';

/** Where a collectivity is drawn. */
export type ShapeRef =
  | { kind: 'metropole'; ids: string[] }
  | { kind: 'overseas'; id: string }
  /** A disc inside a metropolitan shape, at a point given as fractions of that shape's box. */
  | { kind: 'disc'; within: string; at: [number, number] };

const EXCEPTIONS: Record<string, ShapeRef> = {
  '20R': { kind: 'metropole', ids: ['2A', '2B'] },
  '6AE': { kind: 'metropole', ids: ['67', '68'] },
  // Lyon lies in the south-east of the Rhône shape (checked on the rendered map).
  '69M': { kind: 'disc', within: '69', at: [0.72, 0.6] },
  '971D': { kind: 'overseas', id: 'gp' },
  '972R': { kind: 'overseas', id: 'mq' },
  '973R': { kind: 'overseas', id: 'gf' },
  '974D': { kind: 'overseas', id: 're' },
  '976R': { kind: 'overseas', id: 'yt' },
};

/**
 * Where a collectivity code is drawn on the map.
 * @throws For a code that is neither an exception nor a two-digit département code.
 */
export function shapeOf(code: string): ShapeRef {
  if (Object.hasOwn(EXCEPTIONS, code)) return EXCEPTIONS[code];
  const m = /^(\d{2})[A-Z]$/.exec(code);
  if (!m) throw new Error(`map: no shape for collectivity code "${code}"`);
  return { kind: 'metropole', ids: [m[1]] };
}

/** The collectivities in questionnaire order, each with where it is drawn. */
export const COLLECTIVITY_SHAPES: readonly (Collectivity & { shape: ShapeRef })[] = COLLECTIVITIES.map((c) => ({ ...c, shape: shapeOf(c.code) }));
