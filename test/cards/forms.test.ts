import { CALLBACKS, REPORT_FORM_VERB } from '../../cards/actions';
import { reportFormAdaptive } from '../../cards/report-form.adaptive';
import { reportModalView } from '../../cards/report-form.blocks';
import { resolveModalView } from '../../cards/resolve-modal.blocks';
import { categories } from './fixtures';
import { ofType } from './texts';

const prefill = { title: 'Imprimante en panne', description: 'Bourrage papier <encore> & toujours', category: 'network', urgency: 'high' as const };

describe('the report form on Slack', () => {
  it('is the report modal with one input block per field, block_id = action_id = field name, prefilled', () => {
    const view = reportModalView({ locale: 'fr', categories, prefill, privateMetadata: '{"ticket":null}' });
    expect(view).toEqual(expect.objectContaining({ type: 'modal', callback_id: CALLBACKS.reportModal, private_metadata: '{"ticket":null}' }));
    expect(view.title.text).toBe('Nouveau ticket');
    const inputs = ofType(view, 'input');
    expect(inputs.map((b) => [b.block_id, b.element.action_id])).toEqual([
      ['title', 'title'],
      ['description', 'description'],
      ['category', 'category'],
      ['urgency', 'urgency'],
    ]);
    const [title, description, category, urgency] = inputs.map((b) => b.element);
    expect(title).toEqual(expect.objectContaining({ initial_value: 'Imprimante en panne', max_length: 200 }));
    expect(description).toEqual(expect.objectContaining({ initial_value: 'Bourrage papier <encore> & toujours', multiline: true }));
    expect(category.initial_option).toEqual({ text: expect.objectContaining({ text: 'Réseau <LAN> & Wi-Fi' }), value: 'network' });
    expect(urgency.initial_option.value).toBe('high');
    expect(urgency.options.map((o: { text: { text: string } }) => o.text.text)).toEqual(['Basse', 'Moyenne', 'Haute', 'Critique']);
  });

  it('starts empty at medium urgency, ignores an unknown category and cuts a long title to 200', () => {
    const view = reportModalView({ locale: 'en', categories, prefill: { title: 'é'.repeat(250), category: 'nope' } });
    const [title, description, category, urgency] = ofType(view, 'input').map((b) => b.element);
    expect(title.initial_value).toHaveLength(200);
    expect(description.initial_value).toBeUndefined();
    expect(category.initial_option).toBeUndefined();
    expect(urgency.initial_option.text.text).toBe('Medium');
    expect(view.title.text).toBe('New ticket');
  });

  it('leaves the category out when there are no categories (Slack refuses an empty select)', () => {
    expect(ofType(reportModalView({ locale: 'fr', categories: [], prefill: {} }), 'input').map((b) => b.block_id)).toEqual(['title', 'description', 'urgency']);
  });
});

describe('the report form on Teams and the web', () => {
  it('has the four inputs, prefilled, and submits file_ticket', () => {
    const card = reportFormAdaptive({ locale: 'en', categories, prefill });
    const [title, description] = ofType(card, 'Input.Text');
    expect(title).toEqual(expect.objectContaining({ id: 'title', maxLength: 200, isRequired: true, value: 'Imprimante en panne', label: 'Title' }));
    expect(description).toEqual(expect.objectContaining({ id: 'description', isMultiline: true, value: prefill.description }));
    const [category, urgency] = ofType(card, 'Input.ChoiceSet');
    expect(category).toEqual(expect.objectContaining({ id: 'category', value: 'network' }));
    expect(category.choices).toHaveLength(categories.length);
    expect(urgency).toEqual(expect.objectContaining({ id: 'urgency', value: 'high' }));
    expect(ofType(card, 'Action.Submit')).toEqual([expect.objectContaining({ title: 'Send', data: { verb: REPORT_FORM_VERB } })]);
    expect(REPORT_FORM_VERB).toBe('file_ticket');
  });

  it('defaults to medium urgency and no category', () => {
    const card = reportFormAdaptive({ locale: 'fr', categories, prefill: { category: 'nope' } });
    const [category, urgency] = ofType(card, 'Input.ChoiceSet');
    expect(category.value).toBeUndefined();
    expect(urgency.value).toBe('medium');
    expect(ofType(card, 'Input.Text')[0].value).toBeUndefined();
  });
});

describe('the resolve modal', () => {
  it.each([
    ['fr', 'Résoudre #42', 'Résolution'],
    ['en', 'Resolve #42', 'Resolution'],
  ] as const)('in %s carries the ticket number and asks for the resolution', (locale, title, label) => {
    const view = resolveModalView(42, locale);
    expect(view).toEqual(expect.objectContaining({ type: 'modal', callback_id: CALLBACKS.resolveModal, private_metadata: '42' }));
    expect(view.title.text).toBe(title);
    const [input] = ofType(view, 'input');
    expect(input).toEqual(expect.objectContaining({ block_id: 'resolution', label: expect.objectContaining({ text: label }) }));
    expect(input.element).toEqual(expect.objectContaining({ action_id: 'resolution', multiline: true }));
    expect(input.optional).toBeUndefined();
  });
});
