/**
 * The polyvalence questionnaire (blueprint v0.1), as SurveyJS JSON.
 * Names and choice values are stable: never rename one after fielding starts; add new
 * ones and bump the version instead. `qi` tags quasi-identifiers (blueprint §5).
 */
import { loc } from '../localize.js';
import { DISCLOSURE_THRESHOLD, type SurveyJson, type SurveyPageJson } from '../types.js';
import {
  CBI_DEGREE, CBI_FREQUENCY, MATRIX_AGREEMENT, MATRIX_FREQUENCY, YES_NO_DK,
  ch, checkbox, comment, frequency5, intro, matrix, numberQ, radio, rating, same,
} from './build.js';
import { COLLECTIVITIES, REGIONS } from './collectivities.js';

/** Shown on every page after the introduction: only consenting, eligible respondents go on. */
export const ELIGIBLE = "{consent} = 'yes' and {eligible} = 'yes'";

const SECRECY_FR = 'Ne mentionnez aucune information permettant d’identifier une personne ou une famille accompagnée (secret professionnel, art. L411-3 CASF) ni un·e collègue.';
const SECRECY_EN = 'Do not mention anything that could identify a person or family you support (professional secrecy) or a colleague.';

const TERRITORY_CHOICES = [
  ch('urban_dense', 'Grand centre urbain : quartiers d’une grande ville ou de sa banlieue dense (immeubles, forte densité)', 'Large urban centre: neighbourhoods of a big city or its dense suburbs'),
  ch('urban_intermediate', 'Ville moyenne ou petite ville, ou ceinture urbaine : densité intermédiaire', 'Medium or small town, or urban belt: intermediate density'),
  ch('periurban', 'Périurbain : communes peu denses situées sous l’influence d’une agglomération, où une grande partie des actifs travaille dans la ville', 'Peri-urban: low-density communes within a city’s commuting zone'),
  ch('rural', 'Rural : bourgs et communes peu ou très peu denses, hors influence d’une grande agglomération', 'Rural: villages and low or very low density communes outside a large city’s commuting zone'),
];

const TIME_ITEMS: [string, string, string][] = [
  ['isap', 'Entretiens, visites et accompagnement individuel (hors IP et contrats RSA)', 'Individual interviews, visits and support (excluding IP and RSA contracts)'],
  ['admin', 'Tâches administratives : dossiers, formulaires, saisie informatique, statistiques, courriers', 'Administrative tasks: files, forms, data entry, statistics, letters'],
  ['ip', 'Évaluations d’informations préoccupantes (visites, écrits, synthèses)', 'Evaluations following child-protection reports (IP): visits, reports'],
  ['rsa', 'Orientation et contrats RSA (CER / contrat d’engagement), équipes pluridisciplinaires', 'RSA orientation and contracts, multidisciplinary panels'],
  ['collective', 'Actions collectives (ISIC), partenariat, diagnostic de territoire', 'Collective work (ISIC), partnership, territorial diagnosis'],
  ['other', 'Autre : réunions d’équipe, analyse de pratiques, formation, trajets', 'Other: team meetings, supervision, training, travel'],
];
/** Names of the time-allocation items (B4), for the analysis's shares and total. */
export const TIME_ALLOCATION_ITEMS: readonly string[] = TIME_ITEMS.map(([n]) => n);
const TIME_SUM = `sum(${TIME_ALLOCATION_ITEMS.map((n) => `{time_alloc.${n}}`).join(', ')})`;

const RSA_REFERENT = "{rsa_referent} anyof ['yes_main', 'yes_some']";

function page(name: string, fr: string, en: string, elements: SurveyPageJson['elements']): SurveyPageJson {
  return { name, title: loc(fr, en), visibleIf: ELIGIBLE, elements };
}

const p0: SurveyPageJson = {
  name: 'p0_intro',
  title: loc('Présentation de l’enquête', 'About this survey'),
  elements: [
    {
      type: 'html',
      name: 'intro_html',
      html: loc(
        '<p>Cette enquête porte sur les pratiques des travailleur·ses sociaux·ales en polyvalence de secteur : accueil, charge de travail, accompagnement, travail collectif, composition des équipes et conditions d’exercice, en milieu urbain comme rural.</p>'
        + '<p><strong>Responsable du traitement :</strong> l’association organisatrice de l’enquête (ANAS). <strong>Finalité :</strong> produire des statistiques anonymes sur l’exercice de la polyvalence de secteur.</p>'
        + `<p>La participation est <strong>volontaire et anonyme</strong> : aucun nom, aucune adresse électronique, <strong>aucune adresse IP</strong> et aucune heure de réponse ne sont enregistrés ; seule la date du jour est conservée. Aucun résultat n’est publié pour un groupe de moins de ${DISCLOSURE_THRESHOLD} personnes. Le questionnaire prend <strong>15 à 20 minutes</strong>. Vous pouvez arrêter à tout moment.</p>`
        + '<p>Pour toute question ou pour exercer vos droits (RGPD), contactez l’association organisatrice.</p>'
        + `<p><strong>${SECRECY_FR}</strong></p>`,
        '<p>This survey is about the practice of social workers in <em>polyvalence de secteur</em>: reception, workload, support, collective work, team composition and working conditions, in urban and rural areas alike.</p>'
        + '<p><strong>Controller:</strong> the association organising the survey (ANAS). <strong>Purpose:</strong> to produce anonymous statistics on practice in polyvalence de secteur.</p>'
        + `<p>Taking part is <strong>voluntary and anonymous</strong>: no name, no e-mail address, <strong>no IP address</strong> and no time of answer are stored; only the day is kept. No result is published for a group of fewer than ${DISCLOSURE_THRESHOLD} people. The questionnaire takes <strong>15 to 20 minutes</strong>. You can stop at any time.</p>`
        + '<p>For any question, or to exercise your rights (GDPR), contact the organising association.</p>'
        + `<p><strong>${SECRECY_EN}</strong></p>`,
      ),
    },
    radio('consent', 'Avez-vous lu ces informations et acceptez-vous de participer ?', 'Have you read this information and do you agree to take part?', [
      ch('yes', 'Oui, je participe', 'Yes, I agree'),
      ch('no', 'Non', 'No'),
    ]),
    radio('eligible',
      'Exercez-vous actuellement comme travailleur·se social·e en polyvalence de secteur (service social départemental de secteur, y compris Métropole de Lyon, collectivités uniques, ou CCAS/commune par délégation du département), sur un poste d’accompagnement ?',
      'Do you currently work as a social worker in polyvalence de secteur (the département’s generalist territorial social service, including Métropole de Lyon, single collectivities, or a CCAS/commune acting under delegation from the département) in a post that involves supporting people?',
      [
        ch('yes', 'Oui', 'Yes'),
        ch('manager', 'Non, j’exerce une fonction d’encadrement', 'No, I am a manager'),
        ch('other', 'Non, autre situation', 'No, other situation'),
      ],
      { visibleIf: "{consent} = 'yes'" }),
  ],
};

const p1 = page('p1_profile', 'Vous et votre territoire', 'You and your territory', [
  {
    type: 'dropdown',
    name: 'dept_code',
    title: loc('Dans quelle collectivité exercez-vous (département ou collectivité à compétences départementales) ?', 'In which authority do you work (département or authority with departmental powers)?'),
    choices: [
      ...COLLECTIVITIES.map((col) => same(col.code, col.name)),
      ch('region_only', 'Je préfère indiquer seulement ma région', 'I prefer to give my region only'),
    ],
    searchEnabled: true,
    isRequired: true,
    qi: 'strong',
  },
  {
    type: 'dropdown',
    name: 'region_code',
    title: loc('Dans quelle région exercez-vous ?', 'In which region do you work?'),
    choices: [...REGIONS.map((r) => same(r.code, r.name)), ch('prefer_not', 'Je préfère ne pas répondre', 'Prefer not to say')],
    visibleIf: "{dept_code} = 'region_only'",
    isRequired: true,
    qi: 'strong',
  },
  radio('employer_type', 'Qui est votre employeur ?', 'Who is your employer?', [
    ch('collectivity', 'Le département / la collectivité elle-même', 'The département or collectivity itself'),
    ch('ccas_delegation', 'Une commune ou un CCAS qui assure la polyvalence par délégation (convention)', 'A commune or CCAS running polyvalence under a delegation agreement'),
    ch('association_delegation', 'Une association par délégation', 'An association under delegation'),
  ], { showOtherItem: true, otherText: loc('Autre (préciser)', 'Other (specify)'), qi: 'weak' }),
  radio('structure_type', 'Dans quel type de lieu êtes-vous principalement rattaché·e ?', 'What type of site are you mainly based at?', [
    ch('cms', 'Centre médico-social (CMS)', 'Medico-social centre'),
    ch('mds', 'Maison départementale des solidarités / Maison des solidarités / espace départemental des solidarités (MDS, EDS…)', 'Departmental “solidarity house”'),
    ch('ut_site', 'Siège d’une unité territoriale / circonscription / territoire d’action sociale (UT, TAS…)', 'Headquarters of a territorial unit or district'),
    ch('antenne', 'Antenne ou permanence décentralisée uniquement', 'Satellite office or decentralised drop-in only'),
    ch('ccas_mairie', 'Locaux d’un CCAS ou d’une mairie', 'CCAS or town-hall premises'),
  ], {
    description: loc('Les appellations varient selon les départements ; choisissez la plus proche.', 'Names vary between départements; choose the closest.'),
    showOtherItem: true, otherText: loc('Autre (préciser)', 'Other (specify)'), qi: 'weak',
  }),
  radio('territory_type', 'Comment décririez-vous le secteur géographique que vous couvrez ?', 'How would you describe the geographical sector you cover?', [
    ...TERRITORY_CHOICES,
    ch('mixed', 'Secteur mixte (plusieurs de ces types)', 'Mixed sector'),
  ], { qi: 'medium' }),
  radio('territory_majority', 'Quel type de territoire regroupe la majorité des personnes que vous accompagnez ?', 'Which type of territory accounts for most of the people you support?', TERRITORY_CHOICES, {
    visibleIf: "{territory_type} = 'mixed'", qi: 'medium',
  }),
  radio('communes_band', 'Combien de communes votre secteur comprend-il ?', 'How many communes does your sector include?', [
    ch('part_commune', 'Une partie d’une commune (quartiers)', 'Part of one commune (neighbourhoods)'),
    ch('one_commune', 'Une commune entière', 'One whole commune'),
    ch('c2_5', '2 à 5', '2 to 5'),
    ch('c6_15', '6 à 15', '6 to 15'),
    ch('c16plus', '16 ou plus', '16 or more'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ], { qi: 'medium' }),
  radio('qpv_on_sector', 'Votre secteur comprend-il un ou plusieurs quartiers prioritaires de la politique de la ville (QPV) ?', 'Does your sector include one or more priority urban neighbourhoods (QPV)?', YES_NO_DK, { qi: 'medium' }),
  radio('home_visit_travel', 'En moyenne, combien de temps de trajet (aller) vous faut-il pour une visite à domicile ?', 'On average, how long is the one-way journey for a home visit?', [
    ch('lt10', 'Moins de 10 min', 'Under 10 min'),
    ch('m10_20', '10 à 20 min', '10–20 min'),
    ch('m20_40', '20 à 40 min', '20–40 min'),
    ch('gt40', 'Plus de 40 min', 'Over 40 min'),
    ch('no_visits', 'Je ne fais pas de visites à domicile', 'I do not do home visits'),
  ], { qi: 'medium' }),
  radio('profession', 'Quel est votre diplôme d’État de travail social principal ?', 'What is your main state diploma in social work?', [
    ch('as', 'Assistant·e de service social (DEASS)', 'State-qualified social worker (AS)'),
    ch('cesf', 'Conseiller·ère en économie sociale familiale (DECESF)', 'Social and family economics adviser'),
    ch('es', 'Éducateur·rice spécialisé·e (DEES)', 'Specialised educator'),
  ], { showOtherItem: true, otherText: loc('Autre (préciser)', 'Other (specify)'), qi: 'strong' }),
  radio('seniority_polyvalence', 'Depuis combien de temps exercez-vous en polyvalence de secteur (tous employeurs confondus) ?', 'How long have you worked in polyvalence de secteur (all employers combined)?', [
    ch('lt2', 'Moins de 2 ans', 'Under 2 years'),
    ch('y2_5', '2 à moins de 5 ans', '2 to under 5 years'),
    ch('y5_10', '5 à moins de 10 ans', '5 to under 10 years'),
    ch('y10_20', '10 à moins de 20 ans', '10 to under 20 years'),
    ch('y20plus', '20 ans ou plus', '20 years or more'),
  ], { qi: 'medium' }),
  radio('fte', 'Quelle est votre quotité de travail ?', 'What is your working-time ratio (FTE)?', [
    ch('fte_100', 'Temps plein (100 %)', 'Full time (100%)'),
    ch('fte_90', '90 %', '90%'),
    ch('fte_80', '80 %', '80%'),
    ch('fte_50_79', '50 à 79 %', '50–79%'),
    ch('fte_lt50', 'Moins de 50 %', 'Under 50%'),
  ], { qi: 'weak' }),
]);

const p2 = page('p2_workload', 'Charge de travail', 'Workload', [
  intro('workload_intro', 'Les questions suivantes portent sur les 4 dernières semaines travaillées. Des estimations suffisent ; laissez vide si vous ne pouvez pas estimer.', 'The next questions are about the last 4 weeks you worked. Estimates are fine; leave blank if you cannot estimate.'),
  numberQ('caseload_active', 'Combien de ménages accompagnez-vous actuellement (file active) ?', 'How many households are you currently supporting (active caseload)?', 0, 600, {
    description: loc('Ménages avec au moins un entretien, une visite ou une démarche de votre part au cours des 3 derniers mois. Une estimation suffit.', 'Households with at least one interview, visit or action by you in the last 3 months. An estimate is fine.'),
  }),
  numberQ('new_requests_week', 'Au cours d’une semaine habituelle, combien de nouvelles demandes recevez-vous (personnes que vous n’avez pas accompagnées au cours des 12 derniers mois) ?', 'In a typical week, how many new requests do you receive (people you have not supported in the last 12 months)?', 0, 100),
  numberQ('delay_first_appt_days', 'Si une personne demandait aujourd’hui un premier rendez-vous non urgent avec vous, dans combien de jours (calendaires) pourrait-elle être reçue ?', 'If someone asked today for a first non-urgent appointment with you, in how many calendar days could they be seen?', 0, 365),
  {
    type: 'multipletext',
    name: 'time_alloc',
    title: loc('Sur une semaine habituelle, comment se répartit votre temps de travail ? (en % ; total = 100)', 'In a typical week, how is your working time split? (in %; total = 100)'),
    isRequired: true,
    colCount: 1,
    items: TIME_ITEMS.map(([name, fr, en]) => ({
      name,
      title: loc(fr, en),
      inputType: 'number',
      isRequired: true,
      validators: [{ type: 'numeric', minValue: 0, maxValue: 100 }],
    })),
    validators: [{
      type: 'expression',
      expression: `${TIME_SUM} >= 95 and ${TIME_SUM} <= 105`,
      text: loc('Le total doit être d’environ 100 % (95 à 105).', 'The total must be about 100 % (95–105).'),
    }],
  },
  {
    type: 'expression',
    name: 'time_alloc_total',
    title: loc('Total actuel (%)', 'Current total (%)'),
    expression: TIME_SUM,
  },
  numberQ('overtime_hours_week', 'En moyenne, combien d’heures par semaine travaillez-vous au-delà de vos obligations horaires (y compris les heures « écrêtées » ou non récupérées) ?', 'On average, how many hours per week do you work beyond your contractual hours (including hours lost to time-recording caps or not recovered)?', 0, 40, { step: 0.5 }),
  radio('unmet_followups', 'Au cours des 4 dernières semaines, vous est-il arrivé de reporter ou de renoncer à des accompagnements que vous jugiez nécessaires, faute de temps ?', 'In the last 4 weeks, did you postpone or give up support you considered necessary, for lack of time?', frequency5()),
  radio('covering_vacant_sector', 'Assurez-vous actuellement, en plus de votre secteur, tout ou partie d’un secteur vacant (poste non pourvu, absence longue) ?', 'Are you currently also covering all or part of a vacant sector (unfilled post, long absence)?', [
    ch('no', 'Non', 'No'),
    ch('partly', 'Oui, en partie (urgences, intérim partagé)', 'Yes, partly (emergencies, shared cover)'),
    ch('fully', 'Oui, un secteur entier', 'Yes, a whole sector'),
  ]),
]);

const p3 = page('p3_reception', 'Accueil', 'Reception', [
  intro('reception_intro', 'Ces questions portent sur l’organisation de l’accueil dans le lieu où vous exercez, telle que vous la connaissez.', 'These questions are about how reception is organised where you work, as far as you know.'),
  radio('reception_first_contact', 'Lorsqu’une personne sans rendez-vous se présente ou appelle pour la première fois, qui est son premier interlocuteur ?', 'When someone without an appointment comes in or calls for the first time, who do they speak to first?', [
    ch('secretariat', 'Le secrétariat / un·e agent·e d’accueil', 'Secretariat or reception agent'),
    ch('ts_permanence', 'Un·e travailleur·se social·e de permanence (sans rendez-vous)', 'A social worker on drop-in duty'),
    ch('reception_team', 'Une équipe d’accueil social dédiée (travailleur·ses sociaux·ales d’accueil)', 'A dedicated social reception team (social workers)'),
    ch('phone_platform', 'Une plateforme téléphonique centralisée', 'A central phone platform'),
    ch('online', 'Un formulaire ou une prise de rendez-vous en ligne', 'An online form or booking'),
    ch('varies', 'Cela varie', 'It varies'),
  ]),
  radio('appt_decision', 'Dans votre service, qui décide si une personne obtient un rendez-vous avec un·e travailleur·se social·e ?', 'In your service, who decides whether a person gets an appointment with a social worker?', [
    ch('always_offered', 'Personne : toute personne qui le demande se voit proposer un rendez-vous', 'Nobody: anyone who asks is offered one'),
    ch('secretariat_criteria', 'Le secrétariat ou l’accueil, selon des critères ou une grille', 'Secretariat or reception, using criteria or a grid'),
    ch('ts_on_screening', 'Un·e travailleur·se social·e, après lecture d’une fiche remplie à l’accueil', 'A social worker, after reading a note taken at reception'),
    ch('manager', 'Un·e cadre ou responsable (décide ou valide)', 'A manager (decides or validates)'),
    ch('platform', 'Une plateforme centralisée (téléphonique ou numérique)', 'A central (phone or online) platform'),
    ch('varies', 'Cela varie selon les cas', 'It varies'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  radio('reason_required', 'Pour obtenir un rendez-vous, la personne doit-elle exposer le motif de sa demande au secrétariat ou à l’accueil ?', 'To get an appointment, does the person have to state the reason for the request to the secretariat or reception?', [
    ch('never', 'Jamais', 'Never'),
    ch('rarely', 'Rarement', 'Rarely'),
    ch('sometimes', 'Parfois', 'Sometimes'),
    ch('often', 'Souvent', 'Often'),
    ch('always', 'Toujours', 'Always'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  checkbox('filter_criteria', 'Quels critères sont utilisés pour décider si, ou quand, la personne est reçue par un·e travailleur·se social·e ? (plusieurs réponses possibles)', 'Which criteria are used to decide whether, or when, the person is seen by a social worker? (several answers possible)', [
    ch('urgency', 'Urgence apparente (avant toute évaluation)', 'Apparent urgency (before any assessment)'),
    ch('minors', 'Présence d’enfants mineurs', 'Presence of minor children'),
    ch('residence', 'Domiciliation sur le secteur', 'Residence in the sector'),
    ch('competence', 'Demande relevant des compétences du département', 'Request within the département’s remit'),
    ch('admin_status', 'Situation administrative (ex. droit au séjour)', 'Administrative status (e.g. residence rights)'),
    ch('followed_elsewhere', 'Déjà suivi·e par un autre service (CCAS, CAF, hôpital, association…)', 'Already followed by another service'),
    ch('rsa_other_referent', 'Allocataire du RSA orienté·e vers un autre référent', 'RSA recipient assigned to another referent'),
    ch('request_type', 'Type de demande (ex. aide financière, dossier administratif)', 'Type of request'),
    { value: 'dk', text: loc('Je ne connais pas les critères', "I don't know the criteria"), isExclusive: true },
  ], {
    showOtherItem: true,
    otherText: loc('Autre (préciser)', 'Other (specify)'),
    visibleIf: "{appt_decision} anyof ['secretariat_criteria', 'ts_on_screening', 'manager', 'platform', 'varies'] or {reason_required} anyof ['often', 'always']",
  }),
  radio('pre_questionnaire', 'Avant de rencontrer un·e travailleur·se social·e, demande-t-on aux personnes de remplir un questionnaire ou un formulaire (papier ou en ligne) ?', 'Before meeting a social worker, are people asked to fill in a questionnaire or form (paper or online)?', [
    ch('yes_all', 'Oui, pour toute première demande', 'Yes, for every first request'),
    ch('yes_some', 'Oui, pour certaines demandes', 'Yes, for some requests'),
    ch('no', 'Non', 'No'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  radio('preset_answers', 'À quelle fréquence l’accueil donne-t-il une réponse type à certaines demandes, sans que la personne rencontre un·e travailleur·se social·e (ex. réorientation automatique, « il n’y a pas de solution ») ?', 'How often does reception give a standard answer to certain requests without the person meeting a social worker (e.g. automatic redirection, “there is no solution”)?', frequency5(true)),
  checkbox('preset_topics', 'Pour quels types de demandes ces réponses types sont-elles données ?', 'For which types of requests are these standard answers given?', [
    ch('shelter', 'Hébergement, mise à l’abri (115, SIAO)', 'Emergency shelter'),
    ch('financial_aid', 'Aides financières (FSL, secours, aides facultatives)', 'Financial aid'),
    ch('benefits_access', 'Accès aux droits (CAF, RSA, CSS, retraite…)', 'Access to benefits'),
    ch('digital', 'Démarches en ligne (dématérialisation)', 'Online procedures'),
    ch('foreigners', 'Droit au séjour, personnes étrangères', 'Residence rights'),
    ch('food_aid', 'Aide alimentaire', 'Food aid'),
    ch('energy_debt', 'Impayés d’énergie ou d’eau', 'Energy or water arrears'),
  ], {
    showOtherItem: true,
    otherText: loc('Autre (préciser)', 'Other (specify)'),
    visibleIf: "{preset_answers} anyof ['sometimes', 'often', 'very_often']",
  }),
  radio('refusals_3m', 'Au cours des 3 derniers mois, à votre connaissance, des personnes qui demandaient à rencontrer un·e travailleur·se social·e se sont-elles vu refuser un rendez-vous (sans réorientation acceptée par elles) ?', 'In the last 3 months, to your knowledge, were people who asked to meet a social worker refused an appointment (without a redirection they agreed to)?', [
    ch('never', 'Jamais', 'Never'),
    ch('once_twice', 'Une ou deux fois', 'Once or twice'),
    ch('several', 'Plusieurs fois', 'Several times'),
    ch('frequent', 'Fréquemment', 'Frequently'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  checkbox('refusal_reasons', 'Pour quels motifs ?', 'For what reasons?', [
    ch('no_solution', '« Aucune solution ne peut être proposée » (ex. hébergement de familles sans droit au séjour)', '“No solution can be offered”'),
    ch('outside_competence', 'Hors compétence du département', 'Outside the département’s remit'),
    ch('outside_sector', 'Hors secteur', 'Outside the sector'),
    ch('saturation', 'Pas de créneau disponible', 'No slot available'),
    ch('followed_elsewhere', 'Déjà suivi·e ailleurs', 'Already followed elsewhere'),
    ch('admin_status', 'Situation administrative', 'Administrative status'),
  ], {
    showOtherItem: true,
    otherText: loc('Autre (préciser)', 'Other (specify)'),
    visibleIf: "{refusals_3m} anyof ['once_twice', 'several', 'frequent']",
  }),
  radio('unconditional_written', 'Le principe d’un accueil inconditionnel par un·e travailleur·se social·e est-il inscrit dans un document de votre collectivité (règlement départemental d’aide sociale, note de service, charte d’accueil) ?', 'Is the principle of unconditional reception by a social worker written into a document of your authority (departmental social-aid rules, internal note, reception charter)?', YES_NO_DK),
]);

const p4 = page('p4_contracts', 'Contrats obligatoires et aide contrainte', 'Mandatory contracts and constrained help', [
  radio('rsa_referent', 'Dans votre poste, êtes-vous référent·e (référent unique / de parcours) de bénéficiaires du RSA, avec l’obligation d’établir un contrat ?', 'In your post, are you the designated referent for RSA recipients, with a duty to draw up a contract?', [
    ch('yes_main', 'Oui, c’est une part importante de mon activité', 'Yes, a large part of my work'),
    ch('yes_some', 'Oui, pour quelques personnes', 'Yes, for a few people'),
    ch('no', 'Non, un autre service s’en charge', 'No, another service does it'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  numberQ('rsa_share_caseload', 'Environ quelle part de votre file active relève d’un contrat RSA obligatoire ? (%)', 'Roughly what share of your active caseload is under a mandatory RSA contract? (%)', 0, 100, { visibleIf: RSA_REFERENT }),
  numberQ('contracts_per_month', 'Combien de contrats RSA (nouveaux ou renouvelés) établissez-vous par mois, en moyenne ?', 'How many RSA contracts (new or renewed) do you draw up per month, on average?', 0, 80, { visibleIf: RSA_REFERENT }),
  radio('contract_type', 'Quel contrat utilisez-vous actuellement ?', 'Which contract do you currently use?', [
    ch('cer', 'Contrat d’engagement réciproque (CER)', 'Reciprocal commitment contract (CER)'),
    ch('contrat_engagement', 'Nouveau contrat d’engagement (loi « plein emploi », depuis 2025)', 'New commitment contract (Full Employment Act, since 2025)'),
    ch('both', 'Les deux (période de transition)', 'Both (transition period)'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ], { visibleIf: RSA_REFERENT }),
  radio('contract_setting', 'Où et quand le contrat obligatoire est-il établi ?', 'Where and when is the mandatory contract drawn up?', [
    ch('same_interviews', 'Dans les mêmes entretiens que l’accompagnement social', 'In the same interviews as the social support'),
    ch('mostly_same', 'Le plus souvent dans les mêmes entretiens', 'Mostly in the same interviews'),
    ch('separate_time', 'Par moi, mais dans un rendez-vous distinct dédié au contrat', 'By me, in a separate appointment dedicated to the contract'),
    ch('separate_professional', 'Par un·e autre professionnel·le ou un autre service ; j’assure l’accompagnement', 'By another professional or service; I provide the support'),
  ], { visibleIf: RSA_REFERENT }),
  matrix('aide_contrainte', 'À quelle fréquence les situations suivantes se présentent-elles dans votre travail ?', 'How often do the following situations occur in your work?', MATRIX_FREQUENCY, [
    ['ac_dispositif_sets_content', 'Le contenu de mon accompagnement est fixé par les exigences d’un dispositif (contrat, plan d’action, échéances) plus que par la demande de la personne.', 'The content of my support is set by a scheme’s requirements (contract, action plan, deadlines) more than by the person’s request.'],
    ['ac_fear_losing_benefit', 'Les personnes viennent me voir surtout parce qu’elles risquent de perdre une prestation ou une aide.', 'People come to see me mainly because they risk losing a benefit or aid.'],
    ['ac_report_noncompliance', 'On me demande de signaler des manquements pouvant entraîner une sanction (suspension, réduction d’une aide).', 'I am asked to report breaches that may lead to a sanction (suspension, reduction of aid).'],
    ['ac_refusal_possible', 'Je peux proposer un accompagnement que la personne est libre de refuser sans rien perdre.', 'I can offer support that the person is free to refuse without losing anything.'],
  ], { isAllRowRequired: false }),
]);

const p5 = page('p5_ip', 'Informations préoccupantes et confiance', 'Child-protection evaluations and trust', [
  radio('ip_eval_org', 'Sur votre territoire, qui réalise les évaluations consécutives aux informations préoccupantes (IP) concernant les familles de votre secteur ?', 'In your area, who carries out the evaluations that follow child-protection reports (IP) about families in your sector?', [
    ch('polyvalence_only', 'L’équipe de polyvalence (moi ou mes collègues), avec la PMI le cas échéant', 'The polyvalence team (me or colleagues), with PMI where relevant'),
    ch('specialised_only', 'Un service spécialisé distinct de la polyvalence (cellule ou équipe d’évaluation, ASE…)', 'A specialised service distinct from polyvalence'),
    ch('mixed', 'Les deux, selon les situations (âge de l’enfant, famille déjà connue, charge…)', 'Both, depending on the case'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  numberQ('ip_eval_count_12m', 'Au cours des 12 derniers mois, combien d’évaluations d’IP avez-vous réalisées ou co-réalisées ?', 'In the last 12 months, how many IP evaluations have you carried out, alone or jointly?', 0, 150, {
    visibleIf: "{ip_eval_org} anyof ['polyvalence_only', 'mixed', 'dk']",
  }),
  radio('ip_eval_known_families', 'Parmi ces évaluations, combien concernaient des familles que vous ou votre équipe accompagniez déjà, à leur demande ?', 'Of these evaluations, how many concerned families that you or your team were already supporting at their own request?', [
    ch('none', 'Aucune', 'None'),
    ch('few', 'Quelques-unes', 'A few'),
    ch('about_half', 'Environ la moitié', 'About half'),
    ch('most', 'La plupart', 'Most'),
    ch('all', 'Toutes', 'All'),
  ], { visibleIf: '{ip_eval_count_12m} > 0' }),
  matrix('ip_trust', 'Dans quelle mesure êtes-vous d’accord avec les affirmations suivantes ?', 'How far do you agree with the following statements?', MATRIX_AGREEMENT, [
    ['ipt_avoid_contact', 'Certaines familles évitent ou retardent leur venue au service par crainte d’une intervention de protection de l’enfance.', 'Some families avoid or delay contacting the service for fear of a child-protection intervention.'],
    ['ipt_withhold_info', 'Certaines personnes taisent des informations de peur qu’elles soient utilisées pour une IP.', 'Some people hold back information for fear it will be used in a child-protection report.'],
    ['ipt_role_confusion', 'Les personnes ont du mal à distinguer mon rôle d’aide de mon rôle de contrôle.', 'People find it hard to tell my support role from my control role.'],
    ['ipt_crowds_out', 'Les évaluations d’IP réduisent le temps que je peux consacrer aux personnes venues d’elles-mêmes.', 'IP evaluations reduce the time I can give to people who came of their own accord.'],
  ]),
  radio('ip_families_ask_use', 'Au cours des 12 derniers mois, des personnes vous ont-elles demandé si ce qu’elles vous confiaient pourrait être transmis aux services de protection de l’enfance ?', 'In the last 12 months, have people asked you whether what they told you could be passed on to child-protection services?', frequency5()),
]);

const p6 = page('p6_isic', 'Action collective et formation', 'Collective work and training', [
  radio('isic_12m', 'Au cours des 12 derniers mois, avez-vous mené une action collective (ISIC : action de groupe, information collective, projet de développement social local, diagnostic de territoire) ?', 'In the last 12 months, have you carried out collective work (ISIC: group work, collective information session, local social-development project, territorial diagnosis)?', [
    ch('led', 'Oui, je l’ai pilotée', 'Yes, I led it'),
    ch('co_led', 'Oui, en co-animation', 'Yes, co-led'),
    ch('participated', 'J’y ai seulement participé', 'I only took part'),
    ch('no', 'Non', 'No'),
  ]),
  checkbox('isic_types', 'De quel(s) type(s) d’action s’agissait-il ?', 'What type(s) of action?', [
    ch('group_users', 'Groupe avec des personnes accompagnées (budget, parentalité, numérique, santé…)', 'Group with people supported'),
    ch('info_collective', 'Information collective', 'Collective information session'),
    ch('territorial_diagnosis', 'Diagnostic de territoire (ABS, contrat de ville, CTG, schémas…)', 'Territorial needs diagnosis'),
    ch('partner_project', 'Projet partenarial de développement social local', 'Local social-development partnership project'),
    ch('participation', 'Instance de participation des personnes', 'Service-user participation body'),
  ], {
    showOtherItem: true,
    otherText: loc('Autre (préciser)', 'Other (specify)'),
    visibleIf: "{isic_12m} anyof ['led', 'co_led', 'participated']",
  }),
  checkbox('isic_obstacles', 'Quels sont les principaux freins à l’action collective dans votre poste ? (3 au maximum)', 'What are the main obstacles to collective work in your post? (3 at most)', [
    ch('time_caseload', 'Manque de temps, charge d’accompagnement individuel', 'Lack of time, individual caseload'),
    ch('no_management_support', 'Pas une priorité de l’encadrement', 'Not a management priority'),
    ch('no_training', 'Manque de formation', 'Lack of training'),
    ch('no_budget', 'Pas de budget', 'No budget'),
    ch('no_premises', 'Pas de locaux adaptés', 'No suitable premises'),
    ch('partner_silos', 'Cloisonnement avec les partenaires', 'Silos with partners'),
    ch('not_counted', 'Non reconnu dans les statistiques d’activité', 'Not counted in activity reporting'),
  ], {
    isRequired: true,
    maxSelectedChoices: 3,
    showOtherItem: true,
    otherText: loc('Autre (préciser)', 'Other (specify)'),
    showNoneItem: true,
    noneText: loc('Aucun frein', 'No obstacle'),
  }),
  radio('isic_training_initial', 'Votre formation initiale vous a-t-elle préparé·e à l’action collective ?', 'Did your initial training prepare you for collective work?', [
    ch('very_well', 'Très bien', 'Very well'),
    ch('fairly', 'Plutôt bien', 'Fairly well'),
    ch('poorly', 'Plutôt mal', 'Poorly'),
    ch('not_at_all', 'Pas du tout', 'Not at all'),
  ]),
  radio('isic_training_continuing', 'Depuis votre diplôme, avez-vous suivi une formation continue sur l’ISIC, le développement social local ou le diagnostic de territoire ?', 'Since qualifying, have you had continuing training in ISIC, local social development or territorial diagnosis?', [
    ch('yes_lt3y', 'Oui, il y a moins de 3 ans', 'Yes, less than 3 years ago'),
    ch('yes_3y_plus', 'Oui, il y a 3 ans ou plus', 'Yes, 3 or more years ago'),
    ch('no_not_offered', 'Non, cela ne m’a pas été proposé', 'No, it was not offered'),
    ch('no_declined', 'Non, proposé mais pas suivi', 'No, offered but not taken'),
  ]),
  radio('isic_training_manager', 'À votre connaissance, votre encadrant·e technique a-t-il·elle été formé·e à l’action collective ou au développement social local ?', 'To your knowledge, has your line manager been trained in collective work or local social development?', YES_NO_DK),
]);

const p7 = page('p7_team', 'Votre équipe', 'Your team', [
  checkbox('team_professions', 'Quelles professions sont présentes dans votre équipe de territoire (même lieu ou même unité) ?', 'Which professions are present in your territorial team (same site or unit)?', [
    ch('as', 'Assistant·e de service social', 'Social worker (AS)'),
    ch('cesf', 'CESF', 'Social and family economics adviser'),
    ch('es', 'Éducateur·rice spécialisé·e', 'Specialised educator'),
    ch('me', 'Moniteur·rice-éducateur·rice', 'Assistant educator'),
    ch('eje', 'Éducateur·rice de jeunes enfants', 'Early-childhood educator'),
    ch('tisf', 'TISF', 'Family support worker'),
    ch('insertion', 'Conseiller·ère en insertion', 'Employment-integration adviser'),
    ch('psychologue', 'Psychologue', 'Psychologist'),
    ch('puericultrice', 'Puéricultrice', 'Paediatric nurse'),
    ch('medecin_pmi', 'Médecin de PMI', 'Mother-and-child health doctor'),
    ch('sage_femme', 'Sage-femme', 'Midwife'),
    ch('secretariat', 'Secrétariat / agent·e d’accueil', 'Secretariat or reception staff'),
    ch('numerique', 'Conseiller·ère numérique', 'Digital-inclusion adviser'),
  ], { isRequired: true, showOtherItem: true, otherText: loc('Autre (préciser)', 'Other (specify)'), qi: 'strong' }),
  radio('team_size_band', 'Combien de travailleur·ses sociaux·ales (vous compris·e) compte votre équipe de territoire ?', 'How many social workers (including you) are in your territorial team?', [
    ch('t1_3', '1 à 3', '1–3'),
    ch('t4_7', '4 à 7', '4–7'),
    ch('t8_12', '8 à 12', '8–12'),
    ch('t13plus', '13 ou plus', '13 or more'),
  ], { qi: 'medium' }),
  radio('post_title', 'Comment votre poste est-il intitulé dans votre fiche de poste ?', 'What is your post called in your job description?', [
    ch('profession_named', 'Par ma profession (ex. « assistant·e social·e de secteur »)', 'By my profession (e.g. “sector social worker [AS]”)'),
    ch('generic_ts', 'De façon générique (« travailleur·se social·e », « référent·e social·e »)', 'Generic (“social worker”, “social referent”)'),
    ch('grade_ase', 'Par le grade (« assistant·e socio-éducatif·ve »)', 'By civil-service grade'),
    ch('mission_based', 'Par une mission (« référent·e RSA », « évaluateur·rice »…)', 'By a task'),
    ch('dk', 'Je ne sais pas', "Don't know"),
  ]),
  radio('same_missions', 'Dans votre équipe, les AS, CESF et éducateur·rices sur des postes de polyvalence ont-ils·elles exactement les mêmes missions ?', 'In your team, do AS, CESF and educators in polyvalence posts have exactly the same tasks?', [
    ch('identical', 'Oui, identiques', 'Yes, identical'),
    ch('mostly_identical', 'Pour l’essentiel', 'Mostly'),
    ch('partly_diff', 'En partie différenciées', 'Partly differentiated'),
    ch('clearly_diff', 'Clairement différenciées selon la profession', 'Clearly differentiated by profession'),
    ch('single_profession', 'Une seule profession dans l’équipe', 'Only one profession in the team'),
  ]),
  matrix('team_views', 'Dans quelle mesure êtes-vous d’accord ?', 'How far do you agree?', MATRIX_AGREEMENT, [
    ['tv_interchangeable', 'Dans mon équipe, les professions sont considérées comme interchangeables.', 'In my team, professions are treated as interchangeable.'],
    ['tv_complementarity', 'L’organisation de l’équipe s’appuie sur les compétences propres de chaque profession.', 'The team’s organisation builds on each profession’s own skills.'],
    ['tv_outside_training', 'On me confie des missions pour lesquelles ma formation ne m’a pas préparé·e.', 'I am given tasks my training did not prepare me for.'],
  ]),
]);

const p8 = page('p8_practice', 'Votre pratique', 'Your practice', [
  rating('practice_axis', 'Dans votre pratique quotidienne, où vous situez-vous entre ces deux pôles ?', 'In your daily practice, where do you stand between these two poles?', 7,
    ['Surtout instruire des dispositifs (dossiers, conditions d’éligibilité)', 'Mostly processing schemes (applications, eligibility)'],
    ['Surtout une évaluation globale et un accompagnement construits avec la personne', 'Mostly a global assessment and support built with the person']),
  matrix('practice_freq', 'À quelle fréquence… ?', 'How often…?', MATRIX_FREQUENCY, [
    ['pf_all_topics', '…les personnes peuvent-elles aborder avec vous tout sujet, quels que soient leur âge ou leur statut ?', '…can people raise any topic with you, whatever their age or status?'],
    ['pf_global_assessment', '…réalisez-vous une évaluation globale de la situation, à partir de la demande de la personne ?', '…do you carry out a global assessment starting from the person’s request?'],
    ['pf_long_term', '…accompagnez-vous des personnes dans la durée (plus de 6 mois) ?', '…do you support people over the long term (more than 6 months)?'],
    ['pf_firefighting', '…n’avez-vous le temps que de répondre aux urgences ou d’instruire des dossiers ?', '…do you only have time for emergencies or processing applications?'],
  ]),
  radio('worked_both', 'Avez-vous exercé en polyvalence à la fois en secteur urbain et en secteur rural ?', 'Have you worked in polyvalence in both an urban and a rural sector?', [
    ch('urban_then_rural', 'Oui, d’abord urbain puis rural', 'Yes, urban then rural'),
    ch('rural_then_urban', 'Oui, d’abord rural puis urbain', 'Yes, rural then urban'),
    ch('alternating', 'Oui, en alternance ou sur un secteur mixte', 'Yes, alternately or in a mixed sector'),
    ch('no', 'Non', 'No'),
  ]),
  rating('same_job', 'Avez-vous eu le sentiment d’exercer le même métier en secteur urbain et en secteur rural ?', 'Did you feel it was the same job in urban and rural sectors?', 5,
    ['Un tout autre métier', 'A completely different job'],
    ['Exactement le même métier', 'Exactly the same job'],
    { visibleIf: "{worked_both} anyof ['urban_then_rural', 'rural_then_urban', 'alternating']" }),
  matrix('work_views', 'Dans quelle mesure êtes-vous d’accord ?', 'How far do you agree?', MATRIX_AGREEMENT, [
    ['wv_dispositif_wear', 'La multiplication des dispositifs m’use professionnellement.', 'The growing number of schemes wears me out professionally.'],
    ['wv_meaning', 'Mon travail a du sens pour moi.', 'My work is meaningful to me.'],
    ['wv_quality_impeded', 'Je ne peux pas faire mon travail aussi bien que je le voudrais.', 'I cannot do my work as well as I would like.'],
    ['wv_recognition', 'Mon travail est reconnu par mon institution.', 'My work is recognised by my institution.'],
  ]),
  radio('intent_leave', 'Envisagez-vous de quitter la polyvalence de secteur dans les 2 prochaines années ?', 'Are you considering leaving polyvalence de secteur in the next 2 years?', [
    ch('no', 'Non', 'No'),
    ch('unsure', 'Je ne sais pas encore', 'Not sure yet'),
    ch('yes_other_social_post', 'Oui, pour un autre poste du travail social', 'Yes, for another social-work post'),
    ch('yes_leave_profession', 'Oui, pour quitter le travail social', 'Yes, to leave social work'),
  ]),
]);

const p9 = page('p9_wellbeing', 'Fatigue et épuisement', 'Tiredness and exhaustion', [
  intro('wellbeing_intro', 'Les questions suivantes portent sur la fatigue et l’épuisement que vous pouvez ressentir. Il n’y a pas de bonne ou de mauvaise réponse.', 'The following questions are about tiredness and exhaustion you may feel. There are no right or wrong answers.'),
  matrix('cbi_work_a', 'Dans quelle mesure… ?', 'To what degree…?', CBI_DEGREE, [
    ['cbi_w1', 'Votre travail est-il éprouvant sur le plan émotionnel ?', 'Is your work emotionally exhausting?'],
    ['cbi_w2', 'Vous sentez-vous épuisé·e (« à bout ») à cause de votre travail ?', 'Do you feel burnt out because of your work?'],
    ['cbi_w3', 'Votre travail est-il source de frustration pour vous ?', 'Does your work frustrate you?'],
  ], { isRequired: true, isAllRowRequired: true }),
  matrix('cbi_work_b', 'À quelle fréquence… ?', 'How often…?', CBI_FREQUENCY, [
    ['cbi_w4', 'Vous sentez-vous usé·e à la fin de la journée de travail ?', 'Do you feel worn out at the end of the working day?'],
    ['cbi_w5', 'Êtes-vous épuisé·e le matin à l’idée d’une nouvelle journée de travail ?', 'Are you exhausted in the morning at the thought of another day at work?'],
    ['cbi_w6', 'Avez-vous le sentiment que chaque heure de travail est fatigante pour vous ?', 'Do you feel that every working hour is tiring for you?'],
    ['cbi_w7', 'Avez-vous assez d’énergie pour votre famille et vos amis pendant votre temps libre ?', 'Do you have enough energy for family and friends during leisure time?'],
  ], { isRequired: true, isAllRowRequired: true }),
]);

const p10 = page('p10_opinions', 'Votre avis', 'Your views', [
  matrix('prop_agree', 'Pour finir, quel est votre avis sur les orientations suivantes ?', 'Finally, what is your view on the following directions?', MATRIX_AGREEMENT, [
    ['p1_separate_contracts', 'Les contrats obligatoires (RSA…) devraient être établis dans un temps et un lieu distincts de l’accompagnement social, par la collectivité.', 'Mandatory contracts (RSA…) should be drawn up by the authority at a time and place separate from social support.'],
    ['p2_ip_specialised', 'Les évaluations d’informations préoccupantes devraient être confiées à un service identifié, distinct de la polyvalence.', 'IP evaluations should be entrusted to an identified service distinct from polyvalence.'],
    ['p3_isic_training', 'Une formation continue à l’action collective (ISIC) devrait être obligatoire pour les équipes de polyvalence et leurs encadrant·es.', 'Continuing training in collective work (ISIC) should be compulsory for polyvalence teams and their managers.'],
    ['p4_unconditional_reception', 'Toute personne qui demande à rencontrer un·e travailleur·se social·e devrait obtenir un rendez-vous, sans avoir à exposer sa demande au secrétariat.', 'Anyone who asks to meet a social worker should get an appointment without having to explain their request to the secretariat.'],
    ['p5_no_interchangeability', 'Les professions (AS, CESF, ES…) ne devraient pas être considérées comme interchangeables : leurs complémentarités devraient organiser l’équipe.', 'Professions (AS, CESF, ES…) should not be treated as interchangeable; their complementarity should shape the team.'],
  ]),
  radio('anas_member', 'Êtes-vous adhérent·e de l’ANAS ?', 'Are you an ANAS member?', [
    ch('yes', 'Oui', 'Yes'),
    ch('former', 'Je l’ai été', 'Former member'),
    ch('no', 'Non', 'No'),
  ], { qi: 'weak' }),
  radio('recruitment_channel', 'Comment avez-vous eu connaissance de cette enquête ?', 'How did you hear about this survey?', [
    ch('anas', 'Par l’ANAS', 'Through ANAS'),
    ch('union', 'Par un syndicat', 'Through a union'),
    ch('colleague', 'Par un·e collègue', 'Through a colleague'),
    ch('employer', 'Par mon employeur / ma hiérarchie', 'Through my employer or line management'),
    ch('social_media', 'Réseaux sociaux, blog, presse pro', 'Social media, blog, trade press'),
    ch('school', 'Centre de formation', 'Training school'),
  ], { showOtherItem: true, otherText: loc('Autre (préciser)', 'Other (specify)'), qi: 'weak' }),
  comment('comment_general', 'Souhaitez-vous ajouter quelque chose sur votre pratique en polyvalence de secteur ou sur les thèmes abordés ?', 'Is there anything you would like to add about your practice or the topics covered?', SECRECY_FR, SECRECY_EN),
  comment('comment_example', 'Pouvez-vous décrire un exemple concret (anonymisé) illustrant l’un des thèmes : accueil, contrats, IP, action collective, équipe, rural/urbain ?', 'Can you describe a concrete (anonymised) example illustrating one of the themes: reception, contracts, IP, collective work, team, rural/urban?', SECRECY_FR, SECRECY_EN),
]);

/** The SurveyJS JSON of the polyvalence questionnaire. */
export const polyvalenceJson: SurveyJson = {
  locale: 'fr',
  title: loc('Pratiques en polyvalence de secteur — enquête anonyme', 'Practice in polyvalence de secteur — anonymous survey'),
  showProgressBar: 'top',
  progressBarType: 'pages',
  clearInvisibleValues: 'onHidden',
  checkErrorsMode: 'onValueChanged',
  textUpdateMode: 'onTyping',
  completedHtml: loc(
    '<h3>Merci !</h3><p>Votre réponse a bien été enregistrée, de façon anonyme.</p>',
    '<h3>Thank you!</h3><p>Your answer has been stored, anonymously.</p>',
  ),
  triggers: [{ type: 'complete', expression: "{consent} = 'no' or {eligible} anyof ['manager', 'other']" }],
  calculatedValues: [
    {
      name: 'territory_3',
      includeIntoResult: true,
      expression:
        "iif({territory_type} anyof ['urban_dense', 'urban_intermediate'], 'urban', iif({territory_type} anyof ['periurban', 'rural'], {territory_type}, iif({territory_majority} anyof ['urban_dense', 'urban_intermediate'], 'urban', {territory_majority})))",
      // Read by the codebook (not by survey-core): label, choices and QI strength of the
      // analytic territory variable (blueprint §2, §5).
      title: loc('Type de territoire (3 classes)', 'Territory type (3 classes)'),
      choices: [
        ch('urban', 'Urbain', 'Urban'),
        ch('periurban', 'Périurbain', 'Peri-urban'),
        ch('rural', 'Rural', 'Rural'),
      ],
      qi: 'medium',
    },
  ],
  pages: [p0, p1, p2, p3, p4, p5, p6, p7, p8, p9, p10],
};
