// Events out: a loopback receiver gets one signed event per state change, none for an unchanged
// sweep or a dry run, the event still after failing twice, and one when a sweep fails fatally.
import { verify } from '@octokit/webhooks-methods';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CheckChanged, SweepEvent } from '../../src/notify/events.js';
import { type Harness, harness } from '../support/harness.js';
import { type Receiver, startReceiver } from '../support/receiver.js';
import { SAMPLE_SIGNATORIES, sampleConfig, sampleWorld } from '../support/sample-world.js';

const SECRET = 'notify-secret-for-tests-0123';

describe('notify', () => {
  let h: Harness;
  let receiver: Receiver;

  beforeEach(async () => {
    receiver = await startReceiver();
    h = await harness(sampleWorld().world, { config: sampleConfig({ extra: `notify:\n  url: ${receiver.url}\n` }) });
    const env = h.env();
    h.env = () => ({ ...env, notifySecret: SECRET });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const accepted = () => receiver.deliveries.filter((d) => d.status === 200);
  const events = () => accepted().map((d) => JSON.parse(d.body) as SweepEvent);

  it('sends one signed event per state change, with the state before and the state written', async () => {
    expect((await h.run('sweep')).code).toBe(0);
    const written = h.sim.counters.log.filter((r) => r.method === 'POST' && r.path.includes('/statuses/')).length;
    expect(accepted()).toHaveLength(written);
    for (const d of accepted()) {
      expect(d.headers['content-type']).toBe('application/json');
      expect(await verify(SECRET, d.body, String(d.headers['x-hub-signature-256']))).toBe(true);
      expect(await verify('another-secret', d.body, String(d.headers['x-hub-signature-256']))).toBe(false);
      expect(d.headers['x-cla-sweeper-event']).toBe('check.changed');
    }
    const bob = events().find((e): e is CheckChanged => e.type === 'check.changed' && e.repository === 'acme/widgets' && e.pullRequest.number === 2);
    expect(bob).toMatchObject({
      version: 1,
      check: 'cla',
      context: 'cla/signed',
      before: null,
      after: { state: 'failure' },
      missing: [{ reason: 'unsigned-login', who: '@bob' }],
      pullRequest: { url: 'https://github.com/acme/widgets/pull/2' },
    });
    // The secret never travels in the body.
    expect(accepted().some((d) => d.body.includes(SECRET))).toBe(false);
  });

  it('sends nothing for a second unchanged sweep or a dry run, then the one change', async () => {
    await h.run('sweep');
    receiver.deliveries.length = 0;
    await h.run('sweep');
    expect(receiver.deliveries).toEqual([]);

    h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: bob\n`);
    await h.run('sweep', '--dry-run');
    expect(receiver.deliveries).toEqual([]);
    await h.run('sweep');
    expect(events()).toMatchObject([{ type: 'check.changed', repository: 'acme/widgets', pullRequest: { number: 2 }, before: { state: 'failure' }, after: { state: 'success' }, missing: [] }]);
  });

  it('retries: a receiver that fails twice still gets the event', async () => {
    await h.run('sweep');
    receiver.deliveries.length = 0;
    h.setSignatories(`${SAMPLE_SIGNATORIES}  - github: bob\n`);
    receiver.script.push(500, 503);
    expect((await h.run('sweep')).code).toBe(0);
    expect(receiver.deliveries.map((d) => d.status)).toEqual([500, 503, 200]);
    const ids = new Set(receiver.deliveries.map((d) => d.headers['x-cla-sweeper-delivery']));
    expect(ids.size).toBe(1);
  });

  it('never fails the sweep: a receiver that always fails leaves the exit status alone', async () => {
    receiver.script.push(...Array.from({ length: 20 }, () => 500));
    expect((await h.run('sweep')).code).toBe(0);
    // Three events tried four times each, then the receiver is taken to be down and the rest dropped.
    expect(receiver.deliveries).toHaveLength(12);
    expect(new Set(receiver.deliveries.map((d) => d.headers['x-cla-sweeper-delivery'])).size).toBe(3);
  });

  it('a refusal (401, 404) is tried again too, and an event that fails does not stop the next', async () => {
    receiver.script.push(401, 404, 401, 404);
    expect((await h.run('sweep')).code).toBe(0);
    const byDelivery = new Map<unknown, number[]>();
    for (const d of receiver.deliveries) byDelivery.set(d.headers['x-cla-sweeper-delivery'], [...(byDelivery.get(d.headers['x-cla-sweeper-delivery']) ?? []), d.status]);
    const attempts = [...byDelivery.values()];
    expect(attempts[0]).toEqual([401, 404, 401, 404]);
    expect(attempts.length).toBeGreaterThan(2);
    expect(attempts.slice(1).every((a) => a.length === 1 && a[0] === 200)).toBe(true);
  });

  it('sends one event when a sweep fails fatally', async () => {
    h.setConfig(sampleConfig({ signatories: 'missing.yaml', extra: `notify:\n  url: ${receiver.url}\n` }));
    expect((await h.run('sweep')).code).toBe(1);
    expect(events()).toMatchObject([{ version: 1, type: 'sweep.failed', error: { kind: 'signatories' } }]);
  });

  it('refuses to run without its secret, naming the variable', async () => {
    const env = h.env();
    h.env = () => ({ ...env, notifySecret: null });
    const r = await h.run('sweep');
    expect(r.code).toBe(1);
    expect(h.sim.counters.requests['rest-write']).toBe(0);
    expect(receiver.deliveries).toEqual([]);
  });
});
