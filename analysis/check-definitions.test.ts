import { describe, expect, it } from 'vitest';
import { buildCodebook } from '../survey/codebook.js';
import { assertDefinitions, checkDefinitions } from './check-definitions.js';
import { fixtureDefinition, fixtureDerived, fixtureIndicators } from './test-support/fixture.js';

const codebook = buildCodebook(fixtureDefinition);

describe('checkDefinitions', () => {
  it('reports unknown columns, unknown choices, incomplete maps and wrong measures', () => {
    const problems = checkDefinitions(codebook, {
      derived: [
        { kind: 'in', name: 'a', column: 'appt_decision', values: ['secretariat'] },
        { kind: 'in', name: 'b', column: 'nope', values: ['x'] },
        { kind: 'map', name: 'c', column: 'fte', mapping: { fte_100: 1, fte_90: 0.9 } },
        { kind: 'meanOf', name: 'd', items: [{ column: 'appt_decision' }], minItems: 2 },
        { kind: 'in', name: 'e', column: 'ip_trust.ipt_avoid_contact', values: ['4'] },
        { kind: 'ratio', name: 'fte', num: 'caseload_active', den: 'caseload_active' },
      ],
      indicators: [
        { ...fixtureIndicators[0], variable: 'c' },
        { ...fixtureIndicators[0], measure: 'mean', variable: 'comment_general' },
      ],
      population: [{ column: 'consent', values: ['oui'] }],
      by: 'caseload_active',
    });
    expect(problems).toEqual([
      'derived "a": "secretariat" (string) is not a choice of "appt_decision"',
      'derived "b": unknown column "nope"',
      'derived "c": "fte_90" is not a choice of "fte"',
      'derived "c": choice "fte_80" of "fte" is not mapped',
      'derived "c": choice "fte_lt50" of "fte" is not mapped',
      'derived "d": minItems must be between 1 and 1',
      'derived "d": column "appt_decision" is not numeric',
      // The matrix stores 4 as a number: the string "4" would never match.
      'derived "e": "4" (string) is not a choice of "ip_trust.ipt_avoid_contact"',
      'derived "fte": name already used by a codebook column',
      'indicator "reception_filtering": a share needs a 0/1 variable, "c" is not one',
      'indicator "reception_filtering": id used twice',
      'indicator "reception_filtering": a mean needs a numeric variable, "comment_general" is not one',
      'population: "oui" (string) is not a choice of "consent"',
      'grouping: column "caseload_active" has no choices to label groups',
    ]);
  });

  it('reports comparisons and weighting that do not match the questionnaire', () => {
    const problems = checkDefinitions(codebook, {
      comparisons: { territory: { column: 'territory_3', groups: ['rural', 'town'] }, departement: 'territory_3', notDepartements: ['abroad'], profession: 'caseload_active' },
      weighting: { column: 'fte', coarsen: { fte_100: 'full', fte_x: 'full' }, coarseColumn: 'territory_3', minRespondents: 0 },
    });
    expect(problems).toEqual([
      'comparisons.territory: "town" is not a choice of "territory_3"',
      'comparisons.notDepartements: "abroad" is not a choice of "territory_3"',
      'comparisons.profession: column "caseload_active" has no choices',
      'weighting: "fte_x" is not a choice of "fte"',
      'weighting: "fte_100" is pooled into "full", which is not a choice of "territory_3"',
      'weighting: "fte_x" is pooled into "full", which is not a choice of "territory_3"',
      'weighting: minRespondents must be a positive whole number',
    ]);
  });

  it('requires a supporting direction for a proposition, not for a chapter, and quantiles of a mean only', () => {
    const { supports: _omitted, ...noDirection } = fixtureIndicators[0];
    const problems = checkDefinitions(codebook, {
      derived: fixtureDerived,
      indicators: [
        { ...noDirection, id: 'p4_without', proposition: 'P4' },
        { ...noDirection, id: 'workload_without', proposition: 'workload' },
        { ...fixtureIndicators[0], id: 'share_quantiles', quantiles: [0.5] },
      ],
    });
    expect(problems).toEqual([
      'indicator "p4_without": an indicator of proposition P4 must say which direction supports it ("supports")',
      'indicator "share_quantiles": quantiles are for a mean, each strictly between 0 and 1',
    ]);
  });

  it('throws one error listing the problems', () => {
    expect(() => assertDefinitions(codebook, { derived: [{ kind: 'in', name: 'b', column: 'nope', values: ['x'] }] })).toThrow(
      /fixture@0\.0\.1:\n- derived "b": unknown column "nope"/,
    );
  });
});
