/**
 * Texts of the respondent page around the questionnaire (language switch, answers in
 * progress, resume code, sending status, errors), in French and English. Questionnaire
 * texts come from its JSON.
 */

import { RESUME_CODE_LIFETIME_DAYS } from './resume-code.js';

export type ClientLocale = 'fr' | 'en';

export const CLIENT_LOCALES: readonly ClientLocale[] = ['fr', 'en'];

export interface ClientTexts {
  languageNav: string;
  loading: string;
  loadFailed: string;
  /** While the answer travels to the server. */
  saving: string;
  /** Once the server stored it. */
  saved: string;
  /** Completed while offline: the answer waits in the browser. */
  offline: string;
  offlineDetail: string;
  /** Shown while answering without a connection. */
  offlineWhileAnswering: string;
  /** The network or the server failed; another attempt will follow by itself. */
  sendFailed: string;
  /** Why, when the server could not be reached at all. */
  networkError: string;
  retryNow: string;
  retry: string;
  backToForm: string;
  invalidIntro: string;

  draftRegion: string;
  keptHere: string;
  storageUnavailable: string;
  restoredNotice: string;
  eraseButton: string;
  eraseConfirm: string;
  eraseYes: string;
  eraseNo: string;
  erasedNotice: string;

  resumeButton: string;
  resumeTitle: string;
  resumeGetTitle: string;
  resumeGetIntro: string;
  resumeGetButton: string;
  resumeNothingYet: string;
  resumeCodeIs: string;
  /** `{date}` is replaced by the last day of validity. */
  resumeCodeUntil: string;
  resumeCodeWarning: string;
  resumeEnterTitle: string;
  resumeEnterLabel: string;
  resumeEnterHint: string;
  resumeEnterButton: string;
  resumeBadCode: string;
  resumeEmpty: string;
  resumedNotice: string;
  working: string;
  close: string;
  draftNetworkError: string;
}

export const TEXTS: Record<ClientLocale, ClientTexts> = {
  fr: {
    languageNav: 'Langue',
    loading: 'Chargement du questionnaire…',
    loadFailed: 'Le questionnaire n’a pas pu être chargé. Vérifiez votre connexion puis rechargez la page.',
    saving: 'Envoi en cours…',
    saved: 'Réponse enregistrée.',
    offline: 'Hors ligne : votre réponse sera envoyée au retour de la connexion.',
    offlineDetail: 'Elle est conservée dans ce navigateur, même si vous fermez cette page : l’envoi reprendra à sa prochaine ouverture.',
    offlineWhileAnswering: 'Hors ligne : vous pouvez continuer à répondre. Vos réponses restent dans ce navigateur et partiront au retour de la connexion.',
    sendFailed: 'L’envoi n’a pas abouti : votre réponse est conservée dans ce navigateur et sera renvoyée automatiquement.',
    networkError: 'Le serveur de l’enquête n’a pas pu être joint (connexion interrompue ?).',
    retryNow: 'Réessayer maintenant',
    retry: 'Réessayer l’envoi',
    backToForm: 'Revenir au questionnaire pour corriger',
    invalidIntro: 'Le serveur n’a pas accepté vos réponses :',

    draftRegion: 'Vos réponses en cours',
    keptHere: 'Vos réponses en cours sont conservées uniquement dans ce navigateur, sur cet appareil. Sur un ordinateur partagé, effacez-les avant de partir.',
    storageUnavailable: 'Ce navigateur ne permet pas de conserver vos réponses en cours : gardez cette page ouverte jusqu’à la fin du questionnaire.',
    restoredNotice: 'Vos réponses en cours ont été restaurées : vous reprenez où vous en étiez.',
    eraseButton: 'Effacer mes réponses de ce navigateur',
    eraseConfirm: 'Effacer toutes vos réponses en cours de ce navigateur ? Elles ne pourront pas être récupérées ici.',
    eraseYes: 'Oui, effacer',
    eraseNo: 'Annuler',
    erasedNotice: 'Vos réponses en cours ont été effacées de ce navigateur.',

    resumeButton: 'Reprendre sur un autre appareil',
    resumeTitle: 'Reprendre sur un autre appareil',
    resumeGetTitle: 'Continuer ailleurs',
    resumeGetIntro:
      `Un code permet de retrouver vos réponses en cours sur un autre appareil pendant ${RESUME_CODE_LIFETIME_DAYS} jours. Elles sont alors gardées sur le serveur de l’enquête sous ce code (le code lui-même n’y est pas enregistré), puis effacées à l’envoi du questionnaire ou à l’expiration du code.`,
    resumeGetButton: 'Obtenir un code',
    resumeNothingYet: 'Répondez d’abord à au moins une question.',
    resumeCodeIs: 'Votre code de reprise :',
    resumeCodeUntil: 'Valable jusqu’au {date} inclus.',
    resumeCodeWarning:
      'Notez-le maintenant : il ne sera plus affiché. Toute personne qui le connaît peut voir ces réponses. Ce que vous répondrez ensuite sur cet appareil ne sera pas transmis : demandez alors un nouveau code.',
    resumeEnterTitle: 'Vous avez un code ?',
    resumeEnterLabel: 'Code de reprise (10 caractères)',
    resumeEnterHint: 'Les réponses déjà saisies dans ce navigateur seront remplacées par celles du code.',
    resumeEnterButton: 'Reprendre avec ce code',
    resumeBadCode: 'Ce code n’a pas la bonne forme : il compte 10 caractères, chiffres et lettres (par exemple 7QK2M-XW4RT).',
    resumeEmpty: 'Ce code ne contient aucune réponse à ce questionnaire.',
    resumedNotice: 'Vos réponses ont été récupérées avec le code : vous reprenez où vous en étiez.',
    working: 'Un instant…',
    close: 'Fermer',
    draftNetworkError: 'Le serveur de l’enquête n’a pas pu être joint. Vérifiez votre connexion et réessayez.',
  },
  en: {
    languageNav: 'Language',
    loading: 'Loading the questionnaire…',
    loadFailed: 'The questionnaire could not be loaded. Check your connection and reload the page.',
    saving: 'Sending…',
    saved: 'Answer saved.',
    offline: 'Offline: your answer will be sent when the connection returns.',
    offlineDetail: 'It is kept in this browser, even if you close this page: sending will resume the next time you open it.',
    offlineWhileAnswering: 'Offline: you can go on answering. Your answers stay in this browser and will be sent when the connection returns.',
    sendFailed: 'Sending failed: your answer is kept in this browser and will be sent again automatically.',
    networkError: 'The survey server could not be reached (connection lost?).',
    retryNow: 'Try again now',
    retry: 'Send again',
    backToForm: 'Back to the questionnaire to correct',
    invalidIntro: 'The server did not accept your answers:',

    draftRegion: 'Your answers in progress',
    keptHere: 'Your answers in progress are kept only in this browser, on this device. On a shared computer, erase them before you leave.',
    storageUnavailable: 'This browser does not let the page keep your answers in progress: keep this page open until the end of the questionnaire.',
    restoredNotice: 'Your answers in progress have been restored: you are back where you stopped.',
    eraseButton: 'Erase my answers from this browser',
    eraseConfirm: 'Erase all your answers in progress from this browser? They cannot be recovered here.',
    eraseYes: 'Yes, erase',
    eraseNo: 'Cancel',
    erasedNotice: 'Your answers in progress have been erased from this browser.',

    resumeButton: 'Resume on another device',
    resumeTitle: 'Resume on another device',
    resumeGetTitle: 'Continue elsewhere',
    resumeGetIntro:
      `A code lets you find your answers in progress on another device for ${RESUME_CODE_LIFETIME_DAYS} days. They are then kept on the survey server under this code (the code itself is not stored there), and erased when the questionnaire is sent or the code expires.`,
    resumeGetButton: 'Get a code',
    resumeNothingYet: 'Answer at least one question first.',
    resumeCodeIs: 'Your resume code:',
    resumeCodeUntil: 'Valid until {date} included.',
    resumeCodeWarning:
      'Write it down now: it will not be shown again. Anyone who knows it can see these answers. What you answer afterwards on this device is not passed on: ask for a new code then.',
    resumeEnterTitle: 'Do you have a code?',
    resumeEnterLabel: 'Resume code (10 characters)',
    resumeEnterHint: 'The answers already entered in this browser will be replaced by those of the code.',
    resumeEnterButton: 'Resume with this code',
    resumeBadCode: 'This code is not well formed: it has 10 characters, digits and letters (for example 7QK2M-XW4RT).',
    resumeEmpty: 'This code holds no answer to this questionnaire.',
    resumedNotice: 'Your answers have been recovered with the code: you are back where you stopped.',
    working: 'One moment…',
    close: 'Close',
    draftNetworkError: 'The survey server could not be reached. Check your connection and try again.',
  },
};

/** Names of the languages, each written in itself, for the switch. */
export const LANGUAGE_NAMES: Record<ClientLocale, string> = { fr: 'Français', en: 'English' };

/** A day (YYYY-MM-DD) written the way readers of `locale` expect (15 décembre 2026). */
export function formatDay(day: string, locale: ClientLocale): string {
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime())) return day;
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(d);
}
