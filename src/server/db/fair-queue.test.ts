import { describe, expect, it } from 'vitest';
import { FairQueue, QueueRejected } from './fair-queue';

describe('the fair queue in front of the embedded store', () => {
  it('admits waiters in arrival order as holders release', async () => {
    const q = new FairQueue({ concurrency: 2, maxWaiting: 10, maxWaitMs: 5_000 });
    const first = await q.acquire();
    const second = await q.acquire();
    const order: number[] = [];
    const waiters = [3, 4, 5, 6].map((n) =>
      q.acquire().then((release) => {
        order.push(n);
        return release;
      }),
    );
    expect(q.waiting).toBe(4);
    second();
    second(); // a second release of the same slot gives nothing back
    const third = await waiters[0];
    expect(q.active).toBe(2);
    expect(q.waiting).toBe(3);
    first();
    third();
    const fourth = await waiters[1];
    const fifth = await waiters[2];
    expect(q.waiting).toBe(1);
    fourth?.();
    const sixth = await waiters[3];
    expect(order).toEqual([3, 4, 5, 6]);
    expect(q.active).toBe(2);
    fifth?.();
    sixth?.();
    expect(q.active).toBe(0);
  });

  it('a newcomer never jumps the line, even when a slot is free for a moment', async () => {
    const q = new FairQueue({ concurrency: 1, maxWaiting: 10, maxWaitMs: 5_000 });
    const held = await q.acquire();
    const order: string[] = [];
    const early = q.acquire().then((r) => (order.push('early'), r));
    held();
    const late = q.acquire().then((r) => (order.push('late'), r));
    (await early)();
    (await late)();
    expect(order).toEqual(['early', 'late']);
  });

  it('turns a request away at once when the waiting line is full', async () => {
    const q = new FairQueue({ concurrency: 1, maxWaiting: 2, maxWaitMs: 5_000 });
    const held = await q.acquire();
    const a = q.acquire();
    const b = q.acquire();
    await expect(q.acquire()).rejects.toEqual(new QueueRejected('full'));
    held();
    (await a)();
    (await b)();
    expect(q.active).toBe(0);
  });

  it('turns a waiter away after the longest wait, and it loses its place', async () => {
    const q = new FairQueue({ concurrency: 1, maxWaiting: 5, maxWaitMs: 50 });
    const held = await q.acquire();
    const started = Date.now();
    const rejected = await q.acquire().catch((e: unknown) => e);
    expect(rejected).toBeInstanceOf(QueueRejected);
    expect((rejected as QueueRejected).reason).toBe('timeout');
    expect(Date.now() - started).toBeGreaterThanOrEqual(45);
    expect(q.waiting).toBe(0);
    held();
    expect(q.active).toBe(0);
  });
});
