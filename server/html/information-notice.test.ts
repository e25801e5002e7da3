import { describe, expect, it } from 'vitest';
import { polyvalence } from '../../survey/polyvalence/index.js';
import type { SurveyJson } from '../../survey/types.js';
import { informationNotice, informationNoticeFragment } from './information-notice.js';

const intro = polyvalence.json.pages![0];
const introHtml = intro.elements!.find((e) => e.type === 'html')!.html as { default: string; fr: string };

describe('informationNotice', () => {
  it('is the polyvalence questionnaire’s own introduction, in the page’s language', () => {
    const fr = informationNotice(polyvalence.json, 'fr')!;
    expect(fr.title).toBe((intro.title as { fr: string }).fr);
    expect(fr.html).toEqual([introHtml.fr]);
    expect(fr.html[0]).toContain('aucune adresse IP');
    // The consent follows: answerable before the bundle arrives.
    expect(fr.question).toEqual({
      name: 'consent',
      title: 'Avez-vous lu ces informations et acceptez-vous de participer ?',
      choices: [{ value: 'yes', text: 'Oui, je participe' }, { value: 'no', text: 'Non' }],
    });
    const en = informationNotice(polyvalence.json, 'en')!;
    expect(en.html).toEqual([introHtml.default]);
    expect(en.title).toBe('About this survey');
  });

  it('takes every leading html element and stops at the first question or condition', () => {
    const json: SurveyJson = {
      pages: [{
        name: 'p',
        elements: [
          { type: 'html', name: 'a', html: '<p>A</p>' },
          { type: 'html', name: 'b', html: { default: '<p>B</p>', fr: '<p>Bé</p>' } },
          { type: 'radiogroup', name: 'q' },
          { type: 'html', name: 'c', html: '<p>C</p>' },
        ],
      }],
    };
    // The radiogroup has no choices: not rendered early.
    expect(informationNotice(json, 'fr')).toEqual({ title: undefined, html: ['<p>A</p>', '<p>Bé</p>'] });
    const conditional: SurveyJson = { pages: [{ name: 'p', elements: [{ type: 'html', name: 'a', html: 'x', visibleIf: '{q} = 1' }] }] };
    expect(informationNotice(conditional, 'fr')).toBeUndefined();
  });

  it('is absent when the questionnaire opens on a question or on a conditional page', () => {
    expect(informationNotice({ pages: [{ name: 'p', elements: [{ type: 'text', name: 'q' }] }] }, 'fr')).toBeUndefined();
    expect(informationNotice({ pages: [{ name: 'p', visibleIf: '{x} = 1', elements: [{ type: 'html', name: 'h', html: 'x' }] }] }, 'fr')).toBeUndefined();
    expect(informationNotice({ pages: [] }, 'fr')).toBeUndefined();
    // A questionnaire without pages holds its elements at the top.
    expect(informationNotice({ elements: [{ type: 'html', name: 'h', html: '<p>top</p>' }] }, 'en')?.html).toEqual(['<p>top</p>']);
  });
});

describe('the question after the notice', () => {
  const withQuestion = (question: Record<string, unknown>): SurveyJson => ({
    pages: [{ name: 'p', elements: [{ type: 'html', name: 'h', html: 'x' }, { type: 'radiogroup', name: 'q', title: { default: 'Agree?', fr: 'D’accord ?' }, ...question }] }],
  });

  it('is rendered early when it is a plain single choice; number values come back as text', () => {
    expect(informationNotice(withQuestion({ choices: [1, { value: 2, text: { default: 'Two', fr: 'Deux' } }] }), 'fr')?.question).toEqual({
      name: 'q', title: 'D’accord ?', choices: [{ value: '1', text: '1' }, { value: '2', text: 'Deux' }],
    });
  });

  it('is not rendered early when conditional, open to other answers, or not a single choice', () => {
    for (const extra of [{ visibleIf: '{a} = 1' }, { showOtherItem: true }, { choicesByUrl: { url: 'x' } }, { choices: [] }, { choices: [{ value: 1, visibleIf: '{a} = 1' }] }, { readOnly: true }]) {
      const notice = informationNotice(withQuestion({ choices: [1, 2], ...extra }), 'fr');
      expect(notice?.html, JSON.stringify(extra)).toEqual(['x']);
      expect(notice?.question, JSON.stringify(extra)).toBeUndefined();
    }
    const checkbox: SurveyJson = { pages: [{ name: 'p', elements: [{ type: 'html', name: 'h', html: 'x' }, { type: 'checkbox', name: 'q', choices: [1] }] }] };
    expect(informationNotice(checkbox, 'fr')?.question).toBeUndefined();
  });
});

describe('informationNoticeFragment', () => {
  it('escapes the heading and title but keeps the author’s HTML', async () => {
    const out = String(await informationNoticeFragment({ title: 'Pré<sentation>', html: ['<p><strong>Lu</strong></p>'] }, 'A & B'));
    expect(out).toContain('id="static-notice"');
    expect(out).toContain('<h1>A &amp; B</h1>');
    expect(out).toContain('<h2>Pré&lt;sentation&gt;</h2>');
    expect(out).toContain('<p><strong>Lu</strong></p>');
    expect(out).not.toContain('fieldset');
  });

  it('renders the early question as labelled native radio buttons, escaped', async () => {
    const out = String(await informationNoticeFragment({ html: ['<p>x</p>'], question: { name: 'consent', title: 'OK <?>', choices: [{ value: 'yes', text: 'Oui & co' }] } }, 'T'));
    expect(out).toContain('<fieldset class="early-question" data-question="consent"><legend>OK &lt;?&gt;</legend>');
    expect(out).toContain('<label class="choice"><input type="radio" name="early-answer" value="yes"> Oui &amp; co</label>');
  });
});
