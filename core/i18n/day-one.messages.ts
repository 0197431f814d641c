/** Texts a new user meets on day one (keys `dayone.*`): a report nobody received, language choice, 404. */
export const dayOneFr = {
  'dayone.report.nobody': "Rapport #{id} gardé, mais personne ne l'a reçu : aucun canal managers n'est configuré et aucun manager ne le reçoit par e-mail.",
  'dayone.report.fix': "Pour le recevoir : tapez « setup managers » dans le canal Teams ou Slack des managers, ou abonnez un manager par e-mail (PUT /api/v1/reports/subscription, SMTP_URL et MAIL_FROM configurés), puis renvoyez-le.",
  'dayone.report.nobody_short': "personne ne l'a reçu",
  'dayone.report.reached': 'reçu par {count} destinataire(s)',
} as const;

export const dayOneEn: Record<keyof typeof dayOneFr, string> = {
  'dayone.report.nobody': 'Report #{id} was kept, but nobody received it: no managers channel is set up and no manager gets it by e-mail.',
  'dayone.report.fix': 'To receive it: type "setup managers" in the managers\' Teams or Slack channel, or subscribe a manager by e-mail (PUT /api/v1/reports/subscription, with SMTP_URL and MAIL_FROM set), then send it again.',
  'dayone.report.nobody_short': 'nobody received it',
  'dayone.report.reached': 'received by {count} recipient(s)',
};
