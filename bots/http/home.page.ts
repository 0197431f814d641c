import type { Locale } from '../../core/i18n/catalogue';

/** Until the web app lands (issue 9), `/` tells a newcomer where things are. */
export function homePage(locale: Locale): string {
  const fr = locale === 'fr';
  return `<!doctype html>
<html lang="${locale}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Helpdesk</title>
<style>body{font-family:system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;line-height:1.5}code{background:#f3f3f3;padding:0 .3em}</style>
</head><body>
<h1>Helpdesk</h1>
<p>${fr ? 'Le service tourne. L’API REST est décrite ici :' : 'The service is running. The REST API is described here:'}
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<p>${fr ? 'Créer un jeton :' : 'Create a token:'} <code>npx helpdesk token create --name me --role admin</code></p>
<p>${fr ? 'Données de démonstration :' : 'Demo data:'} <code>npx helpdesk demo</code></p>
<p><a href="/healthz">/healthz</a></p>
</body></html>`;
}
