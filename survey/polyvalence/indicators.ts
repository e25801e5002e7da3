/**
 * Indicators of the polyvalence survey: several per ANAS proposition (P1–P5), then the
 * workload and wellbeing chapters, where urban and rural practice are compared (blueprint §3), each by
 * `territory_3`. Variables are derived variables (derived.ts) or codebook columns.
 */
import { INDICATOR_TOPICS, type AnalysisPlan, type IndicatorDefinition, type IndicatorTopic, type PopulationCondition, type TopicDefinition, type WeightingPlan } from '../../analysis/definitions.js';
import { buildCodebook } from '../codebook.js';
import { COLLECTIVITIES } from './collectivities.js';
import { agreementVariable, polyvalenceDerived, PROPOSAL_AGREEMENT_ROWS } from './derived.js';
import { polyvalence } from './index.js';
import { TIME_ALLOCATION_ITEMS } from './questionnaire.js';

/** Grouping of every headline indicator: the form's three-class territory type. */
export const POLYVALENCE_GROUP_BY = 'territory_3';

/** Only consenting, eligible respondents are analysed; screened-out answers are stored but not counted. */
export const polyvalencePopulation: PopulationCondition[] = [
  { column: 'consent', values: ['yes'] },
  { column: 'eligible', values: ['yes'] },
];

const INDEX_1_5 = { fr: 'indice de 1 à 5', en: 'index from 1 to 5' };
const DK_EXCLUDED = { fr: ' Les réponses « Je ne sais pas » sont exclues.', en: ' "Don\'t know" answers are excluded.' };

function withDk(text: { fr: string; en: string }): { fr: string; en: string } {
  return { fr: text.fr + DK_EXCLUDED.fr, en: text.en + DK_EXCLUDED.en };
}

/** Report sections: the ANAS proposals (summarised for this survey, not ANAS's wording), then the workload and wellbeing chapters. */
export const polyvalenceTopics: Record<IndicatorTopic, TopicDefinition> = {
  P1: {
    title: { fr: 'Proposition 1 — Séparer la contractualisation obligatoire de l\'accompagnement social', en: 'Proposal 1 — Separate mandatory contracting from social support' },
    summary: {
      fr: 'Selon l\'ANAS, les contrats obligatoires (RSA) placent la relation dans une « aide contrainte ». Les indicateurs décrivent la place des contrats RSA dans l\'activité des répondant·es et la fréquence des situations d\'aide contrainte qu\'elles et ils rapportent.',
      en: 'According to ANAS, mandatory (RSA) contracts place the relationship in "constrained help". The indicators describe how much RSA contracts weigh in respondents\' work and how often they report constrained-help situations.',
    },
  },
  P2: {
    title: { fr: 'Proposition 2 — Décharger la polyvalence des évaluations d\'informations préoccupantes', en: 'Proposal 2 — Relieve polyvalence of child-protection (IP) evaluations' },
    summary: {
      fr: 'Selon l\'ANAS, confier les évaluations d\'IP au service qui accompagne les familles crée un double rôle et nuit à la confiance. Les indicateurs décrivent qui réalise ces évaluations et la défiance perçue par les répondant·es (perception des professionnel·les, non des familles).',
      en: 'According to ANAS, giving IP evaluations to the service that supports families creates a double role and harms trust. The indicators describe who carries out these evaluations and the distrust respondents perceive (professionals\' perceptions, not families\').',
    },
  },
  P3: {
    title: { fr: 'Proposition 3 — Former à l\'action collective (ISIC) les équipes et leurs cadres', en: 'Proposal 3 — Train teams and managers in collective work (ISIC)' },
    summary: {
      fr: 'Selon l\'ANAS, la pratique s\'est repliée sur l\'accompagnement individuel et une formation continue à l\'action collective devrait être obligatoire. Les indicateurs décrivent la pratique de l\'action collective et la formation reçue.',
      en: 'According to ANAS, practice has narrowed to individual support and continuing training in collective work should be compulsory. The indicators describe collective work and the training received.',
    },
  },
  P4: {
    title: { fr: 'Proposition 4 — Garantir un accueil inconditionnel par un·e travailleur·se social·e', en: 'Proposal 4 — Guarantee unconditional reception by a social worker' },
    summary: {
      fr: 'Selon l\'ANAS, le filtrage par le secrétariat, les questionnaires préalables et les réponses types remettent en cause l\'accueil inconditionnel. Les indicateurs décrivent l\'organisation de l\'accueil telle que la rapportent les répondant·es.',
      en: 'According to ANAS, filtering by the secretariat, prior questionnaires and standard answers undermine unconditional reception. The indicators describe reception as respondents report it.',
    },
  },
  P5: {
    title: { fr: 'Proposition 5 — Renoncer à l\'interchangeabilité des professions', en: 'Proposal 5 — Abandon the interchangeability of professions' },
    summary: {
      fr: 'Selon l\'ANAS, les postes sont définis par le grade ou la mission et les professions (AS, CESF, ES) traitées comme interchangeables. Les indicateurs décrivent l\'intitulé des postes et la perception de l\'interchangeabilité dans les équipes.',
      en: 'According to ANAS, posts are defined by grade or task and professions (AS, CESF, ES) are treated as interchangeable. The indicators describe post titles and perceived interchangeability in teams.',
    },
  },
  workload: {
    title: { fr: 'Charge de travail', en: 'Workload' },
    summary: {
      fr: 'Des praticien·nes décrivent des métiers différents en secteur rural et urbain. Ce chapitre décrit la charge d\'accompagnement, le délai d\'un premier rendez-vous, la répartition du temps de travail et la pratique généraliste, par type de territoire et sans ajustement ; il ne porte pas sur une proposition de l\'ANAS.',
      en: 'Practitioners describe different jobs in rural and urban sectors. This chapter describes caseload, the delay to a first appointment, the split of working time and generalist practice, by territory type and without adjustment; it does not bear on an ANAS proposal.',
    },
  },
  wellbeing: {
    title: { fr: 'Santé au travail', en: 'Wellbeing at work' },
    summary: {
      fr: 'Ce chapitre décrit l\'épuisement lié au travail (Copenhagen Burnout Inventory) et l\'intention de quitter la polyvalence de secteur, par type de territoire et sans ajustement. Ce sont des mesures déclarées, non des diagnostics.',
      en: 'This chapter describes work-related burnout (Copenhagen Burnout Inventory) and the intention to leave polyvalence de secteur, by territory type and without adjustment. These are self-reported measures, not diagnoses.',
    },
  },
};

const headlineIndicators: IndicatorDefinition[] = [
  {
    id: 'rsa_referent_share',
    map: true,
    supports: 'higher',
    proposition: 'P1',
    measure: 'share',
    variable: 'rsa_referent_any',
    title: { fr: 'Part des répondant·es référent·es RSA', en: 'Share of respondents who are RSA referents' },
    description: withDk({
      fr: 'Répondant·es référent·es de bénéficiaires du RSA avec l\'obligation d\'établir un contrat, pour une part importante de leur activité ou pour quelques personnes.',
      en: 'Respondents who are referents for RSA recipients with a duty to draw up a contract, as a large part of their work or for a few people.',
    }),
  },
  {
    id: 'aide_contrainte_mean',
    map: true,
    supports: 'higher',
    proposition: 'P1',
    measure: 'mean',
    variable: 'aide_contrainte_index',
    unit: INDEX_1_5,
    domain: [1, 5],
    title: { fr: 'Indice d\'aide contrainte (moyenne)', en: 'Constrained-help index (mean)' },
    description: {
      fr: 'Moyenne de la fréquence (1 « jamais » à 5 « toujours ») de quatre situations d\'aide contrainte, la liberté de refuser l\'accompagnement étant comptée à l\'envers ; au moins 3 réponses sur 4, « non concerné·e » exclu. Indice descriptif, non validé.',
      en: 'Mean frequency (1 "never" to 5 "always") of four constrained-help situations, the freedom to refuse support being reverse-scored; at least 3 of 4 answers, "not applicable" excluded. A descriptive, unvalidated index.',
    },
  },
  {
    id: 'ip_trust_concern_mean',
    map: true,
    supports: 'higher',
    proposition: 'P2',
    measure: 'mean',
    variable: 'ip_trust_concern_index',
    unit: INDEX_1_5,
    domain: [1, 5],
    title: { fr: 'Indice de défiance liée aux IP (moyenne)', en: 'IP-related distrust index (mean)' },
    description: {
      fr: 'Moyenne de l\'accord (1 « pas du tout d\'accord » à 5 « tout à fait d\'accord ») avec trois affirmations : des familles évitent le service par crainte d\'une IP, taisent des informations, confondent aide et contrôle ; au moins 2 réponses sur 3, « sans avis » exclu. Indice descriptif, non validé.',
      en: 'Mean agreement (1 "strongly disagree" to 5 "strongly agree") with three statements: families avoid the service for fear of an IP, hold back information, confuse support and control; at least 2 of 3 answers, "no opinion" excluded. A descriptive, unvalidated index.',
    },
  },
  {
    id: 'ip_by_polyvalence_share',
    map: true,
    supports: 'higher',
    proposition: 'P2',
    measure: 'share',
    variable: 'ip_by_polyvalence',
    title: { fr: 'Part des répondant·es dont l\'équipe de polyvalence évalue les IP', en: 'Share of respondents whose polyvalence team evaluates IPs' },
    description: withDk({
      fr: 'L\'équipe de polyvalence réalise toutes les évaluations d\'informations préoccupantes du secteur, ou une partie selon les situations.',
      en: 'The polyvalence team carries out all the sector\'s child-protection evaluations, or some depending on the case.',
    }),
  },
  {
    id: 'isic_active_share',
    map: true,
    supports: 'lower',
    proposition: 'P3',
    measure: 'share',
    variable: 'isic_active',
    title: { fr: 'Part des répondant·es ayant mené une action collective', en: 'Share of respondents who led collective work' },
    description: {
      fr: 'Répondant·es ayant piloté ou co-animé une action collective (ISIC) au cours des 12 derniers mois ; une simple participation n\'est pas comptée.',
      en: 'Respondents who led or co-led collective work (ISIC) in the last 12 months; merely taking part is not counted.',
    },
  },
  {
    id: 'isic_trained_share',
    map: true,
    supports: 'lower',
    proposition: 'P3',
    measure: 'share',
    variable: 'isic_trained',
    title: { fr: 'Part des répondant·es formé·es à l\'action collective depuis leur diplôme', en: 'Share of respondents trained in collective work since qualifying' },
    description: {
      fr: 'Formation continue sur l\'ISIC, le développement social local ou le diagnostic de territoire, quelle qu\'en soit la date.',
      en: 'Continuing training in ISIC, local social development or territorial diagnosis, whenever it took place.',
    },
  },
  {
    id: 'reception_filtering_share',
    map: true,
    supports: 'higher',
    proposition: 'P4',
    measure: 'share',
    variable: 'reception_nonts_decides',
    title: { fr: 'Part des répondant·es dont le service filtre l\'accueil au secrétariat', en: 'Share of respondents whose service filters reception at the secretariat' },
    description: withDk({
      fr: 'Le secrétariat ou l\'accueil (selon des critères), ou une plateforme centralisée, décide si la personne obtient un rendez-vous avec un·e travailleur·se social·e.',
      en: 'The secretariat or reception (using criteria), or a central platform, decides whether the person gets an appointment with a social worker.',
    }),
  },
  {
    id: 'reason_required_share',
    map: true,
    supports: 'higher',
    proposition: 'P4',
    measure: 'share',
    variable: 'reception_reason_required',
    title: { fr: 'Part des répondant·es pour qui le motif doit être exposé à l\'accueil', en: 'Share of respondents where the reason must be given at reception' },
    description: withDk({
      fr: 'Pour obtenir un rendez-vous, la personne doit souvent ou toujours exposer le motif de sa demande au secrétariat ou à l\'accueil.',
      en: 'To get an appointment, the person often or always has to state the reason for the request to the secretariat or reception.',
    }),
  },
  {
    id: 'generic_post_share',
    map: true,
    supports: 'higher',
    proposition: 'P5',
    measure: 'share',
    variable: 'generic_post',
    title: { fr: 'Part des répondant·es dont le poste n\'est pas intitulé par leur profession', en: 'Share of respondents whose post is not named after their profession' },
    description: withDk({
      fr: 'Poste intitulé de façon générique (« travailleur·se social·e »), par le grade (« assistant·e socio-éducatif·ve ») ou par une mission (« référent·e RSA »…).',
      en: 'Post named generically ("social worker"), by civil-service grade or by a task ("RSA referent"…).',
    }),
  },
  {
    id: 'interchangeability_mean',
    map: true,
    supports: 'higher',
    proposition: 'P5',
    measure: 'mean',
    variable: 'interchangeability_index',
    unit: INDEX_1_5,
    domain: [1, 5],
    title: { fr: 'Indice d\'interchangeabilité des professions (moyenne)', en: 'Interchangeability-of-professions index (mean)' },
    description: {
      fr: 'Moyenne de l\'accord (1 à 5) avec « les professions sont considérées comme interchangeables » et, à l\'envers, « l\'organisation s\'appuie sur les compétences propres de chaque profession » ; les deux réponses requises. Indice descriptif, non validé.',
      en: 'Mean agreement (1 to 5) with "professions are treated as interchangeable" and, reverse-scored, "the organisation builds on each profession\'s own skills"; both answers required. A descriptive, unvalidated index.',
    },
  },
  {
    id: 'caseload_per_fte_mean',
    map: true,
    supports: 'higher',
    proposition: 'workload',
    measure: 'mean',
    variable: 'caseload_per_fte',
    unit: { fr: 'ménages par ETP', en: 'households per FTE' },
    title: { fr: 'File active par équivalent temps plein (moyenne)', en: 'Active caseload per full-time equivalent (mean)' },
    description: {
      fr: 'Ménages accompagnés actuellement (au moins un contact ou une démarche en 3 mois), divisés par la quotité de travail (100 % = 1 ; 50 à 79 % = 0,65 ; moins de 50 % = 0,4).',
      en: 'Households currently supported (at least one contact or action in 3 months), divided by the working-time ratio (100% = 1; 50–79% = 0.65; under 50% = 0.4).',
    },
  },
  {
    id: 'generalist_index_mean',
    map: true,
    supports: 'lower',
    proposition: 'workload',
    measure: 'mean',
    variable: 'generalist_index',
    unit: INDEX_1_5,
    domain: [1, 5],
    title: { fr: 'Indice de pratique généraliste (moyenne)', en: 'Generalist-practice index (mean)' },
    description: {
      fr: 'Moyenne de la fréquence (1 à 5) à laquelle les personnes peuvent aborder tout sujet, une évaluation globale est réalisée, l\'accompagnement dure plus de 6 mois, et, à l\'envers, le temps ne permet que les urgences ; au moins 3 réponses sur 4. Indice descriptif, non validé.',
      en: 'Mean frequency (1 to 5) with which people can raise any topic, a global assessment is made, support lasts over 6 months, and, reverse-scored, there is only time for emergencies; at least 3 of 4 answers. A descriptive, unvalidated index.',
    },
  },
  {
    id: 'cbi_work_score_mean',
    map: true,
    supports: 'higher',
    proposition: 'wellbeing',
    measure: 'mean',
    variable: 'cbi_work_score',
    unit: { fr: 'score de 0 à 100', en: 'score from 0 to 100' },
    domain: [0, 100],
    title: { fr: 'Épuisement lié au travail, score CBI (moyenne)', en: 'Work-related burnout, CBI score (mean)' },
    description: {
      fr: 'Score de la sous-échelle « épuisement lié au travail » du Copenhagen Burnout Inventory (7 questions, traduction de travail non validée), de 0 à 100 ; au moins 4 réponses sur 7. Ce n\'est pas un seuil clinique.',
      en: 'Work-related burnout subscale of the Copenhagen Burnout Inventory (7 items, unvalidated working translation), from 0 to 100; at least 4 of 7 answers. Not a clinical threshold.',
    },
  },
];

/** Statements of the opinion matrix, read from the questionnaire's codebook (never retyped). */
const codebook = buildCodebook(polyvalence);

/** "Agrees (4–5) with proposal N": one indicator per row of the opinion matrix, P1 to P5 in order. */
function agreementIndicator(row: string, index: number): IndicatorDefinition {
  const column = codebook.columns.find((c) => c.name === `prop_agree.${row}`);
  if (!column?.itemLabel) throw new Error(`questionnaire: no opinion row "${row}"`);
  const topic = `P${index + 1}` as IndicatorTopic;
  return {
    id: `${agreementVariable(row)}_share`,
    proposition: topic,
    supports: 'higher',
    measure: 'share',
    variable: agreementVariable(row),
    title: { fr: `Part des répondant·es d'accord avec l'orientation de la proposition ${index + 1}`, en: `Share of respondents who agree with the direction of proposal ${index + 1}` },
    description: {
      fr: `« ${column.itemLabel.fr} » — « plutôt d'accord » ou « tout à fait d'accord » ; « sans avis » exclu. Opinion des répondant·es, non une mesure des pratiques.`,
      en: `"${column.itemLabel.en}" — "agree" or "strongly agree"; "no opinion" excluded. Respondents' opinion, not a measure of practice.`,
    },
  };
}

/** Indicators added to each proposition beyond the headline pair (blueprint §3). */
const furtherIndicators: IndicatorDefinition[] = [
  {
    id: 'contract_in_support_share',
    supports: 'higher',
    proposition: 'P1',
    measure: 'share',
    variable: 'contract_in_support',
    title: { fr: 'Part des référent·es RSA qui établissent le contrat dans l\'accompagnement', en: 'Share of RSA referents who draw up the contract within support' },
    description: {
      fr: 'Parmi les référent·es RSA : le contrat est établi dans les mêmes entretiens que l\'accompagnement, ou surtout dans ces entretiens.',
      en: 'Among RSA referents: the contract is drawn up in the same interviews as support, or mostly in them.',
    },
  },
  {
    id: 'ip_known_half_plus_share',
    supports: 'higher',
    proposition: 'P2',
    measure: 'share',
    variable: 'ip_known_half_plus',
    title: { fr: 'Part des répondant·es dont au moins la moitié des évaluations d\'IP concernent des familles déjà suivies', en: 'Share of respondents for whom at least half of IP evaluations concern families already supported' },
    description: {
      fr: 'Parmi les répondant·es qui réalisent des évaluations d\'IP : environ la moitié, la plupart ou toutes concernent des familles que le service accompagnait déjà.',
      en: 'Among respondents who carry out IP evaluations: about half, most or all concern families the service already supported.',
    },
  },
  {
    id: 'share_collective_mean',
    supports: 'lower',
    proposition: 'P3',
    measure: 'mean',
    variable: 'share_collective',
    unit: { fr: '% du temps de travail', en: '% of working time' },
    domain: [0, 100],
    title: { fr: 'Part du temps consacrée à l\'action collective (moyenne)', en: 'Share of working time spent on collective work (mean)' },
    description: {
      fr: 'Part du temps de travail déclarée pour l\'action collective et le travail de territoire, les six postes de la répartition ramenés à un total de 100 %.',
      en: 'Share of working time reported for collective and territorial work, the six items of the time allocation rescaled to sum to 100%.',
    },
  },
  {
    id: 'refusals_repeated_share',
    supports: 'higher',
    proposition: 'P4',
    measure: 'share',
    variable: 'refusals_repeated',
    title: { fr: 'Part des répondant·es dont le service a refusé plusieurs demandes de rendez-vous en 3 mois', en: 'Share of respondents whose service turned down several appointment requests in 3 months' },
    description: withDk({
      fr: 'Au cours des trois derniers mois, plusieurs refus, ou des refus fréquents, de rendez-vous avec un·e travailleur·se social·e.',
      en: 'In the last three months, several or frequent refusals of an appointment with a social worker.',
    }),
  },
  {
    id: 'pre_questionnaire_share',
    supports: 'higher',
    proposition: 'P4',
    measure: 'share',
    variable: 'pre_questionnaire_any',
    title: { fr: 'Part des répondant·es dont le service impose un questionnaire préalable', en: 'Share of respondents whose service requires a prior questionnaire' },
    description: withDk({
      fr: 'Un questionnaire ou une grille est rempli avant tout rendez-vous, pour toutes les demandes ou pour certaines.',
      en: 'A questionnaire or form is filled in before any appointment, for all requests or for some.',
    }),
  },
];

/** One mean share of working time per item of the allocation (B4), titled by the questionnaire's own item label. */
function timeShareIndicator(item: string): IndicatorDefinition {
  const column = codebook.columns.find((c) => c.name === `time_alloc.${item}`);
  if (!column?.itemLabel) throw new Error(`questionnaire: no time-allocation item "${item}"`);
  return {
    id: `share_${item}_mean`,
    proposition: 'workload',
    measure: 'mean',
    variable: `share_${item}`,
    unit: { fr: '% du temps de travail', en: '% of working time' },
    domain: [0, 100],
    title: { fr: `Part du temps : ${column.itemLabel.fr} (moyenne)`, en: `Share of time: ${column.itemLabel.en} (mean)` },
    description: {
      fr: 'Part déclarée du temps de travail d\'une semaine habituelle, les six postes de la répartition ramenés à un total de 100 %.',
      en: 'Reported share of working time in a typical week, the six items of the allocation rescaled to sum to 100%.',
    },
  };
}

/**
 * Indicators of the workload and wellbeing chapters beyond the headline ones (blueprint
 * §2–3). They describe; only those the practitioners' hypotheses name carry a direction.
 * Collective work's share of time is reported under P3.
 */
const chapterIndicators: IndicatorDefinition[] = [
  {
    id: 'delay_first_appt_mean',
    proposition: 'workload',
    measure: 'mean',
    variable: 'delay_first_appt_days',
    quantiles: [0.5, 0.75],
    unit: { fr: 'jours', en: 'days' },
    title: { fr: 'Délai d\'un premier rendez-vous non urgent (moyenne)', en: 'Delay to a first non-urgent appointment (mean)' },
    description: {
      fr: 'Nombre de jours calendaires avant qu\'une personne demandant aujourd\'hui un premier rendez-vous non urgent puisse être reçue, selon la ou le répondant·e. Une moyenne est tirée vers le haut par les délais très longs : la médiane, le 3e quartile et la part au-delà de 30 jours la complètent.',
      en: 'Calendar days before someone asking today for a first non-urgent appointment could be seen, according to the respondent. A mean is pulled up by very long delays: the median, the third quartile and the share over 30 days complement it.',
    },
  },
  {
    id: 'delay_gt30_share',
    proposition: 'workload',
    map: true,
    measure: 'share',
    variable: 'delay_gt30',
    title: { fr: 'Part des répondant·es dont le premier rendez-vous est à plus de 30 jours', en: 'Share of respondents whose first appointment is more than 30 days away' },
    description: {
      fr: 'Premier rendez-vous non urgent possible dans plus de 30 jours calendaires ; les répondant·es qui n\'ont pas pu estimer le délai sont exclu·es.',
      en: 'First non-urgent appointment possible in more than 30 calendar days; respondents who could not estimate the delay are excluded.',
    },
  },
  ...TIME_ALLOCATION_ITEMS.filter((item) => item !== 'collective').map(timeShareIndicator),
  {
    id: 'overtime_any_share',
    proposition: 'workload',
    measure: 'share',
    variable: 'overtime_any',
    title: { fr: 'Part des répondant·es travaillant au moins une heure de plus par semaine', en: 'Share of respondents working at least one extra hour a week' },
    description: {
      fr: 'En moyenne, au moins une heure par semaine au-delà des obligations horaires, y compris les heures écrêtées ou non récupérées.',
      en: 'On average, at least one hour a week beyond contractual hours, including hours lost to time-recording caps or not recovered.',
    },
  },
  {
    id: 'unmet_followups_share',
    proposition: 'workload',
    measure: 'share',
    variable: 'unmet_followups_frequent',
    title: { fr: 'Part des répondant·es reportant souvent des accompagnements faute de temps', en: 'Share of respondents often postponing support for lack of time' },
    description: {
      fr: 'Au cours des 4 dernières semaines, souvent ou très souvent reporté ou renoncé à des accompagnements jugés nécessaires, faute de temps.',
      en: 'In the last 4 weeks, often or very often postponed or gave up support considered necessary, for lack of time.',
    },
  },
  {
    id: 'covering_vacant_share',
    proposition: 'workload',
    measure: 'share',
    variable: 'covering_vacant_any',
    title: { fr: 'Part des répondant·es couvrant aussi un secteur vacant', en: 'Share of respondents also covering a vacant sector' },
    description: {
      fr: 'En plus de leur secteur, tout ou partie d\'un secteur vacant (poste non pourvu, absence longue).',
      en: 'In addition to their own sector, all or part of a vacant sector (unfilled post, long absence).',
    },
  },
  {
    id: 'cbi_work_high_share',
    proposition: 'wellbeing',
    supports: 'higher',
    measure: 'share',
    variable: 'cbi_work_high',
    title: { fr: 'Part des répondant·es avec un score d\'épuisement lié au travail de 50 ou plus', en: 'Share of respondents with a work-related burnout score of 50 or more' },
    description: {
      fr: 'Score CBI « épuisement lié au travail » d\'au moins 50 sur 100, seuil descriptif usuel de cet instrument ; ce n\'est pas un diagnostic.',
      en: 'CBI work-related burnout score of at least 50 out of 100, a descriptive cut-off commonly used with this instrument; not a diagnosis.',
    },
  },
  {
    id: 'intent_leave_share',
    proposition: 'wellbeing',
    measure: 'share',
    variable: 'intent_leave_any',
    title: { fr: 'Part des répondant·es envisageant de quitter la polyvalence d\'ici 2 ans', en: 'Share of respondents considering leaving polyvalence within 2 years' },
    description: {
      fr: 'Pour un autre poste du travail social ou pour quitter le travail social ; « je ne sais pas encore » compte comme non.',
      en: 'For another social-work post or to leave social work; "not sure yet" counts as no.',
    },
  },
];

/** Every indicator of the plan, by topic in report order. */
export const polyvalenceIndicators: IndicatorDefinition[] = [
  ...headlineIndicators,
  ...furtherIndicators,
  ...chapterIndicators,
  ...PROPOSAL_AGREEMENT_ROWS.map(agreementIndicator),
].sort((a, b) => INDICATOR_TOPICS.indexOf(a.proposition) - INDICATOR_TOPICS.indexOf(b.proposition));

/**
 * Weighting of the polyvalence survey (blueprint §6.4): post-stratification on the
 * collectivity, each collectivity its own cell from 20 respondents, smaller ones pooled by
 * region, with the respondents who gave their region only.
 */
export const polyvalenceWeighting: WeightingPlan = {
  column: 'dept_code',
  coarsen: Object.fromEntries(COLLECTIVITIES.map((c) => [c.code, c.region])),
  coarseColumn: 'region_code',
  minRespondents: 20,
};

/** The analysis plan of the polyvalence questionnaire, as reports/ consume it. */
export const polyvalencePlan: AnalysisPlan = {
  texts: {
    introduction: {
      fr: 'Ce rapport présente les résultats de l\'enquête anonyme sur les pratiques des travailleur·ses sociaux·ales en polyvalence de secteur. Les indicateurs sont regroupés selon les cinq propositions publiées par l\'ANAS en 2014 pour la polyvalence de secteur, puis dans deux chapitres sur la charge de travail et la santé au travail, et présentés par type de territoire (rural, périurbain, urbain). Ils décrivent les pratiques et l\'organisation telles que les répondant·es les rapportent ; à eux seuls, ils ne confirment ni n\'infirment une proposition.',
      en: 'This report presents the results of the anonymous survey of social workers\' practice in polyvalence de secteur. The indicators are grouped under the five proposals published by ANAS in 2014 for polyvalence de secteur, then in two chapters on workload and wellbeing at work, and shown by territory type (rural, peri-urban, urban). They describe practice and organisation as respondents report them; on their own they neither confirm nor refute a proposal.',
    },
    population: {
      fr: 'les répondant·es qui ont accepté de participer et exercent en polyvalence de secteur sur un poste d\'accompagnement',
      en: 'respondents who agreed to take part and work in polyvalence de secteur in a post that involves supporting people',
    },
  },
  population: polyvalencePopulation,
  derived: polyvalenceDerived,
  indicators: polyvalenceIndicators,
  topics: polyvalenceTopics,
  by: POLYVALENCE_GROUP_BY,
  comparisons: {
    territory: { column: POLYVALENCE_GROUP_BY, groups: ['rural', 'urban'] },
    departement: 'dept_code',
    notDepartements: ['region_only'],
    profession: 'profession',
  },
  weighting: polyvalenceWeighting,
};
