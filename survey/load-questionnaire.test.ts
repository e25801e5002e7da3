import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { buildCodebook } from './codebook.js';
import { MAX_QUESTIONNAIRE_FILE_BYTES, parseQuestionnaireFile, QuestionnaireFileError, type ParseQuestionnaireOptions, type QuestionnaireProblemCode } from './load-questionnaire.js';
import { polyvalence } from './polyvalence/index.js';
import { createAnswerValidator } from './validate.js';

const qvtText = readFileSync(new URL('../test/fixtures/qvt-questionnaire.json', import.meta.url), 'utf8');
const qvt = JSON.parse(qvtText);
const IDENTITY = { id: 'custom', version: '1', date: '2026-12-01' };

/** A bare SurveyJS JSON with the given elements on one page. */
function bare(elements: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ pages: [{ name: 'p1', elements }], ...extra });
}

/** Parses and returns the error, failing the test if there is none. */
function errorOf(text: string, options: ParseQuestionnaireOptions = IDENTITY): QuestionnaireFileError {
  try {
    parseQuestionnaireFile(text, options);
  } catch (err) {
    expect(err).toBeInstanceOf(QuestionnaireFileError);
    return err as QuestionnaireFileError;
  }
  throw new Error('expected a QuestionnaireFileError');
}

function codes(err: QuestionnaireFileError): QuestionnaireProblemCode[] {
  return err.problems.map((p) => p.code);
}

const text = (name: string) => ({ type: 'text', name, title: name });

describe('parseQuestionnaireFile: valid files', () => {
  it('reads our wrapper format, keeping the SurveyJS JSON as it is', () => {
    const def = parseQuestionnaireFile(qvtText);
    expect(def).toEqual({ id: 'qvt', version: '1.0.0', date: '2026-12-01', json: qvt.json });
    const codebook = buildCodebook(def);
    expect(codebook.columns.find((c) => c.name === 'dept_code')?.qi).toBe('strong');
    expect(codebook.title).toEqual({ fr: 'Qualité de vie au travail en service social', en: 'Quality of working life in social services' });
  });

  it('reads a bare SurveyJS JSON with the identity given beside it, and a byte order mark', () => {
    const def = parseQuestionnaireFile('\uFEFF' + JSON.stringify(qvt.json), { id: 'qvt-bis', version: '2.0', date: '2027-01-15' });
    expect(def.id).toBe('qvt-bis');
    expect(def.version).toBe('2.0');
    expect(def.json).toEqual(qvt.json);
  });

  it('accepts the polyvalence questionnaire and the test fixture, and the result can validate answers', () => {
    expect(parseQuestionnaireFile(JSON.stringify(polyvalence)).id).toBe('polyvalence');
    const def = parseQuestionnaireFile(qvtText);
    const validate = createAnswerValidator(def);
    expect(validate({ dept_code: '01D', job: 'as', satisfaction: 4 }).ok).toBe(true);
    expect(validate({ dept_code: '99D', job: 'as', satisfaction: 4 }).ok).toBe(false);
  });

  it('accepts options that repeat the wrapper identity', () => {
    expect(parseQuestionnaireFile(qvtText, { id: 'qvt', version: '1.0.0' }).id).toBe('qvt');
  });
});

describe('parseQuestionnaireFile: broken files', () => {
  it('refuses text that is not JSON, with the line and column', () => {
    const err = errorOf('{\n  "pages": [\n    {"name": "p1", "elements": []\n  ]\n}');
    expect(err.code).toBe('not_json');
    expect(err.message).toMatch(/line 4/);
    expect(err.describe('fr')).toMatch(/n'est pas du JSON valide \(ligne 4/);
  });

  it('refuses JSON that is not an object', () => {
    expect(errorOf('[1, 2]').code).toBe('not_object');
    expect(errorOf('"survey"').code).toBe('not_object');
  });

  it('refuses a file over the size limit before parsing it', () => {
    const big = JSON.stringify({ pages: [{ name: 'p', elements: [text('a')] }], description: 'é'.repeat(MAX_QUESTIONNAIRE_FILE_BYTES / 2 + 1) });
    expect(errorOf(big).code).toBe('too_large');
    expect(errorOf(bare([text('a')]), { ...IDENTITY, maxBytes: 10 }).code).toBe('too_large');
  });

  it('refuses a questionnaire with no pages or elements, or no question', () => {
    expect(errorOf(JSON.stringify({ title: 'Vide' })).code).toBe('no_pages');
    const onlyHtml = errorOf(bare([{ type: 'html', name: 'intro', html: '<p>Bonjour</p>' }]));
    expect(codes(onlyHtml)).toEqual(['no_question']);
    expect(onlyHtml.problems[0].path).toBe('$');
  });

  it('refuses malformed structure with its path', () => {
    const err = errorOf(JSON.stringify({ pages: [{ name: 'p1', elements: [text('a'), 'b', { name: 'c' }] }, { elements: [] }] }));
    expect(err.problems.map((p) => [p.code, p.path])).toEqual([
      ['bad_structure', '$.pages[0].elements[1]'],
      ['bad_structure', '$.pages[0].elements[2].type'],
      ['bad_structure', '$.pages[1].name'],
    ]);
  });

  it('refuses duplicate question names, naming both places, including inside panels and calculated values', () => {
    const err = errorOf(bare([text('a'), { type: 'panel', name: 'box', elements: [text('a')] }], {
      calculatedValues: [{ name: 'a', expression: '1' }],
    }));
    expect(err.problems.map((p) => [p.code, p.path])).toEqual([
      ['duplicate_name', '$.pages[0].elements[1].elements[0]'],
      ['duplicate_name', '$.calculatedValues[0]'],
    ]);
    expect(err.message).toContain('$.pages[0].elements[0]');
  });

  it('refuses duplicate choice values and rows', () => {
    const err = errorOf(bare([
      { type: 'radiogroup', name: 'r', choices: ['x', { value: 'x', text: 'X' }] },
      { type: 'matrix', name: 'm', columns: [1, 2], rows: ['a', 'a'] },
    ]));
    expect(err.problems.map((p) => p.path)).toEqual(['$.pages[0].elements[0].choices[1]', '$.pages[0].elements[1].rows[1]']);
    expect(codes(err)).toEqual(['duplicate_name', 'duplicate_name']);
  });

  it('refuses question types the codebook does not support', () => {
    const err = errorOf(bare([text('a'), { type: 'file', name: 'upload' }, { type: 'matrixdynamic', name: 'md', columns: [] }]));
    expect(codes(err)).toEqual(['unsupported_type', 'unsupported_type']);
    expect(err.problems[0].path).toBe('$.pages[0].elements[1].type');
    expect(err.message).toMatch(/question "upload" has type "file"/);
  });

  it('reports properties and types survey-core does not know', () => {
    const err = errorOf(bare([{ type: 'text', name: 'a', titel: 'Typo' }, { type: 'radiogroupp', name: 'b' }], { showProgresBar: 'top' }));
    expect(err.problems.map((p) => [p.code, p.path])).toEqual([
      ['unsupported_type', '$.pages[0].elements[1].type'],
      ['survey_json', '$.pages[0].elements[0].titel'],
      ['survey_json', '$.showProgresBar'],
    ]);
    expect(err.describe('fr')).toContain('propriété inconnue « titel »');
  });

  it('refuses names that would break flat columns, and forbidden names', () => {
    const err = errorOf(bare([
      text('team.size'), text('notes-Comment'), text('__proto__'), text('constructor'), text('submitted_on'), text('=cmd'),
      { type: 'checkbox', name: 'topics', choices: ['prototype', 'food'] },
      { type: 'multipletext', name: 'mt', items: [{ name: '__proto__' }] },
    ]));
    expect(err.problems.map((p) => p.path)).toEqual([
      '$.pages[0].elements[0].name', '$.pages[0].elements[1].name', '$.pages[0].elements[2].name',
      '$.pages[0].elements[3].name', '$.pages[0].elements[4].name', '$.pages[0].elements[5].name',
      '$.pages[0].elements[6].choices[0]', '$.pages[0].elements[7].items[0]',
    ]);
    expect(new Set(codes(err))).toEqual(new Set(['bad_name']));
    expect(err.message).toMatch(/contains a dot/);
    expect(err.message).toMatch(/ends in "-Comment"/);
  });

  it('refuses properties that would store answers the validator and the codebook cannot read', () => {
    const err = errorOf(bare([
      { type: 'checkbox', name: 'c', choices: ['a', 'b'] },
      { type: 'text', name: 't', valueName: 'elsewhere' },
      { type: 'radiogroup', name: 'r', choices: ['x'], showCommentArea: true },
      { type: 'checkbox', name: 'c2', choicesFromQuestion: 'c' },
      { type: 'dropdown', name: 'd', choicesByUrl: { url: 'https://example.org/choices.json' } },
      { type: 'dropdown', name: 'n', choicesMin: 1, choicesMax: 10 },
      // Empty or default values change nothing.
      { type: 'radiogroup', name: 'ok', choices: ['x'], showCommentArea: false, valueName: '', choicesByUrl: {} },
    ]));
    expect(err.problems.map((p) => [p.code, p.path])).toEqual([
      ['unsupported_property', '$.pages[0].elements[1].valueName'],
      ['unsupported_property', '$.pages[0].elements[2].showCommentArea'],
      ['unsupported_property', '$.pages[0].elements[3].choicesFromQuestion'],
      ['unsupported_property', '$.pages[0].elements[4].choicesByUrl'],
      ['unsupported_property', '$.pages[0].elements[5].choicesMin'],
      ['unsupported_property', '$.pages[0].elements[5].choicesMax'],
    ]);
    expect(err.message).toMatch(/question "t" stores the answer under another name/);
    expect(err.describe('fr')).toMatch(/la question « d » charge ses choix depuis une adresse extérieure/);
  });

  it('refuses a question without a name', () => {
    const err = errorOf(bare([{ type: 'text', title: 'Sans nom' }]));
    expect(err.problems[0]).toMatchObject({ code: 'bad_name', path: '$.pages[0].elements[0].name' });
  });

  it('refuses an unknown quasi-identifier strength, which would silently drop the protection', () => {
    const err = errorOf(bare([{ ...text('dept'), qi: 'high' }]));
    expect(err.problems[0]).toMatchObject({ code: 'bad_qi', path: '$.pages[0].elements[0].qi' });
  });

  it('checks id, version and date: slugs, ISO day, agreement with the options, presence for a bare file', () => {
    expect(codes(errorOf(bare([text('a')]), { id: 'Mon Enquête', version: '1', date: '2026-01-01' }))).toEqual(['bad_id']);
    expect(codes(errorOf(bare([text('a')]), { id: 'ok', version: 'v/2', date: '2026-01-01' }))).toEqual(['bad_version']);
    expect(codes(errorOf(bare([text('a')]), { id: 'ok', version: '1', date: '2026-02-30' }))).toEqual(['bad_date']);
    expect(codes(errorOf(bare([text('a')]), { id: `a${'b'.repeat(64)}`, version: '1', date: '2026-01-01' }))).toEqual(['bad_id']);
    const missing = errorOf(bare([text('a')]), {});
    expect(codes(missing)).toEqual(['bad_id', 'bad_version', 'bad_date']);
    expect(missing.message).toMatch(/must be given alongside a bare SurveyJS file/);
    const conflict = errorOf(qvtText, { version: '2.0.0' });
    expect(conflict.problems[0]).toMatchObject({ code: 'bad_version', path: '$.version' });
  });

  it('refuses unknown wrapper keys and a wrapper whose json is not an object', () => {
    expect(errorOf(JSON.stringify({ ...qvt, author: 'x' }), {}).problems[0]).toMatchObject({ code: 'bad_wrapper', path: '$.author' });
    expect(errorOf(JSON.stringify({ ...qvt, json: [] }), {}).problems[0]).toMatchObject({ code: 'bad_wrapper', path: '$.json' });
  });

  it('refuses a reserved id', () => {
    expect(errorOf(qvtText, { reservedIds: ['qvt'] }).code).toBe('reserved_id');
  });

  it('reports every problem of a badly broken file, up to a limit', () => {
    const err = errorOf(bare(Array.from({ length: 50 }, (_, i) => text(`q.${i}`))));
    expect(err.problems.length).toBe(31);
    expect(err.message).toMatch(/and 20 more problem/);
  });
});
