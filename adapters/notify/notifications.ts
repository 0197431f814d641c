import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from 'pino';
import type { Settings } from '../config/settings';
import type { CoreDeps } from '../../core/shared/deps';
import type { DeliveryChannel } from '../../core/notifications/outbox.port';
import type { Sender } from '../../core/notifications/sender.port';
import { OutboxWorker, type WorkerOptions } from '../../core/notifications/outbox-worker';
import { kickAfterCommit } from '../../core/notifications/kick-after-commit';
import { hourlyDigestJob } from '../../core/notifications/hourly-digest.job';
import { onCallJob } from '../../core/notifications/page-oncall.job';
import { purgeOutboxJob } from '../../core/notifications/purge-outbox.job';
import { JobRunner } from '../scheduler/job-runner';
import { SlackSender } from './slack.sender';
import { SmsSender } from './sms.sender';
import { TeamsSender } from './teams.sender';
import { chatCards } from './chat-cards';
import { BotConnectorClient } from '../teams/connector-client';

export interface NotificationsOptions {
  /** Worker tuning (tests shorten backoff and leases). */
  worker?: Partial<Omit<WorkerOptions, 'uow' | 'clock' | 'senders' | 'render' | 'owner'>>;
  /** Senders to use instead of the ones the settings describe (benches, tests of one channel). */
  senders?: Partial<Record<DeliveryChannel, Sender>>;
  /** False: no node-schedule timers and no polling; tests then call runner.runDue() and worker.drain(). */
  timers?: boolean;
  /** Runs the sender woken by a commit outside the request's statement trace (Database.untraced). */
  detach?: (fn: () => void) => void;
}

export interface Notifications {
  worker: OutboxWorker;
  runner: JobRunner;
  start(): void;
  stop(): Promise<void>;
}

/** The channels the settings switch on: each is off while its settings are empty. */
export function sendersFrom(settings: Settings, deps: CoreDeps): Partial<Record<DeliveryChannel, Sender>> {
  const cards = chatCards(deps, { publicUrl: settings.PUBLIC_URL, timeZone: settings.HELPDESK_TIMEZONE });
  const s: Partial<Record<DeliveryChannel, Sender>> = {};
  if (settings.SLACK_BOT_TOKEN) s.slack = new SlackSender({ botToken: settings.SLACK_BOT_TOKEN, apiUrl: settings.SLACK_API_URL, uow: deps.uow, cards });
  // Teams has a local unauthenticated mode: always on, like the Teams bot.
  const connector = new BotConnectorClient({ appId: settings.MICROSOFT_APP_ID, password: settings.MICROSOFT_APP_PASSWORD, tenantId: settings.MICROSOFT_APP_TENANT_ID });
  s.teams = new TeamsSender({ connector, uow: deps.uow, cards });
  // nodemailer is loaded only when mail is configured.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  if (settings.SMTP_URL && settings.MAIL_FROM) s.email = new (require('./email.sender') as typeof import('./email.sender')).EmailSender({ smtpUrl: settings.SMTP_URL, from: settings.MAIL_FROM });
  if (settings.TWILIO_ACCOUNT_SID && settings.TWILIO_AUTH_TOKEN && settings.TWILIO_FROM) {
    s.sms = new SmsSender({ accountSid: settings.TWILIO_ACCOUNT_SID, authToken: settings.TWILIO_AUTH_TOKEN, from: settings.TWILIO_FROM, apiUrl: settings.TWILIO_API_URL });
  }
  return s;
}

/**
 * Issue 5's moving parts, built by the composition root: the outbox worker and the job runner with
 * its first jobs. `deps.uow` is wrapped so that a commit which wrote outbox rows wakes the worker.
 */
export function createNotifications(settings: Settings, deps: CoreDeps, log: Logger, o: NotificationsOptions = {}): Notifications {
  const inner = deps.uow;
  const owner = `${os.hostname()}-${process.pid}-${randomUUID().slice(0, 6)}`;
  const worker = new OutboxWorker({
    uow: inner,
    clock: deps.clock,
    senders: { ...sendersFrom(settings, deps), ...o.senders },
    render: { defaultLocale: deps.defaultLocale, publicUrl: settings.PUBLIC_URL, timeZone: settings.HELPDESK_TIMEZONE },
    owner,
    onError: (err) => log.error({ err }, 'outbox worker failed'),
    ...o.worker,
  });
  const detach = o.detach ?? ((fn: () => void) => fn());
  deps.uow = kickAfterCommit(inner, () => detach(() => worker.kick()));
  const runner = new JobRunner({ uow: inner, clock: deps.clock, timeZone: settings.HELPDESK_TIMEZONE, owner, onError: (job, err) => log.error({ err, job }, 'scheduled job failed') });
  runner.register({ name: 'notifications.outbox-sweep', cron: '* * * * *', run: async () => void (await worker.drain()) });
  runner.register(hourlyDigestJob(inner, () => worker.kick()));
  runner.register(onCallJob(inner, () => worker.kick()));
  runner.register(purgeOutboxJob(inner));
  const timers = o.timers !== false;
  return {
    worker,
    runner,
    start() {
      if (!timers) return;
      worker.start();
      runner.start();
    },
    async stop() {
      await runner.stop();
      await worker.stop();
      for (const s of Object.values(worker.senders)) (s as { close?: () => void }).close?.();
    },
  };
}
