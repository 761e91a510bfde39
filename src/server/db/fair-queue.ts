/** Why a request was turned away instead of waiting. */
export class QueueRejected extends Error {
  constructor(readonly reason: 'full' | 'timeout') {
    super(reason === 'full' ? 'queue full' : 'waited too long');
  }
}

export interface FairQueueOptions {
  /** Holders at once. */
  concurrency: number;
  /** Waiters beyond the holders; one more is turned away at once. */
  maxWaiting: number;
  /** A waiter not admitted within this time is turned away. */
  maxWaitMs: number;
}

interface Waiter {
  admit: (release: () => void) => void;
  reject: (err: QueueRejected) => void;
  timer: NodeJS.Timeout;
}

/**
 * A first-in, first-out admission queue with a bound on the waiters and on the wait.
 *
 * The embedded store has one connection, and each request runs several queries and
 * transactions on it. PGlite's own lock is taken per statement, so a request's every query
 * lines up again behind every other request's: under 80 busy sessions some requests waited
 * close to a minute. Admitting whole requests in arrival order, a few at a time, gives each
 * request the connection soon after its turn comes and turns the excess away early (503).
 */
export class FairQueue {
  #active = 0;
  readonly #waiting: Waiter[] = [];

  constructor(readonly options: FairQueueOptions) {}

  get active(): number {
    return this.#active;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  /** Resolves, in arrival order, with a release function (safe to call more than once). */
  acquire(): Promise<() => void> {
    if (this.#active < this.options.concurrency && this.#waiting.length === 0) {
      this.#active += 1;
      return Promise.resolve(this.#releaser());
    }
    if (this.#waiting.length >= this.options.maxWaiting) return Promise.reject(new QueueRejected('full'));
    return new Promise((admit, reject) => {
      const waiter: Waiter = {
        admit,
        reject,
        timer: setTimeout(() => {
          const at = this.#waiting.indexOf(waiter);
          if (at >= 0) this.#waiting.splice(at, 1);
          reject(new QueueRejected('timeout'));
        }, this.options.maxWaitMs),
      };
      this.#waiting.push(waiter);
    });
  }

  #releaser(): () => void {
    let done = false;
    return () => {
      if (done) return;
      done = true;
      this.#active -= 1;
      this.#dispatch();
    };
  }

  #dispatch(): void {
    while (this.#active < this.options.concurrency) {
      const next = this.#waiting.shift();
      if (!next) return;
      clearTimeout(next.timer);
      this.#active += 1;
      next.admit(this.#releaser());
    }
  }
}
