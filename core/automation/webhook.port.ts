/** Outbound webhooks of the automation rules (R6, R7); the adapter does the HTTP. */
export interface WebhookSender {
  /** Resolves with the HTTP status; rejects on a network failure or a timeout. */
  post(url: string, body: unknown): Promise<number>;
}
