// Once GitHub says a rate limit is spent, no further request that the limit covers is sent this
// run: GitHub warns that an integration which keeps sending while limited may be banned
// (https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api).
// A primary limit covers its own API (GraphQL or REST); a secondary limit covers the whole token.
import { GitHubError, isRateLimited } from '../errors.js';

export type Api = 'graphql' | 'rest';

export class RateLimitLatch {
  private readonly spent = new Map<Api, GitHubError>();

  /** Throws, without sending anything, when `api` is closed for the rest of the run. */
  check(api: Api): void {
    const closed = this.spent.get(api);
    if (closed) throw closed;
  }

  /** Closes the APIs a rate-limit error covers; other errors pass. */
  note(error: unknown): void {
    if (!isRateLimited(error) || !(error instanceof GitHubError)) return;
    const apis: Api[] = error.limit === 'graphql' ? ['graphql'] : error.limit === 'rest' ? ['rest'] : ['graphql', 'rest'];
    for (const api of apis) if (!this.spent.has(api)) this.spent.set(api, error);
  }
}
