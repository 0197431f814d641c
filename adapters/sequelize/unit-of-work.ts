import { AsyncLocalStorage } from 'node:async_hooks';
import { Transaction, UniqueConstraintError, type Sequelize } from 'sequelize';
import type { Store, UnitOfWork } from '../../core/shared/store.port';
import { Mutex } from './mutex';
import { SqlAuditRepository } from './repositories/audit.repository';
import { SqlChatRepository } from './repositories/chat.repository';
import { SqlConversationRefRepository } from './repositories/conversation-ref.repository';
import { SqlCategoryRepository } from './repositories/category.repository';
import { SqlCommentRepository } from './repositories/comment.repository';
import { SqlExternalRefRepository } from './repositories/external-ref.repository';
import { SqlKbRepository } from './repositories/kb.repository';
import { SqlIdempotencyRepository } from './repositories/idempotency.repository';
import { SqlLinkRepository } from './repositories/link.repository';
import { SqlPersonRepository } from './repositories/person.repository';
import { SqlStoredReportRepository } from './repositories/stored-report.repository';
import { SqlPrivacyRepository } from './repositories/privacy.repository';
import { SqlAttachmentRepository } from './repositories/attachment.repository';
import { SqlReportRepository } from './repositories/report.repository';
import { SqlServiceRepository } from './repositories/service.repository';
import { SqlSettingsRepository } from './repositories/settings.repository';
import { SqlTicketRepository } from './repositories/ticket.repository';
import { SqlTokenRepository } from './repositories/token.repository';
import { SqlNotificationRepository } from './repositories/outbox.repository';
import { SqlSlaRepository } from './repositories/sla.repository';
import { SqlRoutingRepository } from './repositories/routing.repository';
import { SqlAutomationRepository } from './repositories/automation.repository';
import { SqlTemplateRepository } from './repositories/template.repository';
import { SqlDirectoryRepository } from './repositories/directory.repository';
import { SqlInboundMailRepository } from './repositories/inbound-mail.repository';
import { SqlInboxRepository } from './repositories/inbox.repository';
import { Sql, type Dialect, type Lock } from './sql';

/** MySQL errors after which the whole unit of work may simply run again: deadlock, lock wait timeout. */
const RETRYABLE_ERRNOS = new Set([1213, 1205]);
/** Retries after the first attempt (so at most 4 runs of `work`). */
export const MAX_RETRIES = 3;

export function isRetryableMysqlError(err: unknown): boolean {
  const e = err as { parent?: { errno?: unknown }; original?: { errno?: unknown }; errno?: unknown } | null;
  const errno = e?.parent?.errno ?? e?.original?.errno ?? e?.errno;
  return typeof errno === 'number' && RETRYABLE_ERRNOS.has(errno);
}

export function createStore(sql: Sql): Store {
  return {
    tickets: new SqlTicketRepository(sql),
    people: new SqlPersonRepository(sql),
    services: new SqlServiceRepository(sql),
    categories: new SqlCategoryRepository(sql),
    links: new SqlLinkRepository(sql),
    externalRefs: new SqlExternalRefRepository(sql),
    comments: new SqlCommentRepository(sql),
    audit: new SqlAuditRepository(sql),
    settings: new SqlSettingsRepository(sql),
    tokens: new SqlTokenRepository(sql),
    idempotency: new SqlIdempotencyRepository(sql),
    chat: new SqlChatRepository(sql),
    conversationRefs: new SqlConversationRefRepository(sql),
    kb: new SqlKbRepository(sql),
    reports: new SqlReportRepository(sql),
    notifications: new SqlNotificationRepository(sql),
    storedReports: new SqlStoredReportRepository(sql),
    privacy: new SqlPrivacyRepository(sql),
    attachments: new SqlAttachmentRepository(sql),
    sla: new SqlSlaRepository(sql),
    routing: new SqlRoutingRepository(sql),
    automation: new SqlAutomationRepository(sql),
    templates: new SqlTemplateRepository(sql),
    directory: new SqlDirectoryRepository(sql),
    inboundMails: new SqlInboundMailRepository(sql),
    inbox: new SqlInboxRepository(sql),
  };
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class SequelizeUnitOfWork implements UnitOfWork {
  readonly read: Store;
  /** SQLite only: one transaction at a time, and writes through `read` wait for it. */
  private readonly sqliteLock: Mutex | null;
  /**
   * Marks the async flow of a running `work`. Only used to refuse what would deadlock or escape the
   * transaction (a nested transaction(), a write through `read`), never to find the transaction.
   */
  private readonly inside = new AsyncLocalStorage<{ open: boolean }>();

  constructor(
    private readonly sequelize: Sequelize,
    private readonly dialect: Dialect,
  ) {
    this.sqliteLock = dialect === 'sqlite' ? new Mutex() : null;
    const readWrites: Lock = {
      run: (fn) => {
        this.refuseInsideWork('a write through uow.read');
        return this.sqliteLock ? this.sqliteLock.run(fn) : fn();
      },
    };
    this.read = createStore(new Sql(sequelize, dialect, null, readWrites));
  }

  async transaction<T>(work: (store: Store) => Promise<T>): Promise<T> {
    this.refuseInsideWork('a nested uow.transaction()');
    if (this.sqliteLock) return this.sqliteLock.run(() => this.attempt(work));
    for (let retry = 0; ; retry++) {
      try {
        return await this.attempt(work);
      } catch (err) {
        if (retry >= MAX_RETRIES || !isRetryableMysqlError(err)) throw err;
        // Jittered backoff so the two sides of a deadlock do not collide again in step.
        await pause(10 * 2 ** retry + Math.random() * 20);
      }
    }
  }

  isUniqueViolation(err: unknown): boolean {
    return err instanceof UniqueConstraintError || (err as { name?: unknown } | null)?.name === 'SequelizeUniqueConstraintError';
  }

  private attempt<T>(work: (store: Store) => Promise<T>): Promise<T> {
    const marker = { open: true };
    return this.inside.run(marker, async () => {
      try {
        // IMMEDIATE takes SQLite's write lock at BEGIN, so another process waits at the start
        // instead of failing at its first write; MySQL ignores the type.
        return await this.sequelize.transaction({ type: Transaction.TYPES.IMMEDIATE }, (tx) =>
          work(createStore(new Sql(this.sequelize, this.dialect, tx))),
        );
      } finally {
        marker.open = false;
      }
    });
  }

  private refuseInsideWork(what: string): void {
    if (this.inside.getStore()?.open) {
      throw new Error(`${what} inside a running transaction: use the store given to the transaction's work instead`);
    }
  }
}
