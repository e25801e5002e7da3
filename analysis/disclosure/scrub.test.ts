import { describe, expect, it } from 'vitest';
import { SCRUB_MARKERS, scrubFreeText, scrubValue } from './scrub.js';

const TEL = SCRUB_MARKERS.phone.fr;
const MAIL = SCRUB_MARKERS.email.fr;

describe('scrubFreeText', () => {
  it.each([
    '06 12 34 56 78',
    '06.12.34.56.78',
    '06-12-34-56-78',
    '0612345678',
    '01 23 45 67 89',
    '+33 6 12 34 56 78',
    '+33612345678',
    '+33 (0)6 12 34 56 78',
    '0033 6 12 34 56 78',
    '+44 20 7946 0958',
    '+1 (415) 555-0132',
    '0049 30 1234567',
    '+32 2 123 45 67',
  ])('removes the phone number %s', (phone) => {
    expect(scrubFreeText(`Appelez-moi au ${phone}, merci.`)).toBe(`Appelez-moi au ${TEL}, merci.`);
    expect(scrubFreeText(phone)).toBe(TEL);
  });

  it.each([
    'marie.dupont@cd69.fr',
    'j-p.martin+enquete@mairie-lyon.gouv.fr',
    'Prénom.Nom@département.fr',
    'contact [at] anas.fr',
    'x_y@sub.domain.co.uk',
  ])('removes the e-mail address %s', (email) => {
    expect(scrubFreeText(`écrire à ${email} svp`)).toBe(`écrire à ${MAIL} svp`);
  });

  it('removes several of each and keeps the rest of the text', () => {
    expect(scrubFreeText('Mon chef (chef@cd.fr, 06 11 22 33 44) et moi (moi@cd.fr / 0711223344).'))
      .toBe(`Mon chef (${MAIL}, ${TEL}) et moi (${MAIL} / ${TEL}).`);
  });

  it('writes the markers in English on request', () => {
    expect(scrubFreeText('a@b.fr 0612345678', 'en')).toBe('[e-mail removed] [phone number removed]');
  });

  it.each([
    'Depuis 2019, je travaille 35 h par semaine.',
    'Le budget est de 1 200 000 € (soit 12,5 %).',
    'Réunion le 12/03/2024 à 14h30, puis le 01.02.2025.',
    'Entre 2015 et 2024, 120 ménages, 45 IP.',
    'Il faut 10 à 20 min de trajet, 300 km par mois.',
    'Le dispositif 2024-2025 concerne 1500 personnes.',
    'SIRET 123 456 789 00012',
    'Article L. 262-36 du CASF, décret n° 2016-1234.',
    'Un délai de +3 jours, soit -2 % par rapport à 2023.',
    'Numéro de dossier 0123 45',
  ])('leaves alone text that is not a phone number or an address: %s', (text) => {
    expect(scrubFreeText(text)).toBe(text);
  });

  it('scrubs string cells and leaves other values', () => {
    expect(scrubValue('tel 0612345678')).toBe(`tel ${TEL}`);
    expect(scrubValue(42)).toBe(42);
    expect(scrubValue(null)).toBeNull();
  });
});
