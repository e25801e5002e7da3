import { describe, expect, it } from 'vitest';
import { LOCALE_KEY, memoryStorage } from './browser-storage.js';
import { initialLocale, rememberLocale } from './locale-choice.js';
import { TEXTS } from './texts.js';

describe('initialLocale', () => {
  it('is French by default, follows the link, then the choice kept in this browser', () => {
    const storage = memoryStorage();
    expect(initialLocale('', storage, 'fr')).toBe('fr');
    expect(initialLocale('', undefined, undefined)).toBe('fr');
    expect(initialLocale('?lang=en', storage, 'en')).toBe('en');
    rememberLocale(storage, 'en');
    expect(storage.getItem(LOCALE_KEY)).toBe('"en"');
    expect(initialLocale('', storage, 'fr')).toBe('en');
    expect(initialLocale('?lang=fr', storage, 'fr')).toBe('fr');
    expect(initialLocale('?lang=de', storage, 'fr')).toBe('en');
    storage.setItem(LOCALE_KEY, '"de"');
    expect(initialLocale('', storage, 'fr')).toBe('fr');
  });
});

describe('client texts', () => {
  it('exist in both languages, and differ where a translation is expected', () => {
    const keys = Object.keys(TEXTS.fr) as (keyof typeof TEXTS.fr)[];
    expect(Object.keys(TEXTS.en).sort()).toEqual([...keys].sort());
    for (const k of keys) {
      expect(TEXTS.fr[k].trim(), k).not.toBe('');
      expect(TEXTS.en[k].trim(), k).not.toBe('');
      expect(TEXTS.en[k], k).not.toBe(TEXTS.fr[k]);
    }
    expect(TEXTS.fr.offline).toBe('Hors ligne : votre réponse sera envoyée au retour de la connexion.');
    expect(TEXTS.fr.eraseButton).toBe('Effacer mes réponses de ce navigateur');
    expect(TEXTS.fr.resumeButton).toBe('Reprendre sur un autre appareil');
  });
});
