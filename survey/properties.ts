import { Serializer } from 'survey-core';

let registered = false;

/**
 * Registers the custom properties our questionnaires carry, so that survey-core keeps
 * them on its models (and the Creator would show them): `qi`, the quasi-identifier
 * strength of a question (blueprint §5). Idempotent; call it before building a Model,
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
}
