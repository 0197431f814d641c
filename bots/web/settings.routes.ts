import { Router } from 'express';
import { LOCALES, type Locale } from '../../core/i18n/catalogue';
import { setMyLanguage } from '../../core/people/set-language.service';
import { errorMessage, t } from '../../core/i18n/translate';
import { isHelpdeskError } from '../../core/shared/errors';
import { DELIVERY_CHANNELS, RHYTHMS } from '../../core/notifications/outbox.port';
import { getPreferences, setPreferences, type PreferencesView } from '../../core/notifications/manage-preferences.service';
import { describePreferences } from '../../core/notifications/chat-preferences.service';
import { actorOf, chrome, WebCtx } from './context';
import { html, page, type Html } from './html';

const CHANNEL_LABEL: Record<string, string> = { slack: 'Slack', teams: 'Microsoft Teams', email: 'E-mail', sms: 'SMS' };

function settingsForm(l: Locale, csrf: string, p: PreferencesView, notice?: { kind: 'good' | 'refused'; text: string }): Html {
  return html`<h1>${t(l, 'web.settings.title')}</h1>
${notice ? html`<p class="notice ${notice.kind}" role="status">${notice.text}</p>` : html``}
<p class="hint">${describePreferences(l, p, false)}</p>
<form method="post" action="/settings" class="card">
<input type="hidden" name="_csrf" value="${csrf}">
<fieldset><legend>${t(l, 'web.settings.channels')}</legend>
<p class="hint">${t(l, 'web.settings.channels_hint')}</p>
${DELIVERY_CHANNELS.map((c) => html`<label class="check"><input type="checkbox" name="channels" value="${c}"${p.channels.includes(c) ? html` checked` : ''}> ${CHANNEL_LABEL[c] ?? c}</label>`)}
</fieldset>
<fieldset><legend>${t(l, 'web.settings.rhythm')}</legend>
${RHYTHMS.map((r) => html`<label class="check"><input type="radio" name="rhythm" value="${r}"${p.rhythm === r ? html` checked` : ''}> ${t(l, `notify.rhythm.${r}`)}</label>`)}
</fieldset>
<label class="check"><input type="checkbox" name="quietHours" value="1"${p.quietHours ? html` checked` : ''}> ${t(l, 'web.settings.quiet')}</label>
<button type="submit" class="primary">${t(l, 'web.settings.save')}</button>
</form>
${languageForm(l, csrf)}`;
}

/** The person's own language: its own small form, so it never resets the notification choices. */
function languageForm(l: Locale, csrf: string): Html {
  return html`<form method="post" action="/settings/language" class="card" id="language-form">
<input type="hidden" name="_csrf" value="${csrf}">
<label for="locale">${t(l, 'dayone.settings.language')}</label>
<p class="hint" id="locale-hint">${t(l, 'dayone.settings.language_hint')}</p>
<select id="locale" name="locale" aria-describedby="locale-hint">${LOCALES.map((x) => html`<option value="${x}" lang="${x}"${x === l ? html` selected` : ''}>${t(x, `dayone.language.${x}`)}</option>`)}</select>
<button type="submit" class="primary">${t(l, 'web.settings.save')}</button>
</form>`;
}

/** `/settings`: each person's notification choice (R4), the same use case as the chat words and the API. */
export function settingsRoutes(ctx: WebCtx): Router {
  const r = Router();
  const { deps } = ctx.o;
  r.get('/settings', async (req, res) => {
    const c = chrome(req, ctx, 'web.settings.title', '/settings');
    const done = req.query.done === 'saved' ? { kind: 'good' as const, text: t(c.locale, 'web.settings.saved') } : undefined;
    res.type('html').send(page(c, settingsForm(c.locale, c.csrf!, await getPreferences(deps, actorOf(req)), done)));
  });
  r.post('/settings/language', async (req, res) => {
    await setMyLanguage(deps, actorOf(req), (req.body as Record<string, unknown>).locale);
    res.redirect(303, '/settings?done=saved');
  });
  r.post('/settings', async (req, res) => {
    const c = chrome(req, ctx, 'web.settings.title', '/settings');
    const body = req.body as Record<string, unknown>;
    const channels = ([] as unknown[]).concat(body.channels ?? []).map(String);
    try {
      await setPreferences(deps, actorOf(req), { channels: channels as never, rhythm: String(body.rhythm ?? 'immediate') as never, quietHours: body.quietHours === '1' });
      res.redirect(303, '/settings?done=saved');
    } catch (e) {
      if (!isHelpdeskError(e) || e.kind !== 'invalid') throw e;
      const current = await getPreferences(deps, actorOf(req));
      res.status(400).type('html').send(page(c, settingsForm(c.locale, c.csrf!, current, { kind: 'refused', text: errorMessage(c.locale, e) })));
    }
  });
  return r;
}
