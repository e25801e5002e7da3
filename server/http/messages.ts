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
  unsupportedMediaTypeCsv: t('Le corps de la requête doit être un fichier CSV (Content-Type: text/csv).', 'The request body must be a CSV file (Content-Type: text/csv).'),
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
  rateLimited: t('Trop de requêtes depuis votre connexion. Réessayez dans quelques minutes.', 'Too many requests from your connection. Please try again in a few minutes.'),
  rateUnknown: t(
    'Le serveur ne peut pas vérifier la fréquence des requêtes en ce moment ; rien n’a été enregistré. Réessayez dans quelques minutes.',
    'The server cannot check the rate of requests right now; nothing was saved. Please try again in a few minutes.',
  ),
  invalidUtf8: t('Le corps de la requête n’est pas du texte UTF-8 valide.', 'The request body is not valid UTF-8 text.'),
  unknownSection: t(
    'Ce lien de section locale n’existe pas pour cette enquête. Vérifiez l’adresse reçue, ou utilisez le lien général de l’enquête.',
    'This local section link does not exist for this survey. Check the address you received, or use the survey’s general link.',
  ),
  invitationRequired: t(
    'Cette enquête se remplit uniquement avec un lien d’invitation personnel. Utilisez le lien complet reçu par courriel.',
    'This survey can only be answered with a personal invitation link. Use the complete link you received by e-mail.',
  ),
  invitationUnknown: t(
    'Ce lien d’invitation n’est pas valable pour cette enquête. Vérifiez que l’adresse est complète.',
    'This invitation link is not valid for this survey. Check that the address is complete.',
  ),
  invitationUsed: t('Ce lien d’invitation a déjà servi : une invitation permet une seule réponse.', 'This invitation link has already been used: an invitation gives one answer.'),
  anonymityLink: t('Vos données : ce qui est enregistré, ce qui ne l’est pas', 'Your data: what is stored and what is not'),
  anonymityIndexIntro: t(
    'Pour chaque enquête ouverte, une page décrit, question par question, ce qu’une réponse enregistrée contient et ce qui n’est jamais enregistré. Elle est produite à partir du questionnaire lui-même.',
    'For each open survey, a page describes, question by question, what a stored answer contains and what is never stored. It is generated from the questionnaire itself.',
  ),
  downloadCsvLabel: t('Télécharger les réponses de {campaign} au format CSV', 'Download the answers of {campaign} as CSV'),
} satisfies Record<string, BilingualText>;

export type MessageKey = keyof typeof MESSAGES;

/** One server message in one language, with `{name}` placeholders filled in. */
export function msg(key: MessageKey, locale: Locale, params: Record<string, string | number> = {}): string {
  return MESSAGES[key][locale].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
