// Every field resolver, by GraphQL type name; fields not listed are read as plain properties.
import type { TypeResolvers } from '../sources.js';
import {
  blobResolvers,
  commitResolvers,
  gitActorResolvers,
  statusContextResolvers,
  statusResolvers,
} from './commit.js';
import { appResolvers, checkRunResolvers, checkSuiteResolvers } from './checks.js';
import { issueResolvers } from './issue.js';
import { labelResolvers, refResolvers } from './label.js';
import { mergeQueueEntryResolvers, mergeQueueResolvers } from './merge-queue.js';
import { mutationResolvers } from './mutation.js';
import { actorResolvers } from './owner.js';
import { issueCommentResolvers, pullRequestCommitResolvers, pullRequestResolvers } from './pull-request.js';
import { queryResolvers } from './query.js';
import { repositoryResolvers } from './repository.js';

const erase = <S>(r: TypeResolvers<S>): TypeResolvers<unknown> => r as unknown as TypeResolvers<unknown>;

export const resolvers: Record<string, TypeResolvers<unknown>> = {
  Query: queryResolvers,
  Mutation: erase(mutationResolvers),
  Repository: erase(repositoryResolvers),
  PullRequest: erase(pullRequestResolvers),
  Issue: erase(issueResolvers),
  PullRequestCommit: erase(pullRequestCommitResolvers),
  IssueComment: erase(issueCommentResolvers),
  Label: erase(labelResolvers),
  Ref: erase(refResolvers),
  User: erase(actorResolvers),
  Organization: erase(actorResolvers),
  Bot: erase(actorResolvers),
  Commit: erase(commitResolvers),
  GitActor: erase(gitActorResolvers),
  Status: erase(statusResolvers),
  StatusContext: erase(statusContextResolvers),
  Blob: erase(blobResolvers),
  CheckSuite: erase(checkSuiteResolvers),
  CheckRun: erase(checkRunResolvers),
  App: erase(appResolvers),
  MergeQueue: erase(mergeQueueResolvers),
  MergeQueueEntry: erase(mergeQueueEntryResolvers),
};
