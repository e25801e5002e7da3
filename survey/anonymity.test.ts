import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { describeStoredData } from './anonymity.js';
import { buildCodebook } from './codebook.js';
import { polyvalence } from './polyvalence/index.js';
import type { QuestionnaireDefinition } from './types.js';

const qvt: QuestionnaireDefinition = JSON.parse(readFileSync(new URL('../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8'));

describe('describeStoredData', () => {
  for (const def of [polyvalence, qvt]) {
    it(`lists every codebook column of ${def.id}, with its label, and only those`, () => {
      const codebook = buildCodebook(def);
      const d = describeStoredData(def, 'fr');
      expect(d.stored.columns.map((c) => c.name)).toEqual(codebook.columns.map((c) => c.name));
      expect(d.stored.columns.map((c) => c.label)).toEqual(codebook.columns.map((c) => c.title.fr));
      expect(d.freeText.map((c) => c.name)).toEqual(codebook.columns.filter((c) => c.freeText).map((c) => c.name));
      const qiColumns = d.quasiIdentifiers.flatMap((q) => q.columns);
      expect(qiColumns.sort()).toEqual(codebook.columns.filter((c) => c.qi).map((c) => c.name).sort());
    });
  }

  it('groups quasi-identifier columns by question, with the question title and strength', () => {
    const d = describeStoredData(qvt, 'en');
    expect(d.quasiIdentifiers).toEqual([
      { question: 'dept_code', label: 'In which département do you work?', strength: 'strong', strengthLabel: 'strong', columns: ['dept_code'] },
      { question: 'job', label: 'What is your profession?', strength: 'medium', strengthLabel: 'medium', columns: ['job', 'job-Comment'] },
      { question: 'seniority_years', label: 'For how many years have you worked in this job?', strength: 'weak', strengthLabel: 'weak', columns: ['seniority_years'] },
    ]);
    const poly = describeStoredData(polyvalence, 'fr');
    const team = poly.quasiIdentifiers.find((q) => q.columns.length > 2);
    expect(team, 'a checkbox QI question keeps its own title, not a choice').toBeDefined();
    expect(team!.label).not.toContain(' — ');
    expect(poly.quasiIdentifiers.map((q) => q.question)).toContain('territory_3');
  });

  it('describes the stored record and what is never stored, in the requested language', () => {
    const fr = describeStoredData(qvt, 'fr');
    expect(fr.stored.record.map((f) => f.key)).toEqual(['campaign_id', 'questionnaire_version', 'submitted_on', 'answer_id']);
    expect(fr.notStored.map((f) => f.key)).toEqual(expect.arrayContaining(['ip_address', 'user_agent', 'time_of_day', 'cookies', 'invitation_token']));
    expect(fr.notStored.find((f) => f.key === 'ip_address')?.label).toBe('Votre adresse IP');
    // The store keeps the questionnaire's id beside its version (answers.questionnaire_id).
    expect(fr.stored.record.find((f) => f.key === 'questionnaire_version')).toMatchObject({ label: 'Le questionnaire et sa version', detail: expect.stringMatching(/identifiant et sa version/) });
    const en = describeStoredData(qvt, 'en');
    expect(en.notStored.find((f) => f.key === 'ip_address')?.label).toBe('Your IP address');
    expect(en.questionnaire).toEqual({ id: 'qvt', version: '1.0.0', date: '2026-12-01', title: 'Quality of working life in social services' });
  });

  it('lists the local section of the link when the campaign has sections', () => {
    expect(describeStoredData(qvt, 'fr').stored.record.map((f) => f.key)).not.toContain('section');
    const d = describeStoredData(qvt, 'en', { sections: true });
    expect(d.stored.record.at(-1)).toMatchObject({ key: 'section', label: 'The local section of the link used' });
  });

  it('says that drafts stay on the device unless a resume code is asked for, and for how long', () => {
    expect(describeStoredData(qvt, 'fr').inProgress.detail).toMatch(/restent sur votre appareil.*pour une durée limitée/);
    expect(describeStoredData(qvt, 'en', { draftRetentionDays: 30 }).inProgress.detail).toContain('on the server under that code for at most 30 days, then deleted');
  });

  it('adds the record fields the server declares', () => {
    const d = describeStoredData(qvt, 'fr', { extraRecordFields: [{ key: 'link', label: { fr: 'Le lien utilisé', en: 'The link used' }, detail: { fr: 'Section locale.', en: 'Local section.' } }] });
    expect(d.stored.record.at(-1)).toEqual({ key: 'link', label: 'Le lien utilisé', detail: 'Section locale.' });
  });

  it('flags questions asking for an e-mail address or a phone number', () => {
    const withEmail: QuestionnaireDefinition = {
      ...qvt,
      json: { ...qvt.json, pages: [...qvt.json.pages!, { name: 'contact', elements: [
        { type: 'panel', name: 'box', elements: [{ type: 'text', name: 'email', inputType: 'email', title: { default: 'Your e-mail', fr: 'Votre courriel' } }] },
        { type: 'multipletext', name: 'reach', items: [{ name: 'phone', inputType: 'tel' }, { name: 'city' }] },
      ] }] },
    };
    expect(describeStoredData(withEmail, 'fr').directIdentifiers).toEqual([
      { question: 'email', label: 'Votre courriel', inputType: 'email' },
      { question: 'reach.phone', label: 'reach — phone', inputType: 'tel' },
    ]);
    expect(describeStoredData(qvt, 'fr').directIdentifiers).toEqual([]);
  });
});
