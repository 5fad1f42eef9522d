// What the CLA check makes of one commit, for `explain`: each person on it and the rule that covers them.
import { displayIdentity, normaliseActor } from '../identities.js';
import type { CommitRecord, Identity } from '../model.js';
import { coverage, type Policy } from '../policy.js';

function line(role: string, id: Identity, policy: Policy): string {
  const c = coverage(id, policy);
  const who = `${displayIdentity(id)}${id.login && id.email ? ` <${id.email}>` : ''}`;
  return c.covered ? `${role} ${who}: covered (${c.by}: ${c.rule})` : `${role} ${who}: NOT covered (${c.reason})`;
}

export function explainClaCommit(commit: CommitRecord, policy: Policy, noReplyDomain: string): string[] {
  const lines = [
    commit.author
      ? line('author', normaliseActor(commit.author, noReplyDomain), policy)
      : 'author: unknown (GitHub could not tell who wrote this commit)',
  ];
  for (const co of commit.coAuthors) lines.push(line('co-author', normaliseActor(co, noReplyDomain), policy));
  return lines;
}
