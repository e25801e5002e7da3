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

describe('informationNoticeFragment', () => {
  it('escapes the heading and title but keeps the author’s HTML', async () => {
    const out = String(await informationNoticeFragment({ title: 'Pré<sentation>', html: ['<p><strong>Lu</strong></p>'] }, 'A & B'));
    expect(out).toContain('id="static-notice"');
    expect(out).toContain('<h1>A &amp; B</h1>');
    expect(out).toContain('<h2>Pré&lt;sentation&gt;</h2>');
    expect(out).toContain('<p><strong>Lu</strong></p>');
  });
});
