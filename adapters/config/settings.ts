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
  PUBLIC_URL: url('use an absolute http(s) URL such as https://helpdesk.example.com').default('http://localhost:3978'),
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
  SLACK_API_URL: url('use the Slack Web API base URL, e.g. https://slack.com/api/').default('https://slack.com/api/'),
  TWILIO_ACCOUNT_SID: optional,
  TWILIO_AUTH_TOKEN: optional,
  TWILIO_FROM: optional,
  TWILIO_API_URL: url('use the Twilio API base URL'),
  SMTP_URL: optional.refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: 'use smtp://user:pass@host:587 or smtps://...' }),
  MAIL_FROM: optional,
  GRAPH_TENANT_ID: optional,
  GRAPH_CLIENT_ID: optional,
  GRAPH_CLIENT_SECRET: optional,
  GRAPH_API_URL: url('use the Graph API base URL'),
  OIDC_ISSUER: url('use the issuer URL of your Entra ID tenant'),
  OIDC_CLIENT_ID: optional,
  OIDC_CLIENT_SECRET: optional,
  /** Signs web session cookies; share it between instances. Empty: a random one per process (not in production with OIDC). */
  WEB_SESSION_SECRET: optional.refine((v) => v === undefined || v.length >= 32, { message: 'use at least 32 random characters, e.g. openssl rand -hex 32' }),
});

export type Settings = z.output<typeof schema>;

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
  const s = r.data;
  const pairs: Array<[string, string | undefined, string, string | undefined]> = [
    ['SLACK_BOT_TOKEN', s.SLACK_BOT_TOKEN, 'SLACK_SIGNING_SECRET', s.SLACK_SIGNING_SECRET],
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
  return s;
}
