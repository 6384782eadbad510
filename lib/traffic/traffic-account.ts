import { UnavailableError } from '../errors';
import { MailboxClient } from '../mailstore/api-client';
import { SystemFolder } from '../mailstore/model';
import { MailboxModel } from './model';
import type { ResolvedAccount } from './resolve';

const MIN_RELOOKUP_MS = 200;

/** One account under traffic: where it lives now, its API client and what it holds. */
export class TrafficAccount {
  readonly model = new MailboxModel();
  inFlight = 0;
  private api?: MailboxClient;
  private bootstrapped?: Promise<void>;
  private lastLookup = 0;
  private lookup?: Promise<boolean>;

  constructor(private where: ResolvedAccount, private readonly resolve: () => Promise<ResolvedAccount>) {}

  get name() {
    return this.where.name;
  }

  get accountId() {
    return this.where.accountId;
  }

  /** The client of the account's mailstore, after a first look at the mailbox. */
  async ready(): Promise<{ api: MailboxClient; host: string }> {
    if (this.lookup) await this.lookup;
    if (!this.where.apiUrl) throw new UnavailableError(`Mailstore ${this.where.mailHost} of ${this.name} has no registered API address`);
    if (!this.api || this.api.baseUrl !== this.where.apiUrl) this.api = new MailboxClient(this.where.apiUrl, 15_000);
    const api = this.api;
    this.bootstrapped ??= this.bootstrap(api).catch((err) => {
      this.bootstrapped = undefined;
      throw err;
    });
    await this.bootstrapped;
    return { api, host: this.where.mailHost };
  }

  private async bootstrap(api: MailboxClient) {
    await api.provision(this.accountId);
    const [folders, tags, inbox] = await Promise.all([api.folders(this.accountId), api.tags(this.accountId), api.items(this.accountId, SystemFolder.inbox, { limit: 500 })]);
    this.model.load(folders, tags, inbox.items);
  }

  /** Looks the account up again (at most every 200 ms); true when it moved to another mailstore. */
  relocate(): Promise<boolean> {
    this.lookup ??= (async () => {
      const wait = this.lastLookup + MIN_RELOOKUP_MS - Date.now();
      if (wait > 0) await new Promise((r) => setTimeout(r, wait));
      this.lastLookup = Date.now();
      const before = this.where.mailHost;
      try {
        this.where = await this.resolve();
      } catch {
        return false;
      }
      return this.where.mailHost !== before;
    })().finally(() => (this.lookup = undefined));
    return this.lookup;
  }
}
