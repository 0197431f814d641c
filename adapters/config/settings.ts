import { z } from 'zod';

/**
 * Every setting of ../shared/CONTRACT.md, read once at start. A present-but-invalid value stops the
 * start with one line naming it and saying how to fix it (bolt-js style), never later at run time.
 */
const optional = z.string().trim().optional().transform((v) => (v ? v : undefined));
const url = (hint: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((v) => (v ? v : undefined))
    .refine((v) => v === undefined || /^https?:\/\/[^\s]+$/.test(v), { message: hint });

const schema = z.object({
  NODE_ENV: z.string().optional().default('development'),
  DATABASE_URL: z
    .string()
    .trim()
    .default('sqlite:data/helpdesk.sqlite')
    .refine((v) => /^(sqlite:.+|mysql:\/\/[^\s]+|mariadb:\/\/[^\s]+)$/.test(v), {
      message: 'use sqlite:data/helpdesk.sqlite or mysql://user:pass@host:3306/helpdesk',
    }),
  PORT: z.coerce.number({ message: 'use a port number such as 3978' }).int().min(0).max(65535).default(3978),
  /** Empty: http://localhost:$PORT, so links follow the port the server really listens on. */
  PUBLIC_URL: url('use an absolute http(s) URL such as https://helpdesk.example.com'),
  HELPDESK_TIMEZONE: z
    .string()
    .default('Europe/Paris')
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, { message: 'use an IANA time zone such as Europe/Paris' }),
  HELPDESK_LOCALE: z.enum(['fr', 'en'], { message: 'use fr or en' }).default('fr'),
  HELPDESK_ADMINS: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((s) => s.trim()).filter(Boolean)),
  /** Where `npx helpdesk backup` and the nightly backup job write (R18). */
  HELPDESK_BACKUP_DIR: z.string().trim().min(1, { message: 'use a folder such as data/backups' }).default('data/backups'),
  /** How long a chat input taken by a worker stays its own; after a crash, another instance takes it then. */
  HELPDESK_INBOX_LEASE_SECONDS: z.coerce.number({ message: 'use a number of seconds such as 60' }).int().min(1, { message: 'use a number of seconds such as 60' }).max(3600, { message: 'use at most 3600 seconds' }).default(60),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], { message: 'use info, warn, error, debug or silent' }).default('info'),
  MICROSOFT_APP_ID: optional,
  MICROSOFT_APP_PASSWORD: optional,
  MICROSOFT_APP_TENANT_ID: optional,
  SLACK_BOT_TOKEN: optional,
  SLACK_SIGNING_SECRET: optional,
  /** An app-level token: Slack over Socket Mode (no public request URL); empty: HTTP mode at /slack/events. */
  SLACK_APP_TOKEN: optional.refine((v) => v === undefined || v.startsWith('xapp-'), { message: 'use the app-level token (xapp-...) from Basic Information -> App-Level Tokens, with the connections:write scope' }),
  SLACK_API_URL: url('use the Slack Web API base URL, e.g. https://slack.com/api/').default('https://slack.com/api/'),
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM: optional,
  TWILIO_API_URL: url('use the Twilio API base URL'),
  SMTP_URL: optional.refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: 'use smtp://user:pass@host:587 or smtps://...' }),
  MAIL_FROM: optional,
  /** The Chromium that prints report PDFs; empty: /usr/bin/chromium and the other usual places. */
  HELPDESK_CHROMIUM_PATH: optional,
  GRAPH_TENANT_ID: optional,
  GRAPH_CLIENT_ID: optional,
  GRAPH_CLIENT_SECRET: optional,
  GRAPH_API_URL: url('use the Graph API base URL'),
  MAIL_INBOUND_URL: optional.refine((v) => v === undefined || /^imaps?:\/\/[^\s:@/]+(:[^\s@/]*)?@[^\s/]+(\/[^\s]*)?$/.test(v) || /^graph:[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v), {
    message: 'use imap://user:pass@host:143/INBOX, imaps://user:pass@host:993/INBOX or graph:helpdesk@company.com',
  }),
  OIDC_ISSUER: url('use the issuer URL of your Entra ID tenant'),
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  /** Signs web session cookies; share it between instances. Empty: a random one per process (not in production with OIDC). */
  WEB_SESSION_SECRET: optional.refine((v) => v === undefined || v.length >= 32, { message: 'use at least 32 random characters, e.g. openssl rand -hex 32' }),
});

const withPublicUrl = <T extends { PORT: number; PUBLIC_URL?: string }>(s: T): T & { PUBLIC_URL: string } => ({ ...s, PUBLIC_URL: s.PUBLIC_URL ?? `http://localhost:${s.PORT}` });

export type Settings = ReturnType<typeof withPublicUrl<z.output<typeof schema>>>;

/** Slack is on with a bot token and either transport: signed HTTP requests or a Socket Mode connection. */
export function slackEnabled(s: Settings): s is Settings & { SLACK_BOT_TOKEN: string } {
  return !!s.SLACK_BOT_TOKEN && !!(s.SLACK_SIGNING_SECRET || s.SLACK_APP_TOKEN);
}

export class SettingsError extends Error {
  constructor(readonly variable: string, reason: string) {
    super(`Invalid setting ${variable}: ${reason}`);
    this.name = 'SettingsError';
  }
}

export function loadSettings(env: NodeJS.ProcessEnv = process.env): Settings {
  const r = schema.safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SettingsError(String(issue.path[0]), issue.message);
  }
  const s = withPublicUrl(r.data);
  if (s.SLACK_APP_TOKEN && !s.SLACK_BOT_TOKEN) throw new SettingsError('SLACK_BOT_TOKEN', 'Socket Mode (SLACK_APP_TOKEN) also needs the bot token (xoxb-...)');
  if (s.SLACK_BOT_TOKEN && !s.SLACK_SIGNING_SECRET && !s.SLACK_APP_TOKEN) {
    throw new SettingsError('SLACK_SIGNING_SECRET', 'set SLACK_SIGNING_SECRET (Slack calls /slack/events) or SLACK_APP_TOKEN (Socket Mode), or unset SLACK_BOT_TOKEN');
  }
  if (s.SLACK_SIGNING_SECRET && !s.SLACK_BOT_TOKEN) throw new SettingsError('SLACK_BOT_TOKEN', 'set both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET, or neither');
  const pairs: Array<[string, string | undefined, string, string | undefined]> = [
    ['MICROSOFT_APP_ID', s.MICROSOFT_APP_ID, 'MICROSOFT_APP_PASSWORD', s.MICROSOFT_APP_PASSWORD],
  ];
  for (const [a, av, b, bv] of pairs) {
    if (!!av !== !!bv) throw new SettingsError(av ? b : a, `set both ${a} and ${b}, or neither`);
  }
  const oidc = [s.OIDC_ISSUER, s.OIDC_CLIENT_ID, s.OIDC_CLIENT_SECRET];
  if (oidc.some(Boolean) && !oidc.every(Boolean)) {
    throw new SettingsError(!s.OIDC_ISSUER ? 'OIDC_ISSUER' : !s.OIDC_CLIENT_ID ? 'OIDC_CLIENT_ID' : 'OIDC_CLIENT_SECRET', 'set OIDC_ISSUER, OIDC_CLIENT_ID and OIDC_CLIENT_SECRET together, or none');
  }
  if (s.NODE_ENV === 'production' && s.OIDC_ISSUER && !s.WEB_SESSION_SECRET) {
    throw new SettingsError('WEB_SESSION_SECRET', 'production web sign-in needs a fixed secret shared by every instance: openssl rand -hex 32');
  }
  if (s.NODE_ENV === 'production' && !s.MICROSOFT_APP_ID) {
    throw new SettingsError('MICROSOFT_APP_ID', 'production refuses the unauthenticated Teams mode: set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID');
  }
  const graph = [s.GRAPH_TENANT_ID, s.GRAPH_CLIENT_ID, s.GRAPH_CLIENT_SECRET];
  if (graph.some(Boolean) && !graph.every(Boolean)) {
    throw new SettingsError(!s.GRAPH_TENANT_ID ? 'GRAPH_TENANT_ID' : !s.GRAPH_CLIENT_ID ? 'GRAPH_CLIENT_ID' : 'GRAPH_CLIENT_SECRET', 'set GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET together, or none');
  }
  if (s.MAIL_INBOUND_URL?.startsWith('graph:') && !s.GRAPH_TENANT_ID) {
    throw new SettingsError('MAIL_INBOUND_URL', 'graph: mail intake needs GRAPH_TENANT_ID, GRAPH_CLIENT_ID and GRAPH_CLIENT_SECRET');
  }
  return s;
}

/**
 * What `npm run manifest` needs, and only that: the Teams package holds the app id and the public
 * domain, never the password, so a half-configured Teams does not stop it.
 */
export function loadPackageSettings(env: NodeJS.ProcessEnv = process.env): Pick<Settings, 'MICROSOFT_APP_ID' | 'PUBLIC_URL'> {
  const r = schema.pick({ PORT: true, PUBLIC_URL: true, MICROSOFT_APP_ID: true }).safeParse(env);
  if (!r.success) {
    const issue = r.error.issues[0];
    throw new SettingsError(String(issue.path[0]), issue.message);
  }
  return withPublicUrl(r.data);
}
