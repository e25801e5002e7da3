/**
 * Texts the server itself shows or returns (errors, pages), in French and English.
 * Questionnaire texts never live here: they come from the questionnaire definition.
 */
import type { BilingualText, Locale } from '../../survey/types.js';

const t = (fr: string, en: string): BilingualText => ({ fr, en });

export const MESSAGES = {
  campaignNotFound: t('Cette enquête n’existe pas.', 'This survey does not exist.'),
  campaignClosed: t('Cette enquête est close : elle n’accepte plus de réponses. Merci de votre intérêt.', 'This survey is closed and no longer accepts answers. Thank you for your interest.'),
  campaignNotYetOpen: t('Cette enquête n’est pas encore ouverte.', 'This survey is not open yet.'),
  unsupportedMediaType: t('Le corps de la requête doit être du JSON (Content-Type: application/json).', 'The request body must be JSON (Content-Type: application/json).'),
  malformedJson: t('Le corps de la requête n’est pas du JSON valide.', 'The request body is not valid JSON.'),
  badSubmission: t('La requête doit être un objet {id, data} dont id est un UUID.', 'The request must be an object {id, data} whose id is a UUID.'),
  payloadTooLarge: t('La réponse est trop volumineuse.', 'The answer is too large.'),
  invalidAnswer: t('La réponse est invalide', 'The answer is invalid'),
  internalError: t('Erreur interne du serveur. Vos réponses n’ont pas été enregistrées ; réessayez plus tard.', 'Internal server error. Your answers were not saved; please try again later.'),
  notFound: t('Page introuvable.', 'Page not found.'),
  unauthorized: t('Authentification requise : jeton d’organisateur absent ou invalide.', 'Authentication required: organiser token missing or invalid.'),
  forbiddenOrigin: t('Requête refusée : elle ne provient pas de ce site.', 'Request refused: it does not come from this site.'),
  clientMissing: t('L’application du questionnaire n’est pas construite sur ce serveur (lancer « npm run build »).', 'The questionnaire application is not built on this server (run "npm run build").'),
  siteTitle: t('Enquête polyvalence de secteur', 'Polyvalence de secteur survey'),
  homeIntro: t(
    'Enquête nationale, anonyme et volontaire, auprès des travailleurs sociaux de la polyvalence de secteur. Aucune adresse IP n’est enregistrée.',
    'National, anonymous and voluntary survey of social workers in polyvalence de secteur. No IP address is stored.',
  ),
  openCampaigns: t('Enquêtes ouvertes', 'Open surveys'),
  noOpenCampaign: t('Aucune enquête n’est ouverte en ce moment.', 'No survey is open at the moment.'),
  otherLanguage: t('English', 'Français'),
  noScript: t('Ce questionnaire a besoin de JavaScript pour fonctionner. Activez-le puis rechargez la page.', 'This questionnaire needs JavaScript. Enable it and reload the page.'),
  loading: t('Chargement du questionnaire…', 'Loading the questionnaire…'),
  adminTitle: t('Espace organisateur', 'Organiser area'),
  loginLabel: t('Jeton d’organisateur', 'Organiser token'),
  loginButton: t('Se connecter', 'Log in'),
  loginFailed: t('Jeton incorrect.', 'Wrong token.'),
  logoutButton: t('Se déconnecter', 'Log out'),
  campaigns: t('Campagnes', 'Campaigns'),
  noCampaign: t('Aucune campagne.', 'No campaign.'),
  colCampaign: t('Campagne', 'Campaign'),
  colQuestionnaire: t('Questionnaire (version)', 'Questionnaire (version)'),
  colStatus: t('Statut', 'Status'),
  colPeriod: t('Période', 'Period'),
  colAnswers: t('Réponses', 'Answers'),
  colExport: t('Export', 'Export'),
  statusOpen: t('ouverte', 'open'),
  statusClosed: t('close', 'closed'),
  downloadCsv: t('CSV', 'CSV'),
  downloadCsvLabel: t('Télécharger les réponses de {campaign} au format CSV', 'Download the answers of {campaign} as CSV'),
} satisfies Record<string, BilingualText>;

export type MessageKey = keyof typeof MESSAGES;

/** One server message in one language, with `{name}` placeholders filled in. */
export function msg(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
