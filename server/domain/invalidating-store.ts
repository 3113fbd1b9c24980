import type { Store } from '../store/store.js';
import type { ThreadCache } from './thread-cache.js';

type Verb = keyof Store;
type Args<V extends Verb> = Parameters<Store[V]>;
type Result<V extends Verb> = Awaited<ReturnType<Store[V]>>;

/** How much of what readers are served a call of a verb may change. */
export type Reach = 'nothing' | 'thread' | 'everything';

/** A verb of the decorated store: the store's own function, carrying the reach it declared. */
type Declared<F> = F & { readonly reach: Reach };

/** Every verb of the store, each declaring its reach. */
type Declaring = { [V in Verb]: Declared<Store[V]> };

/** The thread a write touched: by its URL, or by its id when only a comment's record tells it. */
type ThreadRef = { url: string } | { id: number };

type Locate<V extends Verb> =
  /** Known before the call; its pages go even when the call fails, which may have written all the same. */
  | { before: (...args: Args<V>) => ThreadRef | undefined | Promise<ThreadRef | undefined> }
  /** Told by the result; when the call fails, whether it changed anything is unknown, so every page goes. */
  | { after: (result: Result<V>) => ThreadRef | undefined };

// The one cast: `fn` takes the verb's arguments and returns what the store's verb returned for them.
const declare = <V extends Verb>(fn: (...args: Args<V>) => unknown, reach: Reach) =>
  Object.assign(fn, { reach }) as unknown as Declared<Store[V]>;

/**
 * The store, with every write dropping the cached thread pages it may have changed, whoever makes it
 * (readers, moderation, imports, mail). Each verb declares its reach, and the compiler asks it of every
 * one: a verb added to Store does not compile here until someone says what it changes, so none can clear
 * the cache, or fail to, by accident of its name.
 */
export class InvalidatingStore implements Declaring {
  constructor(
    private readonly store: Store,
    private readonly cache: ThreadCache,
  ) {}

  // Reads.
  readonly getComment = this.changesNothing('getComment');
  readonly getThreadById = this.changesNothing('getThreadById');
  readonly getThread = this.changesNothing('getThread');
  readonly listBans = this.changesNothing('listBans');
  readonly getThreadPage = this.changesNothing('getThreadPage');
  readonly hasReplies = this.changesNothing('hasReplies');
  readonly hasApprovedComment = this.changesNothing('hasApprovedComment');
  readonly countApproved = this.changesNothing('countApproved');
  readonly getSetting = this.changesNothing('getSetting');
  readonly listAdminComments = this.changesNothing('listAdminComments');
  readonly countByStatus = this.changesNothing('countByStatus');
  readonly countThreads = this.changesNothing('countThreads');
  readonly listCommentsByEmail = this.changesNothing('listCommentsByEmail');
  readonly listLatestApproved = this.changesNothing('listLatestApproved');
  readonly exportAll = this.changesNothing('exportAll');
  readonly countSentTo = this.changesNothing('countSentTo');
  readonly isConfirmed = this.changesNothing('isConfirmed');
  readonly proofEmail = this.changesNothing('proofEmail');
  readonly listSubscriptions = this.changesNothing('listSubscriptions');
  readonly foreignWriteVersion = this.changesNothing('foreignWriteVersion');
  readonly ping = this.changesNothing('ping');
  readonly close = this.changesNothing('close');

  // Writes that no thread page shows: settings, counters, claims, IP hashes, mail.
  readonly getOrCreateSetting = this.changesNothing('getOrCreateSetting');
  readonly putSetting = this.changesNothing('putSetting');
  readonly deleteSettings = this.changesNothing('deleteSettings');
  readonly hitCounter = this.changesNothing('hitCounter');
  readonly claimOnce = this.changesNothing('claimOnce');
  readonly purgeIpHashes = this.changesNothing('purgeIpHashes');
  readonly claimOutbox = this.changesNothing('claimOutbox');
  readonly claimDigest = this.changesNothing('claimDigest');
  readonly fanOut = this.changesNothing('fanOut');
  readonly settleOutbox = this.changesNothing('settleOutbox');
  readonly enqueueMail = this.changesNothing('enqueueMail');
  readonly confirmAddress = this.changesNothing('confirmAddress');
  readonly unsubscribe = this.changesNothing('unsubscribe');
  // Bans keep people out of posting; what is already shown stays.
  readonly addBan = this.changesNothing('addBan');
  readonly removeBan = this.changesNothing('removeBan');
  // A site's settings judge what is posted next; its threads' pages stay as they are. Which host a
  // request belongs to is decided before any page is read (domain/sites.ts).
  readonly listSites = this.changesNothing('listSites');
  readonly insertSite = this.changesNothing('insertSite');
  readonly updateSite = this.changesNothing('updateSite');
  readonly deleteSite = this.changesNothing('deleteSite');
  // An import's staging area is its own until its transaction writes comments (runImport, below).
  readonly openImport = this.changesNothing('openImport');
  readonly stageThreads = this.changesNothing('stageThreads');
  readonly stageComments = this.changesNothing('stageComments');
  readonly findStagedKeys = this.changesNothing('findStagedKeys');
  readonly listStagedForJudging = this.changesNothing('listStagedForJudging');
  readonly judgeStaged = this.changesNothing('judgeStaged');
  readonly orderStaged = this.changesNothing('orderStaged');
  readonly listStagedThreads = this.changesNothing('listStagedThreads');
  readonly listRefusals = this.changesNothing('listRefusals');
  readonly closeImport = this.changesNothing('closeImport');

  // Writes to one comment: its thread's pages go.
  readonly insertComment = this.changesThread('insertComment', {
    before: (req) => ({ url: req.url }),
  });
  readonly updateComment = this.changesThread('updateComment', {
    after: (comment) => comment && { id: comment.threadId },
  });
  readonly updateCommentWithMail = this.changesThread('updateCommentWithMail', {
    after: (comment) => comment && { id: comment.threadId },
  });
  // A thread closed, reopened or retitled; a comment's like count.
  readonly updateThread = this.changesThread('updateThread', {
    before: (req) => ({ url: req.url }),
  });
  readonly setLike = this.changesThread('setLike', {
    after: (comment) => comment && { id: comment.threadId },
  });
  readonly eraseComment = this.changesThread('eraseComment', {
    // Once erased, the comment no longer tells its thread.
    before: async (req) => {
      const comment = await this.store.getComment(req);
      return comment && { id: comment.threadId };
    },
  });

  // Bulk writes, whose reach is not worth working out: every page goes.
  readonly runImport = this.changesEverything('runImport');
  readonly eraseAuthor = this.changesEverything('eraseAuthor');

  private call<V extends Verb>(verb: V, args: Args<V>): ReturnType<Store[V]> {
    const fn = this.store[verb] as (...args: Args<V>) => ReturnType<Store[V]>;
    return fn.apply(this.store, args);
  }

  private drop(thread: ThreadRef) {
    if ('url' in thread) this.cache.invalidate(thread.url);
    else this.cache.invalidateThreadId(thread.id);
  }

  private changesNothing<V extends Verb>(verb: V) {
    return declare<V>((...args) => this.call(verb, args), 'nothing');
  }

  private changesEverything<V extends Verb>(verb: V) {
    return declare<V>(async (...args) => {
      try {
        return await this.call(verb, args);
      } finally {
        this.cache.clear();
      }
    }, 'everything');
  }

  private changesThread<V extends Verb>(verb: V, locate: Locate<V>) {
    if ('before' in locate)
      return declare<V>(async (...args) => {
        const thread = await locate.before(...args);
        try {
          return await this.call(verb, args);
        } finally {
          if (thread) this.drop(thread);
        }
      }, 'thread');
    return declare<V>(async (...args) => {
      let result: Result<V>;
      try {
        result = (await this.call(verb, args)) as Result<V>;
      } catch (err) {
        this.cache.clear();
        throw err;
      }
      const thread = locate.after(result);
      if (thread) this.drop(thread);
      return result;
    }, 'thread');
  }
}
