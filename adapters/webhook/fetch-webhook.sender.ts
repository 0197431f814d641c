import type { WebhookSender } from '../../core/automation/webhook.port';

/** Outbound webhooks of automation rules: a JSON POST with a timeout, so a dead peer cannot hold a sweep. */
export function fetchWebhookSender(timeoutMs = 5000): WebhookSender {
  return {
    async post(url, body) {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'user-agent': 'helpdesk-automation' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
      await res.arrayBuffer().catch(() => undefined);
      return res.status;
    },
  };
}
