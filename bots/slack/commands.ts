import type { App } from '@slack/bolt';
import type { WebClient } from '@slack/web-api';
import type { Actor } from '../../core/shared/actor';
import { asPerson, SlackContext } from './context';
import { talkOnSlack, type SlackSay } from './talk';

interface Cmd {
  user_id: string;
  channel_id: string;
  team_id?: string;
  text?: string;
  trigger_id?: string;
}

/** A slash command's trigger id is unique per invocation: a replayed request files nothing new. */
const replayKey = (c: Cmd) => (c.trigger_id ? `cmd:${c.trigger_id.slice(0, 180)}` : undefined);

/** Slash commands: acknowledged at once (Slack waits 3 s at most), answered through response_url. */
export function registerCommands(app: App, ctx: SlackContext): void {
  const on = (name: string, via: 'ticket' | 'tickets' | 'helpdesk') =>
    app.command(name, async ({ command, ack, client, respond }) => {
      await ack();
      const say: SlackSay = (m) => respond({ response_type: 'ephemeral', ...m } as never);
      await asPerson(ctx, client, command.user_id, (text) => say({ text }), (actor) => slashCommand(ctx, client, actor, command, via, say));
    });
  on('/ticket', 'ticket');
  on('/tickets', 'tickets');
  on('/helpdesk', 'helpdesk');
}

/** One slash command, parsed: also the entry point for a stored input replayed by a worker. The channel it was typed in can be bound (`setup`). */
export function slashCommand(ctx: SlackContext, client: WebClient, actor: Actor, c: Cmd, via: 'ticket' | 'tickets' | 'helpdesk', say: SlackSay): Promise<void> {
  const channel = { teamId: c.team_id ?? null, channelId: c.channel_id };
  return talkOnSlack(ctx, client, actor, c.text ?? '', { via, channel, inputKey: replayKey(c) }, { say, triggerId: c.trigger_id });
}
