import type { Locale } from '../core/i18n/catalogue';
import { t } from '../core/i18n/translate';
import type { ModalView } from './block-kit';
import { NOTE_MODAL } from './kb.actions';
import { input, plainText } from './report-form.blocks';

/** The card's "Note" button: an internal comment, never relayed to the requester (R15, R19 logs). */
export function noteModalView(ticketNumber: number, locale: Locale): ModalView {
  return {
    type: 'modal',
    callback_id: NOTE_MODAL,
    private_metadata: String(ticketNumber),
    title: plainText(`${t(locale, 'chat.note_title')} #${ticketNumber}`, 24),
    submit: plainText(t(locale, 'chat.note_submit'), 24),
    close: plainText(t(locale, 'cards.report.cancel'), 24),
    blocks: [input('note', t(locale, 'chat.note_label'), { type: 'plain_text_input', action_id: 'note', multiline: true, max_length: 3000 })],
  };
}
