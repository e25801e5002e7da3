/**
 * What the collection keeps of one answer, and what it never keeps, described from the
 * questionnaire itself (its codebook), so that the anonymity page cannot drift from the
 * schema: a question added to the questionnaire appears on the page with its column.
 *
 * The "stored" record fields mirror what the store keeps beside the answers (campaign,
 * questionnaire version, day, random answer id, and the local section of the link when
 * the campaign has sections); the "never stored" list is the collection's commitment (no
 * IP address, no user agent, no time of day, no cookie, no invitation token linked to an
 * answer). Drafts kept under a resume code are described apart. Plain data, in one language.
 */
import { buildCodebook } from './codebook.js';
import type { BilingualText, CodebookColumn, CodebookColumnKind, Locale, QuasiIdentifierStrength, QuestionnaireDefinition, SurveyElementJson } from './types.js';

/** A field of the stored record or a thing never stored, in plain words. */
export interface DataItem {
  /** Stable key (e.g. `submitted_on`, `ip_address`) for tests and styling. */
  key: string;
  label: string;
  detail: string;
}

/** A field the caller stores beside each answer, to be listed with the others (e.g. the invitation link's section). */
export interface ExtraRecordField {
  key: string;
  label: BilingualText;
  detail: BilingualText;
}

/** One column of the stored answers, as the anonymity page lists it. */
export interface StoredColumnItem {
  /** Column name in exports (`q`, `q.row`, `q.choice`, `q-Comment`). */
  name: string;
  /** The question it comes from. */
  question: string;
  /** Question title (and row, item or choice), in the requested language. */
  label: string;
  kind: CodebookColumnKind;
  /** What kind of value the column holds, in plain words. */
  kindLabel: string;
  qi?: QuasiIdentifierStrength;
  /** The quasi-identifier strength in words, when tagged. */
  qiLabel?: string;
  freeText: boolean;
}

/** A question tagged as a quasi-identifier, with all its columns. */
export interface QuasiIdentifierItem {
  question: string;
  label: string;
  strength: QuasiIdentifierStrength;
  strengthLabel: string;
  /** Its columns (several for a checkbox or matrix question). */
  columns: string[];
}

/** A question whose answer identifies a person directly (an e-mail, a phone number): the page warns about it. */
export interface DirectIdentifierItem {
  question: string;
  label: string;
  /** The SurveyJS input type that gave it away (`email`, `tel`). */
  inputType: string;
}

/** Everything the anonymity page says, in one language. */
export interface StoredDataDescription {
  locale: Locale;
  questionnaire: { id: string; version: string; date: string; title: string };
  stored: {
    /** Fields every stored answer carries besides the answers themselves. */
    record: DataItem[];
    /** One entry per column of the answers, in questionnaire order. */
    columns: StoredColumnItem[];
  };
  notStored: DataItem[];
  /** What happens to answers before they are sent (drafts). */
  inProgress: DataItem;
  quasiIdentifiers: QuasiIdentifierItem[];
  /** Free-text columns: never published as they are. */
  freeText: StoredColumnItem[];
  directIdentifiers: DirectIdentifierItem[];
}

export interface DescribeStoredDataOptions {
  /** The campaign has local sections with their own link: the section used is stored with the answer. */
  sections?: boolean;
  /** How long a draft saved under a resume code is kept, in days, when the server says so. */
  draftRetentionDays?: number;
  /** Fields the server stores beside each answer in addition to the standard record. */
  extraRecordFields?: readonly ExtraRecordField[];
}

/** The record field of the local section whose link was used (campaigns with sections). */
export const SECTION_RECORD_FIELD: ExtraRecordField = {
  key: 'section',
  label: { fr: 'La section locale du lien utilisé', en: 'The local section of the link used' },
  detail: {
    fr: "Si le lien que vous avez reçu est celui d'une section locale (par exemple un groupe départemental), le nom de cette section est gardé avec la réponse, pour suivre les retours de chaque section.",
    en: 'If the link you received is a local section\'s (for example a departmental group), the name of that section is kept with the answer, to follow the returns of each section.',
  },
};

/** What happens to answers before they are sent. */
function inProgressItem(locale: Locale, retentionDays: number | undefined): DataItem {
  const during = retentionDays !== undefined
    ? { fr: ` pendant ${retentionDays} jours au plus`, en: ` for at most ${retentionDays} days` }
    : { fr: ' pour une durée limitée', en: ' for a limited time' };
  const text: ExtraRecordField = {
    key: 'in_progress',
    label: { fr: 'Vos réponses en cours', en: 'Your answers in progress' },
    detail: {
      fr: `Tant que vous n'avez pas envoyé le questionnaire, vos réponses restent sur votre appareil. Si vous demandez un code pour reprendre plus tard sur un autre appareil, vos réponses en cours sont gardées sur le serveur sous ce code${during.fr}, puis effacées ; le code lui-même n'est pas conservé, seulement une empreinte qui ne permet pas de le retrouver.`,
      en: `Until you send the questionnaire, your answers stay on your device. If you ask for a code to resume later on another device, your answers in progress are kept on the server under that code${during.en}, then deleted; the code itself is not kept, only a fingerprint from which it cannot be recovered.`,
    },
  };
  return localItem(text, locale);
}

/** Fields the store keeps with every answer (see server/store/types.ts, `NewAnswer`). */
const RECORD: ExtraRecordField[] = [
  {
    key: 'campaign_id',
    label: { fr: 'La campagne', en: 'The campaign' },
    detail: { fr: "L'enquête à laquelle la réponse appartient (par exemple « enquête 2026 »).", en: 'The survey the answer belongs to (for example "2026 survey").' },
  },
  {
    key: 'questionnaire_version',
    label: { fr: 'Le questionnaire et sa version', en: 'The questionnaire and its version' },
    detail: { fr: 'Son identifiant et sa version, pour savoir exactement quelles questions ont été posées.', en: 'Its identifier and version, to know exactly which questions were asked.' },
  },
  {
    key: 'submitted_on',
    label: { fr: "Le jour de l'envoi", en: 'The day of sending' },
    detail: { fr: "Seulement la date (jour, mois, année), jamais l'heure.", en: 'Only the date (day, month, year), never the time.' },
  },
  {
    key: 'answer_id',
    label: { fr: 'Un numéro de réponse tiré au hasard', en: 'A random answer number' },
    detail: {
      fr: "Votre navigateur le tire au hasard au moment de l'envoi ; il sert seulement à ne pas enregistrer deux fois la même réponse si l'envoi est répété. Il ne dit rien de vous, ni de l'ordre d'arrivée des réponses.",
      en: 'Your browser draws it at random when you send; it only prevents storing the same answer twice if sending is repeated. It says nothing about you, nor about the order in which answers arrived.',
    },
  },
];

/** What the collection never keeps with an answer. */
const NOT_STORED: ExtraRecordField[] = [
  {
    key: 'ip_address',
    label: { fr: 'Votre adresse IP', en: 'Your IP address' },
    detail: { fr: "L'adresse de votre connexion internet n'est pas enregistrée avec votre réponse, et l'application ne l'écrit dans aucun journal.", en: 'The address of your internet connection is not stored with your answer, and the application writes it to no log.' },
  },
  {
    key: 'user_agent',
    label: { fr: 'Votre navigateur et votre appareil', en: 'Your browser and device' },
    detail: { fr: "Ni le nom ou la version de votre navigateur, ni votre système, ni votre type d'appareil.", en: 'Neither the name or version of your browser, nor your system, nor your type of device.' },
  },
  {
    key: 'time_of_day',
    label: { fr: "L'heure de votre réponse", en: 'The time of your answer' },
    detail: { fr: "Seul le jour est gardé ; ni l'heure, ni la durée passée à répondre.", en: 'Only the day is kept; neither the time nor how long you took to answer.' },
  },
  {
    key: 'cookies',
    label: { fr: 'Cookies et traceurs', en: 'Cookies and trackers' },
    detail: { fr: "Le questionnaire ne dépose aucun cookie et n'utilise aucun outil de mesure d'audience.", en: 'The questionnaire sets no cookie and uses no audience-measurement tool.' },
  },
  {
    key: 'invitation_token',
    label: { fr: "Le lien ou le code d'invitation", en: 'The invitation link or code' },
    detail: {
      fr: "S'il vous a été remis un code à usage unique, il sert seulement à vérifier qu'il n'a pas déjà servi ; il n'est jamais enregistré avec votre réponse.",
      en: 'If you were given a single-use code, it is only used to check that it has not been used before; it is never stored with your answer.',
    },
  },
  {
    key: 'account',
    label: { fr: 'Un compte ou un identifiant', en: 'An account or a login' },
    detail: { fr: 'Vous répondez sans compte et sans vous identifier.', en: 'You answer without an account and without identifying yourself.' },
  },
];

const KIND_LABEL: Record<CodebookColumnKind, BilingualText> = {
  single: { fr: 'un choix dans une liste', en: 'one choice from a list' },
  multiple: { fr: 'coché ou non (1 ou 0)', en: 'checked or not (1 or 0)' },
  number: { fr: 'un nombre', en: 'a number' },
  text: { fr: 'texte libre', en: 'free text' },
  calculated: { fr: 'valeur calculée à partir de vos réponses', en: 'value computed from your answers' },
};

const STRENGTH_LABEL: Record<QuasiIdentifierStrength, BilingualText> = {
  strong: { fr: 'fort', en: 'strong' },
  medium: { fr: 'moyen', en: 'medium' },
  weak: { fr: 'faible', en: 'weak' },
};

/** SurveyJS input types whose answer identifies a person directly. */
const DIRECT_INPUT_TYPES = new Set(['email', 'tel']);

function localItem(item: ExtraRecordField, locale: Locale): DataItem {
  return { key: item.key, label: item.label[locale], detail: item.detail[locale] };
}

function columnItem(col: CodebookColumn, locale: Locale): StoredColumnItem {
  return {
    name: col.name,
    question: col.question,
    label: col.title[locale],
    kind: col.kind,
    kindLabel: KIND_LABEL[col.kind][locale],
    ...(col.qi ? { qi: col.qi, qiLabel: STRENGTH_LABEL[col.qi][locale] } : {}),
    freeText: col.freeText,
  };
}

/** Text questions (and multipletext items) whose input type asks for an e-mail or a phone number. */
function directIdentifiers(def: QuestionnaireDefinition, columns: CodebookColumn[], locale: Locale): DirectIdentifierItem[] {
  const out: DirectIdentifierItem[] = [];
  const visit = (elements: SurveyElementJson[] | undefined) => {
    for (const el of elements ?? []) {
      if (el.type === 'panel') visit(el.elements);
      const inputs: { name: string; inputType: unknown }[] = el.type === 'text'
        ? [{ name: el.name, inputType: el.inputType }]
        : el.type === 'multipletext' && Array.isArray(el.items)
          ? (el.items as SurveyElementJson[]).map((i) => ({ name: `${el.name}.${i.name}`, inputType: i.inputType }))
          : [];
      for (const input of inputs) {
        if (typeof input.inputType !== 'string' || !DIRECT_INPUT_TYPES.has(input.inputType)) continue;
        const col = columns.find((c) => c.name === input.name);
        out.push({ question: input.name, label: col ? col.title[locale] : input.name, inputType: input.inputType });
      }
    }
  };
  for (const page of def.json.pages ?? []) visit(page.elements);
  visit(def.json.elements);
  return out;
}

/**
 * Describes, from the questionnaire's codebook, what one stored answer contains and what
 * is never stored: the record fields, every column with its label, the quasi-identifying
 * questions, the free-text columns, and questions that would identify someone directly.
 * @param def The questionnaire version answers are collected with.
 * @param locale Language of every text.
 * @param options What the server's campaign stores besides the standard record: the
 *   local section of the link used, other fields; how long drafts are kept.
 */
export function describeStoredData(def: QuestionnaireDefinition, locale: Locale = 'fr', options: DescribeStoredDataOptions = {}): StoredDataDescription {
  const codebook = buildCodebook(def);
  const columns = codebook.columns;
  const qis = new Map<string, QuasiIdentifierItem>();
  for (const col of columns) {
    if (!col.qi) continue;
    const known = qis.get(col.question);
    if (known) {
      known.columns.push(col.name);
      continue;
    }
    // A row or choice column carries the question title followed by the row; the QI is the question.
    const label = col.itemLabel && col.title[locale].endsWith(` — ${col.itemLabel[locale]}`)
      ? col.title[locale].slice(0, -(` — ${col.itemLabel[locale]}`).length)
      : col.title[locale];
    qis.set(col.question, { question: col.question, label, strength: col.qi, strengthLabel: STRENGTH_LABEL[col.qi][locale], columns: [col.name] });
  }
  return {
    locale,
    questionnaire: { id: def.id, version: def.version, date: def.date, title: codebook.title[locale] },
    stored: {
      record: [...RECORD, ...(options.sections ? [SECTION_RECORD_FIELD] : []), ...(options.extraRecordFields ?? [])].map((f) => localItem(f, locale)),
      columns: columns.map((c) => columnItem(c, locale)),
    },
    notStored: NOT_STORED.map((f) => localItem(f, locale)),
    inProgress: inProgressItem(locale, options.draftRetentionDays),
    quasiIdentifiers: [...qis.values()],
    freeText: columns.filter((c) => c.freeText).map((c) => columnItem(c, locale)),
    directIdentifiers: directIdentifiers(def, columns, locale),
  };
}
