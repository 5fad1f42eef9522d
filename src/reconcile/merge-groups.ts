// Each check on the head commit of each merge queue group (PRODUCT.md, Writes: "each queued
// group's head commit gets each check too, `success` only when every pull request in the group
// (the entry and those ahead of it) passes"). Pure: the queue as read and the verdicts in, the
// writes out. A merge queue waits on its required checks until its timeout, so a group commit
// that gets no verdict blocks the queue; one that gets a wrong `success` merges unsigned work.
//
// Decided per check, over the group's pull requests:
// - one of them does not pass: `failure` (whatever the others are: the group cannot pass);
// - else one could not be decided (`error`): `error`;
// - else one whose verdict is not known this run (its head not read, its read failed, or the
//   queue shows a head other than the one decided): nothing is written. The group waits for the
//   next sweep rather than pass on a guess, or fail (which would drop it from the queue) on one;
// - else `success`.
import type { Check } from '../checks/check.js';
import { fitList } from '../checks/description.js';
import type { Verdict } from '../checks/model.js';
import { inlineCode } from '../checks/output.js';
import type { PlannedMergeGroup } from './model.js';
import { publication } from './plan.js';
import type { MergeQueueListing, QueueEntry } from './ports.js';
import { type Desired, mismatch, names, type PublishMode, STATE_OF, standingIn } from './publication.js';

/** A pull request's verdict for a check on exactly this head, or null when it is not known this run. */
export type VerdictOf = (number: number, headSha: string, check: Check) => Verdict | null;

interface Member {
  number: number | null;
  verdict: Verdict | null;
}

const ref = (m: Member) => (m.number === null ? 'a pull request GitHub did not name' : `#${m.number}`);

/** What a group's head should say for one check; null when it must wait (a member's verdict is unknown). */
export function groupDesired(check: Check, members: Member[], entry: number, publish: PublishMode): Desired | null {
  const failing = members.filter((m) => m.verdict?.state === 'missing');
  const erring = members.filter((m) => m.verdict?.state === 'error');
  if (failing.length === 0 && erring.length === 0 && members.some((m) => m.verdict === null)) return null;
  const state: Verdict['state'] = failing.length > 0 ? 'missing' : erring.length > 0 ? 'error' : 'signed';
  const blocking = (failing.length > 0 ? failing : erring).map(ref);
  const n = members.length;
  const description =
    state === 'signed'
      ? n === 1
        ? 'The pull request in this merge group passes'
        : `All ${n} pull requests in this merge group pass`
      : (fitList(state === 'missing' ? 'Does not pass for ' : 'Could not be decided for ', blocking, ' in this merge group')?.text ??
        `${blocking.length} pull requests in this merge group do not pass`);
  const shown = blocking.filter((b) => names(description, { text: b }));
  const lines = members.map((m) => `- ${ref(m)}: ${memberLine(check, m.verdict)}`);
  const summary = [
    `This commit is the merge queue's group for #${entry}: ${members.map(ref).join(', ')} on the base branch. It passes \`${check.context}\` only when each of them does.`,
    '',
    ...lines,
    '',
    `Each pull request's own \`${check.context}\` check says what is missing there and how to fix it.`,
  ].join('\n');
  return {
    state: STATE_OF[state],
    description,
    targetUrl: check.targetUrl,
    // The output names every blocking pull request; the description those that fit.
    mentions: (publish === 'check-run' ? blocking : shown).filter((b) => b.startsWith('#')).map((text) => ({ text })),
    output: publish === 'check-run' ? { title: description, summary, text: null } : null,
  };
}

function memberLine(check: Check, verdict: Verdict | null): string {
  if (verdict === null) return 'not known this run (read again next sweep)';
  if (verdict.state === 'signed') return 'passes';
  if (verdict.state === 'error') return `could not be decided: ${verdict.reason}`;
  // Who or what its status description names (logins, addresses, short SHAs): the details are
  // on the pull request's own check.
  const who = check.mentions(verdict).map((m) => inlineCode(m.text));
  return who.length > 0 ? `does not pass: ${who.join(', ')}` : 'does not pass';
}

function membersOf(entries: QueueEntry[], upTo: number, check: Check, verdictOf: VerdictOf): Member[] {
  return entries.slice(0, upTo + 1).map((e) => ({
    number: e.number,
    verdict: e.number !== null && e.headSha !== null ? verdictOf(e.number, e.headSha, check) : null,
  }));
}

export function planMergeGroups(queue: MergeQueueListing, checks: readonly Check[], verdictOf: VerdictOf, publish: PublishMode): PlannedMergeGroup[] {
  const entries = [...queue.entries].sort((a, b) => a.position - b.position);
  const groups: PlannedMergeGroup[] = [];
  entries.forEach((entry, i) => {
    if (entry.groupSha === null || entry.number === null) return;
    const group: PlannedMergeGroup = { repo: queue.repo, number: entry.number, position: entry.position, sha: entry.groupSha, actions: [] };
    for (const check of checks) {
      // What stands on the group head could not be read: writing could only duplicate it.
      if (!(check.context in entry.published)) continue;
      const desired = groupDesired(check, membersOf(entries, i, check, verdictOf), entry.number, publish);
      if (!desired) continue;
      const before = standingIn(entry.published[check.context] ?? null, publish);
      const reason = mismatch(before, desired, check.context);
      if (reason === null) continue;
      const where = { repo: queue.repo, number: entry.number, sha: entry.groupSha, context: check.context, mergeGroup: true as const };
      group.actions.push(publication(where, desired, before, `merge group: ${reason}`));
    }
    groups.push(group);
  });
  return groups;
}
