import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import { CALLBACKS } from './actions';
import type { ModalView } from './block-kit';
import { input, plainText } from './report-form.blocks';

/** Asked when Resolve is pressed: the resolution is required to resolve (core says so too). */
export function resolveModalView(ticketNumber: number, locale: Locale): ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACKS.resolveModal,
    private_metadata: String(ticketNumber),
    title: plainText(t(locale, 'cards.resolve.title', { number: ticketNumber }), 24),
    submit: plainText(t(locale, 'cards.ticket.resolve'), 24),
    close: plainText(t(locale, 'cards.report.cancel'), 24),
    blocks: [
      input('resolution', t(locale, 'cards.resolve.label'), {
        type: 'plain_text_input',
        action_id: 'resolution',
        multiline: true,
        max_length: 3000,
        placeholder: plainText(t(locale, 'cards.resolve.placeholder'), 150),
      }),
    ],
  };
}
