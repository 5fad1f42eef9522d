// Label and Ref fields.
import { paginate } from '../connection.js';
import { commitSrc, type LabelSrc, pullSrc, type RefSrc, repoSrc, repoUrl, type TypeResolvers } from '../sources.js';
import { isForbiddenPull, withForbiddenNulls } from '../partial.js';
import { filterPulls } from './repository.js';

export const labelResolvers: TypeResolvers<LabelSrc> = {
  id: ({ label }) => label.nodeId,
  name: ({ label }) => label.name,
  color: ({ label }) => label.color,
  description: ({ label }) => label.description,
  isDefault: ({ label }) => label.default,
  url: ({ repo, label }) => `${repoUrl(repo)}/labels/${encodeURIComponent(label.name)}`,
  repository: ({ repo }) => repoSrc(repo),
  pullRequests: ({ repo, label }, args, ctx) => {
    const withLabel = [...repo.pullRequests.values()].filter((pr) =>
      pr.labels.some((l) => l.toLowerCase() === label.name.toLowerCase()),
    );
    return withForbiddenNulls(
      paginate(
        filterPulls(withLabel, args, ctx.state.faults.caseSensitiveLabelLookup).map((pr) => pullSrc(repo, pr)),
        args,
        (p) => String(p.pr.number),
      ),
      (p) => isForbiddenPull(ctx, p.repo, p.pr),
    );
  },
};

export const refResolvers: TypeResolvers<RefSrc> = {
  id: ({ repo, name }) => Buffer.from(`0:Ref${repo.id}:${name}`).toString('base64').replace(/=+$/, ''),
  name: ({ name }) => name,
  prefix: () => 'refs/heads/',
  repository: ({ repo }) => repoSrc(repo),
  target: ({ repo, commit }) => (commit ? commitSrc(repo, commit) : null),
};
