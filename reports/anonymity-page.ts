/**
 * The anonymity page respondents can read before answering: what one stored answer
 * contains, what is never stored, which answers could help recognise someone and how
 * published tables protect them, and what happens to free texts. Generated from the
 * questionnaire (survey/anonymity.ts), so it always matches the schema; plain HTML, no
 * script, every interpolated string escaped.
 */
import { DEFAULT_THRESHOLD } from '../analysis/indicators.js';
import { describeStoredData, type ExtraRecordField, type StoredDataDescription } from '../survey/anonymity.js';
import type { BilingualText, Locale, QuestionnaireDefinition } from '../survey/types.js';
import { htmlDocument, quote } from './document.js';
import { escapeHtml as esc, formatCount, formatDay } from './format.js';

export interface AnonymityPageOptions {
  locale?: Locale;
  /** Disclosure threshold of published tables (default 5). */
  threshold?: number;
  /** Address of the same page in the other language, shown as a link when given. */
  otherLocaleHref?: string;
  /** The campaign has local sections with their own link (the section used is stored with each answer). */
  sections?: boolean;
  /** How long drafts saved under a resume code are kept, in days. */
  draftRetentionDays?: number;
  /** Fields the server stores beside each answer in addition to the standard record. */
  extraRecordFields?: readonly ExtraRecordField[];
}

const T = {
  title: { fr: 'Vos données : ce qui est enregistré, ce qui ne l’est pas', en: 'Your data: what is stored and what is not' },
  kicker: { fr: 'Anonymat', en: 'Anonymity' },
  lead: {
    fr: 'Cette page est produite à partir du questionnaire lui-même : chaque question y figure avec la colonne où sa réponse est rangée. Si le questionnaire change, cette page change avec lui.',
    en: 'This page is generated from the questionnaire itself: every question appears with the column its answer is stored in. If the questionnaire changes, this page changes with it.',
  },
  contents: { fr: 'Sur cette page', en: 'On this page' },
  storedTitle: { fr: 'Ce qu’une réponse enregistrée contient', en: 'What a stored answer contains' },
  storedIntro: { fr: 'Quand vous envoyez le questionnaire, une seule ligne est enregistrée. Elle contient :', en: 'When you send the questionnaire, a single row is stored. It contains:' },
  answersIntroBefore: { fr: 'et vos réponses, une colonne par réponse possible (', en: 'and your answers, one column per possible answer (' },
  answersIntroAfter: { fr: 'colonnes). Une question que vous n’avez pas vue, ou à laquelle vous n’avez pas répondu, reste vide.', en: 'columns). A question you did not see, or did not answer, stays empty.' },
  columnsCaption: { fr: 'Colonnes d’une réponse enregistrée', en: 'Columns of a stored answer' },
  column: { fr: 'Colonne', en: 'Column' },
  question: { fr: 'Question', en: 'Question' },
  content: { fr: 'Contenu', en: 'Content' },
  qiHead: { fr: 'Quasi-identifiant', en: 'Quasi-identifier' },
  notStoredTitle: { fr: 'Ce qui n’est jamais enregistré', en: 'What is never stored' },
  inProgressTitle: { fr: 'Avant l’envoi', en: 'Before you send' },
  directTitle: { fr: 'Attention : questions qui identifient directement', en: 'Warning: questions that identify directly' },
  directIntro: {
    fr: 'Ce questionnaire demande une information qui permet de joindre ou de reconnaître directement une personne. Elle est enregistrée avec la réponse ; ne la donnez que si vous l’acceptez.',
    en: 'This questionnaire asks for information that makes it possible to contact or recognise a person directly. It is stored with the answer; give it only if you agree to.',
  },
  qiTitle: { fr: 'Les réponses qui pourraient aider à vous reconnaître', en: 'Answers that could help recognise you' },
  qiIntro: {
    fr: 'Sans vous nommer, certaines réponses pourraient aider à reconnaître une personne lorsqu’elles sont combinées (par exemple un département et une profession peu représentée). Le questionnaire les marque comme « quasi-identifiants » :',
    en: 'Without naming you, some answers could help recognise a person when combined (for example a département and a rare profession). The questionnaire marks them as "quasi-identifiers":',
  },
  qiNone: { fr: 'Ce questionnaire ne marque aucune question comme quasi-identifiant.', en: 'This questionnaire marks no question as a quasi-identifier.' },
  qiCaption: { fr: 'Questions marquées comme quasi-identifiants', en: 'Questions marked as quasi-identifiers' },
  columns: { fr: 'Colonnes', en: 'Columns' },
  level: { fr: 'Niveau', en: 'Level' },
  protectionBefore: { fr: 'Aucun tableau ni graphique publié ne montre un groupe de moins de', en: 'No published table or chart shows a group of fewer than' },
  protectionAfter: {
    fr: 'personnes : la valeur est remplacée par « effectif insuffisant ». Quand une valeur masquée pourrait être retrouvée par soustraction à partir du total, une autre valeur est masquée aussi.',
    en: 'people: the value is replaced by "too few respondents". When a hidden value could be worked out by subtraction from the total, another value is hidden too.',
  },
  access: {
    fr: 'Les réponses détaillées ne sont accessibles qu’aux organisateurs et organisatrices de l’enquête, après identification.',
    en: 'Detailed answers are available only to the survey organisers, after they sign in.',
  },
  freeTitle: { fr: 'Les textes libres', en: 'Free texts' },
  freeIntro: {
    fr: 'Les réponses écrites librement ne sont jamais publiées telles quelles. Avant tout partage, elles sont relues et tout ce qui pourrait permettre de reconnaître quelqu’un (nom, lieu, date, événement rare) en est retiré. Évitez d’y écrire des noms. Ce questionnaire contient ces réponses libres :',
    en: 'Answers written freely are never published as they are. Before any sharing, they are read and anything that could help recognise someone (name, place, date, rare event) is removed. Avoid writing names in them. This questionnaire holds these free answers:',
  },
  freeNone: { fr: 'Ce questionnaire ne contient aucune question à réponse libre.', en: 'This questionnaire holds no free-text question.' },
  footerQuestionnaire: { fr: 'Questionnaire', en: 'Questionnaire' },
  identifier: { fr: 'identifiant', en: 'identifier' },
  version: { fr: 'version', en: 'version' },
  of: { fr: 'du', en: 'of' },
  thresholdLabel: { fr: 'Seuil de diffusion :', en: 'Disclosure threshold:' },
  people: { fr: 'personnes', en: 'people' },
  none: { fr: 'non', en: 'no' },
  otherLocale: { fr: 'English version', en: 'Version française' },
} satisfies Record<string, BilingualText>;

const STYLE = `
dt { font-weight: 600; margin-top: .6rem; }
dd { margin-left: 1.25rem; }
code { font-family: ui-monospace, "SFMono-Regular", Menlo, monospace; font-size: .9em; overflow-wrap: anywhere; }
.warning { border-left: 4px solid #8a1c1c; padding: .25rem 1rem; background: #fbeeee; }
`;

function assertThreshold(threshold: number): void {
  if (!(Number.isInteger(threshold) && threshold >= 1)) throw new RangeError(`anonymityPageHtml: threshold must be a positive integer, got ${threshold}`);
}

/**
 * The page's content (header, main, footer), for a caller that frames it in its own
 * layout. Same texts and escaping as anonymityPageHtml().
 * @param description From describeStoredData().
 */
export function anonymityPageBody(description: StoredDataDescription, options: { threshold?: number; otherLocaleHref?: string } = {}): string {
  const locale = description.locale;
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  assertThreshold(threshold);
  const d = description;
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  const q = d.questionnaire;
  const toc: [string, string][] = [
    ['enregistre', T.storedTitle[locale]],
    ['jamais-enregistre', T.notStoredTitle[locale]],
    ['avant-envoi', T.inProgressTitle[locale]],
    ...(d.directIdentifiers.length ? [['identification-directe', T.directTitle[locale]] as [string, string]] : []),
    ['quasi-identifiants', T.qiTitle[locale]],
    ['textes-libres', T.freeTitle[locale]],
  ];
  const columnRows = d.stored.columns.map((c) => `<tr><td><code>${esc(c.name)}</code></td><td>${esc(c.label)}</td><td>${esc(c.kindLabel)}</td><td>${esc(c.qiLabel ?? T.none[locale])}</td></tr>`);
  const qiRows = d.quasiIdentifiers.map((x) => `<tr><td>${esc(x.label)}</td><td>${x.columns.map((c) => `<code>${esc(c)}</code>`).join(', ')}</td><td>${esc(x.strengthLabel)}</td></tr>`);

  return `<header>
<p class="kicker">${esc(T.kicker[locale])}</p>
<h1>${esc(T.title[locale])}</h1>
<p>${esc(T.footerQuestionnaire[locale])} ${esc(quote(q.title, locale))}, ${esc(T.version[locale])} ${esc(q.version)} ${esc(T.of[locale])} ${esc(formatDay(q.date, locale))}.</p>
${options.otherLocaleHref ? `<p><a href="${esc(options.otherLocaleHref)}" hreflang="${other}" lang="${other}">${esc(T.otherLocale[locale])}</a></p>\n` : ''}</header>
<main>
<p>${esc(T.lead[locale])}</p>
<nav aria-label="${esc(T.contents[locale])}">
<ul>
${toc.map(([id, title]) => `<li><a href="#${id}">${esc(title)}</a></li>`).join('\n')}
</ul>
</nav>
<section id="enregistre" aria-labelledby="h-enregistre">
<h2 id="h-enregistre">${esc(T.storedTitle[locale])}</h2>
<p>${esc(T.storedIntro[locale])}</p>
<dl>
${d.stored.record.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.detail)}</dd>`).join('\n')}
</dl>
<p>${esc(T.answersIntroBefore[locale])}${esc(formatCount(d.stored.columns.length, locale))} ${esc(T.answersIntroAfter[locale])}</p>
<div class="table-wrap">
<table>
<caption>${esc(T.columnsCaption[locale])}</caption>
<thead><tr><th scope="col">${esc(T.column[locale])}</th><th scope="col">${esc(T.question[locale])}</th><th scope="col">${esc(T.content[locale])}</th><th scope="col">${esc(T.qiHead[locale])}</th></tr></thead>
<tbody>
${columnRows.join('\n')}
</tbody>
</table>
</div>
</section>
<section id="jamais-enregistre" aria-labelledby="h-jamais-enregistre">
<h2 id="h-jamais-enregistre">${esc(T.notStoredTitle[locale])}</h2>
<dl>
${d.notStored.map((f) => `<dt>${esc(f.label)}</dt><dd>${esc(f.detail)}</dd>`).join('\n')}
</dl>
</section>
<section id="avant-envoi" aria-labelledby="h-avant-envoi">
<h2 id="h-avant-envoi">${esc(T.inProgressTitle[locale])}</h2>
<p>${esc(d.inProgress.detail)}</p>
</section>
${d.directIdentifiers.length ? `<section id="identification-directe" class="warning" aria-labelledby="h-identification-directe">
<h2 id="h-identification-directe">${esc(T.directTitle[locale])}</h2>
<p>${esc(T.directIntro[locale])}</p>
<ul>
${d.directIdentifiers.map((x) => `<li>${esc(x.label)} (<code>${esc(x.question)}</code>)</li>`).join('\n')}
</ul>
</section>
` : ''}<section id="quasi-identifiants" aria-labelledby="h-quasi-identifiants">
<h2 id="h-quasi-identifiants">${esc(T.qiTitle[locale])}</h2>
${d.quasiIdentifiers.length ? `<p>${esc(T.qiIntro[locale])}</p>
<div class="table-wrap">
<table>
<caption>${esc(T.qiCaption[locale])}</caption>
<thead><tr><th scope="col">${esc(T.question[locale])}</th><th scope="col">${esc(T.columns[locale])}</th><th scope="col">${esc(T.level[locale])}</th></tr></thead>
<tbody>
${qiRows.join('\n')}
</tbody>
</table>
</div>` : `<p>${esc(T.qiNone[locale])}</p>`}
<p>${esc(T.protectionBefore[locale])} ${threshold} ${esc(T.protectionAfter[locale])}</p>
<p>${esc(T.access[locale])}</p>
</section>
<section id="textes-libres" aria-labelledby="h-textes-libres">
<h2 id="h-textes-libres">${esc(T.freeTitle[locale])}</h2>
${d.freeText.length ? `<p>${esc(T.freeIntro[locale])}</p>
<ul>
${d.freeText.map((c) => `<li>${esc(c.label)} (<code>${esc(c.name)}</code>)</li>`).join('\n')}
</ul>` : `<p>${esc(T.freeNone[locale])}</p>`}
</section>
</main>
<footer>
<p>${esc(T.footerQuestionnaire[locale])} ${esc(quote(q.title, locale))} (${esc(T.identifier[locale])} ${esc(q.id)}, ${esc(T.version[locale])} ${esc(q.version)} ${esc(T.of[locale])} ${esc(formatDay(q.date, locale))}). ${esc(T.thresholdLabel[locale])} ${threshold} ${esc(T.people[locale])}.</p>
</footer>`;
}

/**
 * The complete anonymity page of a questionnaire, French by default.
 * @param def The questionnaire version answers are collected with.
 * @param options Language, disclosure threshold (default 5), link to the other language,
 *   whether the campaign stores the local section of the link, how long drafts are kept,
 *   extra fields the server stores with each answer.
 * @returns A standalone HTML document (inline style, no script).
 */
export function anonymityPageHtml(def: QuestionnaireDefinition, options: AnonymityPageOptions = {}): string {
  const locale = options.locale ?? 'fr';
  const description = describeStoredData(def, locale, { sections: options.sections, draftRetentionDays: options.draftRetentionDays, extraRecordFields: options.extraRecordFields });
  const body = anonymityPageBody(description, { threshold: options.threshold, otherLocaleHref: options.otherLocaleHref });
  return htmlDocument({ locale, title: `${T.title[locale]} — ${description.questionnaire.title}`, body, style: STYLE });
}
