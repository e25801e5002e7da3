import { Serializer } from 'survey-core';

let registered = false;

/**
 * Registers the custom properties our questionnaires carry, so that survey-core keeps
 * them on its models (and the Creator would show them): `qi`, the quasi-identifier
 * strength of a question (blueprint §5), and the label and choices of calculated values. Idempotent; call it before building a Model,
 * in Node and in the browser alike.
 */
export function registerCustomProperties(): void {
  if (registered) return;
  registered = true;
  Serializer.addProperty('question', {
    name: 'qi',
    category: 'general',
    choices: ['', 'strong', 'medium', 'weak'],
    default: '',
  });
  // Calculated values carry a label, choices and a QI strength for the codebook.
  Serializer.addProperty('calculatedvalue', { name: 'title', isLocalizable: true });
  Serializer.addProperty('calculatedvalue', { name: 'choices', type: 'itemvalues' });
  Serializer.addProperty('calculatedvalue', { name: 'qi', default: '' });
}
