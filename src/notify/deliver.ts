// Delivers events to `notify.url`: each a JSON POST signed as GitHub signs its webhooks
// (`X-Hub-Signature-256: sha256=<HMAC-SHA256 of the body>`, with @octokit/webhooks-methods), tried
// up to four times with exponential backoff (p-retry), whatever the receiver answered. A delivery
// that still fails is logged and the next event is sent; after three such in a row the rest are
// dropped (a receiver that is down would otherwise hold every sweep for minutes); nothing here
// ever fails the sweep.
import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import pRetry from 'p-retry';
import type { Logger } from '../log.js';
import type { SweepEvent } from './events.js';

export interface NotifyTarget {
  url: string;
  secret: string;
  userAgent: string;
  /** First back-off in milliseconds (doubles each retry); 1000 in production. */
  retryBaseMs: number;
  /** Retries after the first attempt. */
  retries?: number;
  timeoutMs?: number;
}

export interface DeliveryResult {
  delivered: number;
  failed: number;
  /** Not attempted because the events before them could not be delivered (the receiver looked down). */
  dropped: number;
}

class DeliveryFailed extends Error {}

async function deliverOne(event: SweepEvent, target: NotifyTarget, log: Logger): Promise<void> {
  const body = JSON.stringify(event);
  const signature = await sign(target.secret, body);
  const delivery = randomUUID();
  await pRetry(
    async () => {
      const res = await fetch(target.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'user-agent': target.userAgent,
          'x-hub-signature-256': signature,
          'x-cla-sweeper-event': event.type,
          'x-cla-sweeper-delivery': delivery,
        },
        body,
        signal: AbortSignal.timeout(target.timeoutMs ?? 10_000),
      });
      await res.body?.cancel();
      if (res.ok) return;
      // Any refusal is tried again (the contract: each delivery at least three times): a receiver
      // being redeployed answers 404 or 401 for a moment as well as 502.
      throw new DeliveryFailed(`the receiver answered HTTP ${res.status}`);
    },
    {
      retries: target.retries ?? 3,
      factor: 2,
      minTimeout: target.retryBaseMs,
      maxTimeout: target.retryBaseMs * 30,
      randomize: false,
      onFailedAttempt: ({ error, attemptNumber, retriesLeft }) => {
        log.warn({ event: event.type, delivery, attempt: attemptNumber, retriesLeft, error: error.message }, 'event delivery failed');
      },
    },
  );
}

/**
 * Events in a row that failed every attempt before the receiver is taken to be down and the rest of
 * the sweep's events are dropped (logged with their number): otherwise a cold sweep's thousands of
 * events would each wait out their retries.
 */
const DOWN_AFTER = 3;

export async function deliverEvents(events: readonly SweepEvent[], target: NotifyTarget, log: Logger): Promise<DeliveryResult> {
  const result: DeliveryResult = { delivered: 0, failed: 0, dropped: 0 };
  let inARow = 0;
  for (const [i, event] of events.entries()) {
    try {
      await deliverOne(event, target, log);
      result.delivered += 1;
      inARow = 0;
    } catch (error) {
      result.failed += 1;
      inARow += 1;
      const down = inARow >= DOWN_AFTER;
      if (down) result.dropped = events.length - i - 1;
      log.error(
        { event: event.type, error: error instanceof Error ? error.message : String(error), ...(down ? { dropped: result.dropped } : {}) },
        down
          ? `event not delivered after retries, ${DOWN_AFTER} in a row: the receiver looks down, the remaining events of this sweep are dropped`
          : 'event not delivered after retries',
      );
      if (down) break;
    }
  }
  if (events.length > 0) log.info({ ...result }, 'events sent');
  return result;
}
