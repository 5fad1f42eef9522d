// The mutations the sweep may use: add or remove labels on a pull request, comment on it.
import type { Args } from '../connection.js';
import { requireAccess } from '../access.js';
import { encodeCursor } from '../connection.js';
import { notFound } from '../errors.js';
import { type CommentSrc, type Ctx, fullName, type LabelSrc, type PullSrc, type TypeResolvers } from '../sources.js';
import { findNode } from './query.js';

const unresolved = (id: string): Error => notFound(`Could not resolve to a node with the global id of '${id}'.`);

function input(args: Args): Record<string, unknown> {
  return (args.input ?? {}) as Record<string, unknown>;
}

/** Only pull requests are labelable or commentable in the simulated world. */
function pullById(ctx: Ctx, id: unknown): PullSrc {
  const found = findNode(ctx.world, String(id)) as { __typename?: string } | null;
  if (found?.__typename !== 'PullRequest') throw unresolved(String(id));
  return found as PullSrc;
}

function labelsById(ctx: Ctx, target: PullSrc, ids: unknown): LabelSrc[] {
  return ((ids as string[] | undefined) ?? []).map((id) => {
    const found = findNode(ctx.world, id) as LabelSrc | null;
    if (found?.__typename !== 'Label' || found.repo !== target.repo) throw unresolved(id);
    return found;
  });
}

function touched(ctx: Ctx, target: PullSrc): void {
  target.pr.updatedAt = ctx.world.now();
  ctx.writes.add(`${fullName(target.repo)}#${target.pr.number}`);
}

/** What labelling or commenting on a pull request needs of a fine-grained actor. */
const LABELS = 'issues=write; pull_requests=write';

const clientMutationId = (args: Args): unknown => input(args).clientMutationId ?? null;

export const mutationResolvers: TypeResolvers<unknown> = {
  // Adding a label the pull request already has is accepted and changes nothing (as on GitHub).
  addLabelsToLabelable: (_, args, ctx) => {
    const target = pullById(ctx, input(args).labelableId);
    requireAccess(ctx, target.repo, 'AddLabelsToLabelable', LABELS, 'write');
    for (const { label } of labelsById(ctx, target, input(args).labelIds)) {
      if (!target.pr.labels.some((l) => l.toLowerCase() === label.name.toLowerCase())) target.pr.labels.push(label.name);
    }
    touched(ctx, target);
    return { clientMutationId: clientMutationId(args), labelable: target };
  },
  removeLabelsFromLabelable: (_, args, ctx) => {
    const target = pullById(ctx, input(args).labelableId);
    requireAccess(ctx, target.repo, 'RemoveLabelsFromLabelable', LABELS, 'write');
    const names = labelsById(ctx, target, input(args).labelIds).map((l) => l.label.name.toLowerCase());
    target.pr.labels = target.pr.labels.filter((l) => !names.includes(l.toLowerCase()));
    touched(ctx, target);
    return { clientMutationId: clientMutationId(args), labelable: target };
  },
  addComment: (_, args, ctx) => {
    const target = pullById(ctx, input(args).subjectId);
    requireAccess(ctx, target.repo, 'AddComment', LABELS, 'read');
    const id = ctx.world.id();
    const now = ctx.world.now();
    const comment = {
      id,
      nodeId: ctx.world.nodeId('IssueComment', id),
      body: String(input(args).body),
      user: ctx.viewer,
      createdAt: now,
      updatedAt: now,
    };
    target.pr.comments.push(comment);
    touched(ctx, target);
    const node: CommentSrc = { __typename: 'IssueComment', repo: target.repo, pr: target.pr, comment };
    return {
      clientMutationId: clientMutationId(args),
      commentEdge: { cursor: encodeCursor(target.pr.comments.length - 1, String(id)), node },
      subject: target,
      timelineEdge: null,
    };
  },
};
