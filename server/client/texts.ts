/**
 * Texts of the respondent page around the questionnaire (language switch, sending
 * status, errors), in French and English. Questionnaire texts come from its JSON.
 */

export type ClientLocale = 'fr' | 'en';

export interface ClientTexts {
  languageNav: string;
  loading: string;
  loadFailed: string;
  saving: string;
  saved: string;
  networkError: string;
  retry: string;
  backToForm: string;
  invalidIntro: string;
}

export const TEXTS: Record<ClientLocale, ClientTexts> = {
  fr: {
    languageNav: 'Langue',
    loading: 'Chargement du questionnaire…',
    loadFailed: 'Le questionnaire n’a pas pu être chargé. Vérifiez votre connexion puis rechargez la page.',
    saving: 'Envoi de vos réponses…',
    saved: 'Vos réponses ont bien été enregistrées.',
    networkError: 'Vos réponses n’ont pas pu être envoyées (connexion interrompue ?). Elles sont conservées sur cette page : réessayez dans un instant.',
    retry: 'Réessayer l’envoi',
    backToForm: 'Revenir au questionnaire pour corriger',
    invalidIntro: 'Le serveur n’a pas accepté vos réponses :',
  },
  en: {
    languageNav: 'Language',
    loading: 'Loading the questionnaire…',
    loadFailed: 'The questionnaire could not be loaded. Check your connection and reload the page.',
    saving: 'Sending your answers…',
    saved: 'Your answers have been saved.',
    networkError: 'Your answers could not be sent (connection lost?). They are kept on this page: try again in a moment.',
    retry: 'Send again',
    backToForm: 'Back to the questionnaire to correct',
    invalidIntro: 'The server did not accept your answers:',
  },
};

/** Names of the languages, each written in itself, for the switch. */
export const LANGUAGE_NAMES: Record<ClientLocale, string> = { fr: 'Français', en: 'English' };
