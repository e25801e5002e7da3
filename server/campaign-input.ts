/**
 * Reading what an organiser types or sends to create or change a campaign (the form and
 * the JSON API share these rules), with one message per field in French and English.
 * The store checks again; these checks exist to say clearly which field is wrong.
 */
import { DisclosureThresholdsError, validateThresholds, type DisclosureThresholds } from '../analysis/disclosure/thresholds.js';
import type { BilingualText } from '../survey/types.js';
import { isCampaignId, isDay } from './store/checks.js';
import type { CampaignPatch, CampaignStatus, InvitationMode, NewCampaign, QuestionnaireSummary, Section } from './store/types.js';

/** Longest campaign title or section label accepted. */
export const MAX_TITLE_LENGTH = 200;
/** Most local sections a campaign may have. */
export const MAX_SECTIONS = 500;

/** A problem with one field of the input. */
export interface FieldError {
  field: string;
  message: BilingualText;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; errors: FieldError[] };

const t = (fr: string, en: string): BilingualText => ({ fr, en });

/**
 * A URL-safe id made from a label: `ANAS Bouches-du-Rhône` → `anas-bouches-du-rhone`.
 * @returns The slug, or an empty string when nothing usable is left.
 */
export function slugify(label: string): string {
  return label
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
}

/**
 * Reads the sections textarea: one section per line, `id ; label`, or only a label (its
 * id is then made from it). Blank lines are ignored.
 */
export function parseSectionsText(text: string): Parsed<Section[]> {
  const sections: Section[] = [];
  const errors: FieldError[] = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.trim();
    if (!line) return;
    const at = line.indexOf(';');
    const label = (at >= 0 ? line.slice(at + 1) : line).trim();
    const id = at >= 0 ? line.slice(0, at).trim() : slugify(line);
    if (!isCampaignId(id)) {
      errors.push({ field: 'sections', message: t(`ligne ${i + 1} : identifiant « ${id} » non valable (lettres minuscules, chiffres et tirets)`, `line ${i + 1}: id "${id}" is not valid (lower-case letters, digits and hyphens)`) });
      return;
    }
    sections.push({ id, label: label || id });
  });
  return errors.length ? { ok: false, errors } : { ok: true, value: sections };
}

/** Writes sections back as the textarea shows them. */
export function sectionsText(sections: readonly Section[] | undefined): string {
  return (sections ?? []).map((s) => `${s.id} ; ${s.label}`).join('\n');
}

function checkSections(value: unknown, errors: FieldError[]): Section[] | undefined {
  if (!Array.isArray(value)) {
    errors.push({ field: 'sections', message: t('les sections doivent être une liste de {id, label}', 'sections must be a list of {id, label}') });
    return undefined;
  }
  if (value.length > MAX_SECTIONS) {
    errors.push({ field: 'sections', message: t(`au plus ${MAX_SECTIONS} sections`, `at most ${MAX_SECTIONS} sections`) });
    return undefined;
  }
  const seen = new Set<string>();
  const out: Section[] = [];
  for (const s of value as unknown[]) {
    const sec = s as Partial<Section> | null;
    if (typeof sec !== 'object' || sec === null || !isCampaignId(sec.id)) {
      errors.push({ field: 'sections', message: t(`section ${JSON.stringify((sec as { id?: unknown } | null)?.id ?? s)} : identifiant non valable (lettres minuscules, chiffres et tirets)`, `section ${JSON.stringify((sec as { id?: unknown } | null)?.id ?? s)}: invalid id (lower-case letters, digits and hyphens)`) });
      continue;
    }
    if (typeof sec.label !== 'string' || !sec.label.trim() || sec.label.length > MAX_TITLE_LENGTH) {
      errors.push({ field: 'sections', message: t(`section ${sec.id} : libellé vide ou trop long`, `section ${sec.id}: empty or too long label`) });
      continue;
    }
    if (seen.has(sec.id)) {
      errors.push({ field: 'sections', message: t(`section ${sec.id} en double`, `section ${sec.id} is listed twice`) });
      continue;
    }
    seen.add(sec.id);
    out.push({ id: sec.id, label: sec.label.trim() });
  }
  return out;
}

function checkTitle(value: unknown, errors: FieldError[]): string | undefined {
  if (typeof value !== 'string' || !value.trim()) {
    errors.push({ field: 'title', message: t('le titre est obligatoire', 'the title is required') });
    return undefined;
  }
  if (value.length > MAX_TITLE_LENGTH) {
    errors.push({ field: 'title', message: t(`le titre dépasse ${MAX_TITLE_LENGTH} caractères`, `the title is longer than ${MAX_TITLE_LENGTH} characters`) });
    return undefined;
  }
  return value.trim();
}

function checkDay(field: 'opensOn' | 'closesOn', value: unknown, errors: FieldError[]): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return null;
  if (!isDay(value)) {
    errors.push({ field, message: t(`date non valable (AAAA-MM-JJ attendu) : ${JSON.stringify(value)}`, `invalid date (YYYY-MM-DD expected): ${JSON.stringify(value)}`) });
    return undefined;
  }
  return value;
}

function checkStatus(value: unknown, errors: FieldError[]): CampaignStatus | undefined {
  if (value === undefined) return undefined;
  if (value === 'open' || value === 'closed') return value;
  errors.push({ field: 'status', message: t('le statut vaut « open » ou « closed »', 'the status is "open" or "closed"') });
  return undefined;
}

function checkOrder(opensOn: string | null | undefined, closesOn: string | null | undefined, errors: FieldError[]): void {
  if (opensOn && closesOn && opensOn > closesOn) {
    errors.push({ field: 'closesOn', message: t('la date de clôture précède la date d’ouverture', 'the closing day is before the opening day') });
  }
}

/**
 * Reads disclosure thresholds: an object with any of minGroup, minCell, k (the others take
 * the defaults), or, in a change, null to go back to the defaults.
 */
function checkDisclosure(value: unknown, errors: FieldError[]): DisclosureThresholds | undefined {
  try {
    return validateThresholds(value);
  } catch (err) {
    if (!(err instanceof DisclosureThresholdsError)) throw err;
    for (const message of err.problems) errors.push({ field: 'disclosure', message });
    return undefined;
  }
}

const NEW_FIELDS = new Set(['id', 'title', 'questionnaireId', 'questionnaireVersion', 'opensOn', 'closesOn', 'status', 'invitationMode', 'sections', 'disclosure']);
const PATCH_FIELDS = new Set(['title', 'opensOn', 'closesOn', 'status', 'sections', 'disclosure']);

function unknownFields(input: Record<string, unknown>, allowed: Set<string>, errors: FieldError[]): void {
  const extra = Object.keys(input).filter((k) => !allowed.has(k));
  if (extra.length) errors.push({ field: extra[0], message: t(`champ(s) inconnu(s) : ${extra.join(', ')}`, `unknown field(s): ${extra.join(', ')}`) });
}

/**
 * Reads a new campaign.
 * @param input `{id, title, questionnaireId, questionnaireVersion, opensOn?, closesOn?, status?, invitationMode?, sections?, disclosure?}`
 *   (disclosure: any of minGroup, minCell, k; the others take the defaults);
 *   the status defaults to `closed` (a campaign is opened on purpose), the mode to `open`.
 * @param stored The questionnaire versions in the store: the campaign must use one of them.
 */
export function parseNewCampaign(input: unknown, stored: readonly QuestionnaireSummary[]): Parsed<NewCampaign> {
  const errors: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: t('un objet JSON est attendu', 'a JSON object is expected') }] };
  }
  const i = input as Record<string, unknown>;
  unknownFields(i, NEW_FIELDS, errors);
  if (i.id === 'new') {
    errors.push({ field: 'id', message: t('l’identifiant « new » est réservé', 'the id "new" is reserved') });
  } else if (!isCampaignId(i.id)) {
    errors.push({ field: 'id', message: t('identifiant non valable : 1 à 64 lettres minuscules, chiffres et tirets intérieurs (ex. « polyvalence-2026 »)', 'invalid id: 1 to 64 lower-case letters, digits and inner hyphens (e.g. "polyvalence-2026")') });
  }
  const title = checkTitle(i.title, errors);
  if (!stored.some((q) => q.id === i.questionnaireId && q.version === i.questionnaireVersion)) {
    errors.push({ field: 'questionnaire', message: t('choisissez un questionnaire enregistré (identifiant et version)', 'choose a stored questionnaire (id and version)') });
  }
  const opensOn = checkDay('opensOn', i.opensOn, errors);
  const closesOn = checkDay('closesOn', i.closesOn, errors);
  checkOrder(opensOn, closesOn, errors);
  const status = checkStatus(i.status, errors) ?? 'closed';
  let invitationMode: InvitationMode = 'open';
  if (i.invitationMode !== undefined) {
    if (i.invitationMode === 'open' || i.invitationMode === 'single_use') invitationMode = i.invitationMode;
    else errors.push({ field: 'invitationMode', message: t('le mode d’invitation vaut « open » ou « single_use »', 'the invitation mode is "open" or "single_use"') });
  }
  const sections = i.sections === undefined ? [] : checkSections(i.sections, errors);
  const disclosure = i.disclosure === undefined ? undefined : checkDisclosure(i.disclosure, errors);
  if (errors.length) return { ok: false, errors };
  const campaign: NewCampaign = {
    id: i.id as string,
    title: title!,
    questionnaireId: i.questionnaireId as string,
    questionnaireVersion: i.questionnaireVersion as string,
    status,
    invitationMode,
    sections: sections!,
  };
  if (opensOn) campaign.opensOn = opensOn;
  if (closesOn) campaign.closesOn = closesOn;
  if (disclosure) campaign.disclosure = disclosure;
  return { ok: true, value: campaign };
}

/**
 * Reads changes to a campaign: `{title?, opensOn?, closesOn?, status?, sections?, disclosure?}`,
 * where `null` or an empty string clears a date, and a null disclosure goes back to the defaults.
 * @param current The campaign as stored, to check the dates' order after the change.
 */
export function parseCampaignPatch(input: unknown, current: { opensOn?: string; closesOn?: string }): Parsed<CampaignPatch> {
  const errors: FieldError[] = [];
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, errors: [{ field: '', message: t('un objet JSON est attendu', 'a JSON object is expected') }] };
  }
  const i = input as Record<string, unknown>;
  unknownFields(i, PATCH_FIELDS, errors);
  const patch: CampaignPatch = {};
  if (i.title !== undefined) patch.title = checkTitle(i.title, errors);
  const opensOn = checkDay('opensOn', i.opensOn, errors);
  const closesOn = checkDay('closesOn', i.closesOn, errors);
  if (opensOn !== undefined) patch.opensOn = opensOn;
  if (closesOn !== undefined) patch.closesOn = closesOn;
  checkOrder(opensOn === undefined ? current.opensOn : opensOn, closesOn === undefined ? current.closesOn : closesOn, errors);
  const status = checkStatus(i.status, errors);
  if (status) patch.status = status;
  if (i.sections !== undefined) patch.sections = checkSections(i.sections, errors);
  if (i.disclosure === null) patch.disclosure = null;
  else if (i.disclosure !== undefined) patch.disclosure = checkDisclosure(i.disclosure, errors);
  return errors.length ? { ok: false, errors } : { ok: true, value: patch };
}
