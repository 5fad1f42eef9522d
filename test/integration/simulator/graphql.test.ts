import { beforeAll, describe, expect, it } from 'vitest';
import { analyseQuery, executeGraphql, githubSchema } from '../../support/simulator/graphql/index.js';
import { createState } from '../../support/simulator/graphql/state.js';
import type { SimulatorState } from '../../support/simulator/types.js';
import { World } from '../../support/simulator/world.js';

const VIEWER = 'cla-bot';

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: Record<string, unknown>[];
}

function run(state: SimulatorState, query: string, variables?: Record<string, unknown>) {
  const outcome = executeGraphql(state, VIEWER, { query, ...(variables ? { variables } : {}) });
  return { ...outcome, answer: outcome.body as Answer };
}

/** Reads a nested value by a dotted path ("repository.pullRequests.totalCount"). */
function at(value: unknown, path: string): unknown {
  return path.split('.').reduce<unknown>((v, key) => (v as Record<string, unknown> | null)?.[key], value);
}

function baseWorld(): World {
  const world = new World();
  world.addUser(VIEWER);
  world.addUser('alice');
  world.addUser('bob');
  world.addRepo('org/repo');
  return world;
}

beforeAll(() => {
  githubSchema(); // built once (about 0.3 s), so no single test pays for it
});

describe('documents GitHub refuses (HTTP 200, errors only, nothing charged)', () => {
  it('answers an unknown field with graphql-ruby undefinedField error', () => {
    const state = createState(baseWorld());
    const { status, answer, cost } = run(state, '{\n  repository(owner: "org", name: "repo") {\n    foo\n  }\n}');
    expect(status).toBe(200);
    expect(cost).toBe(0);
    expect(state.graphqlBudget.used).toBe(0);
    expect(answer).toEqual({
      errors: [
        {
          path: ['query', 'repository', 'foo'],
          extensions: { code: 'undefinedField', typeName: 'Repository', fieldName: 'foo' },
          locations: [{ line: 3, column: 5 }],
          message: "Field 'foo' doesn't exist on type 'Repository'",
        },
      ],
    });
  });

  it('names the operation and fragment in validation paths', () => {
    const { answer } = run(
      createState(baseWorld()),
      'query Sweep { viewer { ...Who } }\nfragment Who on User { login nope }',
    );
    expect(answer.errors?.[0]?.path).toEqual(['fragment Who', 'nope']);
  });

  it.each([
    ['an unknown argument', '{ viewer { repositories(first: 1, colour: RED) { totalCount } } }', 'argumentNotAccepted'],
    ['a missing required argument', '{ repository(owner: "org") { id } }', 'missingRequiredArguments'],
  ])('answers %s with its graphql-ruby code', (_, query, code) => {
    const { answer } = run(createState(baseWorld()), query);
    expect(answer.errors?.[0]?.extensions).toMatchObject({ code });
    expect(answer.data).toBeUndefined();
  });

  it('answers a syntax error in graphql-ruby wording', () => {
    const { status, answer } = run(createState(baseWorld()), '{ viewer { login }');
    expect(status).toBe(200);
    expect(answer).toEqual({
      errors: [{ message: 'Expected NAME, actual: (none) ("") at [1, 19]', locations: [{ line: 1, column: 19 }] }],
    });
  });

  it.each([
    [
      'a connection without first or last',
      '{ repository(owner: "org", name: "repo") {\n  pullRequests(states: OPEN) { totalCount } } }',
      undefined,
      {
        type: 'MISSING_PAGINATION_BOUNDARIES',
        path: ['repository', 'pullRequests'],
        locations: [{ line: 2, column: 3 }],
        message: 'You must provide a `first` or `last` value to properly paginate the `pullRequests` connection.',
      },
    ],
    [
      'first: 101',
      '{ viewer { repos: repositories(first: 101) { totalCount } } }',
      undefined,
      {
        type: 'EXCESSIVE_PAGINATION',
        path: ['viewer', 'repos'],
        locations: [{ line: 1, column: 12 }],
        message: 'Requesting 101 records on the `repositories` connection exceeds the `first` limit of 100 records.',
      },
    ],
    [
      'last: 250 given through a variable',
      'query ($n: Int) { viewer { repositories(last: $n) { totalCount } } }',
      { n: 250 },
      {
        type: 'EXCESSIVE_PAGINATION',
        path: ['viewer', 'repositories'],
        locations: [{ line: 1, column: 28 }],
        message: 'Requesting 250 records on the `repositories` connection exceeds the `last` limit of 100 records.',
      },
    ],
  ])('refuses %s', (_, query, variables, error) => {
    const state = createState(baseWorld());
    const { status, answer, cost } = run(state, query, variables);
    expect(status).toBe(200);
    expect(cost).toBe(0);
    expect(answer).toEqual({ errors: [error] });
    expect(state.graphqlBudget.remaining).toBe(5000);
  });

  it.each([
    [
      'one connection past the limit',
      100,
      'By the time this query traverses to the authors connection, it is requesting up to 1,000,000 possible nodes which exceeds the maximum limit of 500,000.',
    ],
    [
      'the total past the limit',
      50,
      'This query requests up to 505,050 possible nodes which exceeds the maximum limit of 500,000.',
    ],
  ])('refuses a query with %s (MAX_NODE_LIMIT_EXCEEDED)', (_, pulls, message) => {
    const query = `{ repository(owner: "org", name: "repo") { pullRequests(first: ${pulls}) { nodes {
      commits(first: 100) { nodes { commit { authors(first: 100) { nodes { email } } } } } } } } }`;
    const { answer, cost } = run(createState(baseWorld()), query);
    expect(cost).toBe(0);
    expect(answer).toEqual({ errors: [{ type: 'MAX_NODE_LIMIT_EXCEEDED', message }] });
  });

  it('answers a variable of the wrong type before running anything', () => {
    const { answer, cost } = run(
      createState(baseWorld()),
      'query ($owner: String!) { repository(owner: $owner, name: "repo") { id } }',
      { owner: null },
    );
    expect(cost).toBe(0);
    expect(answer.errors?.[0]?.message).toBe('Variable $owner of type String! was provided invalid value');
  });

  it.each([
    ['not JSON', '{"query": ', 'Problems parsing JSON'],
    ['JSON without a query', { variables: {} }, 'A query attribute must be specified and must be a string.'],
    ['a query that is not a string', { query: 42 }, 'A query attribute must be specified and must be a string.'],
  ])('answers 400 to a body that is %s', (_, body, message) => {
    const outcome = executeGraphql(createState(baseWorld()), VIEWER, body);
    expect(outcome.status).toBe(400);
    expect(outcome.body).toMatchObject({ message });
    expect(outcome.cost).toBe(0);
  });
});

describe('cost and node count (docs: "Rate limits and node limits for the GraphQL API")', () => {
  it.each([
    [
      "the docs' example: repositories(100) > issues(50) > labels(60)",
      `query { viewer { login repositories(first: 100) { edges { node { id
        issues(first: 50) { edges { node { id labels(first: 60) { edges { node { id name } } } } } } } } } } }`,
      undefined,
      { cost: 51, nodeCount: 100 + 100 * 50 + 100 * 50 * 60 },
    ],
    [
      "the docs' node example: repositories(50) > issues(10)",
      'query { viewer { repositories(first: 50) { edges { repository: node { name issues(first: 10) { totalCount } } } } } }',
      undefined,
      { cost: 1, nodeCount: 550 },
    ],
    [
      'pullRequests(100) > commits(100) > authors(10)',
      `query { repository(owner: "o", name: "r") { pullRequests(first: 100) { nodes {
        commits(first: 100) { nodes { commit { authors(first: 10) { nodes { email } } } } } } } } }`,
      undefined,
      { cost: 101, nodeCount: 100 + 10_000 + 100_000 },
    ],
    [
      'two aliases of the same connection, counted separately',
      `query { repository(owner: "o", name: "r") {
        a: pullRequests(first: 100) { nodes { commits(first: 100) { totalCount } } }
        b: pullRequests(first: 100) { nodes { commits(first: 100) { totalCount } } } } }`,
      undefined,
      { cost: 2, nodeCount: 2 * (100 + 10_000) },
    ],
    [
      'page sizes given as variables',
      `query ($prs: Int!, $commits: Int!) { repository(owner: "o", name: "r") {
        pullRequests(first: $prs) { nodes { commits(last: $commits) { totalCount } } } } }`,
      { prs: 100, commits: 100 },
      { cost: 1, nodeCount: 100 + 10_000 },
    ],
    ['a query with no connection', '{ viewer { login } }', undefined, { cost: 1, nodeCount: 0 }],
  ])('%s', (_, query, variables, expected) => {
    expect(analyseQuery(query, variables)).toEqual({ ok: true, isMutation: false, ...expected });
  });

  it('marks mutations and names the operation', () => {
    const result = analyseQuery(
      'mutation Label($input: AddLabelsToLabelableInput!) { addLabelsToLabelable(input: $input) { clientMutationId } }',
      { input: { labelableId: 'x', labelIds: ['y'] } },
    );
    expect(result).toEqual({ ok: true, cost: 1, nodeCount: 0, isMutation: true, operationName: 'Label' });
  });

  it('picks the operation named by operationName', () => {
    const query = 'query A { viewer { login } } query B { viewer { repositories(first: 100) { totalCount } } }';
    expect(analyseQuery(query, {}, 'B')).toMatchObject({ ok: true, operationName: 'B', nodeCount: 100 });
    expect(analyseQuery(query)).toMatchObject({ ok: false });
  });
});

describe('rate limit', () => {
  const limitQuery = '{ rateLimit { limit cost remaining used resetAt nodeCount } viewer { repositories(first: 100) { totalCount } } }';

  it('charges the budget and reports it through rateLimit', () => {
    const state = createState(baseWorld(), { graphqlBudget: { remaining: 4000, used: 1000, resetAt: 4_102_444_800 } });
    const { answer, cost } = run(state, limitQuery);
    expect(cost).toBe(1);
    expect(answer.data?.rateLimit).toEqual({
      limit: 5000,
      cost: 1,
      remaining: 3999,
      used: 1001,
      resetAt: '2100-01-01T00:00:00Z',
      nodeCount: 100,
    });
    expect(state.graphqlBudget).toMatchObject({ remaining: 3999, used: 1001 });
  });

  it('answers rateLimit(dryRun: true) without charging or running the rest', () => {
    const state = createState(baseWorld());
    const { answer, cost } = run(
      state,
      '{ rateLimit(dryRun: true) { cost remaining } repository(owner: "org", name: "gone") { id } }',
    );
    expect(cost).toBe(0);
    expect(answer).toEqual({ data: { rateLimit: { cost: 1, remaining: 5000 } } });
    expect(state.graphqlBudget.remaining).toBe(5000);
  });

  it('answers RATE_LIMITED with no data when the cost exceeds what remains', () => {
    const world = baseWorld();
    const state = createState(world, { graphqlBudget: { remaining: 0, used: 5000 } });
    const { status, answer, cost } = run(state, limitQuery);
    expect(status).toBe(200);
    expect(cost).toBe(0);
    expect(answer).toEqual({
      errors: [{ type: 'RATE_LIMITED', message: `API rate limit exceeded for user ID ${world.user(VIEWER)!.id}.` }],
    });
    expect(state.graphqlBudget).toMatchObject({ remaining: 0, used: 5000 });
  });

  it('starts a new window once resetAt has passed', () => {
    const state = createState(baseWorld(), { graphqlBudget: { remaining: 0, used: 5000, resetAt: 1 } });
    const { answer } = run(state, limitQuery);
    expect(answer.data?.rateLimit).toMatchObject({ remaining: 4999, used: 1 });
  });
});

describe('reading the world', () => {
  it('keeps partial data when one alias is NOT_FOUND', () => {
    const { answer } = run(
      createState(baseWorld()),
      `{ found: repository(owner: "org", name: "repo") { nameWithOwner }
  gone: repository(owner: "org", name: "gone") { nameWithOwner } }`,
    );
    expect(answer).toEqual({
      data: { found: { nameWithOwner: 'org/repo' }, gone: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['gone'],
          locations: [{ line: 2, column: 3 }],
          message: "Could not resolve to a Repository with the name 'org/gone'.",
        },
      ],
    });
  });

  it.each([
    [
      'a pull request number',
      '{ repository(owner: "org", name: "repo") { pullRequest(number: 7) { id } } }',
      ['repository', 'pullRequest'],
      'Could not resolve to a PullRequest with the number of 7.',
      { repository: { pullRequest: null } },
    ],
    [
      'an organization',
      '{ organization(login: "nobody") { login } }',
      ['organization'],
      "Could not resolve to an Organization with the login of 'nobody'.",
      { organization: null },
    ],
    [
      'a user',
      '{ user(login: "org") { login } }',
      ['user'],
      "Could not resolve to a User with the login of 'org'.",
      { user: null },
    ],
  ])('answers NOT_FOUND for %s', (_, query, path, message, data) => {
    const { answer } = run(createState(baseWorld()), query);
    expect(answer.data).toEqual(data);
    expect(answer.errors).toEqual([expect.objectContaining({ type: 'NOT_FOUND', path, message })]);
  });

  it('pages through 250 commits oldest first, without a cap', () => {
    const world = baseWorld();
    const pr = world.addPullRequest('org/repo', {
      commits: Array.from({ length: 250 }, (_, i) => ({ author: i % 2 ? 'alice' : 'bob' })),
    });
    const state = createState(world);
    const query = `query ($after: String) { repository(owner: "org", name: "repo") { pullRequest(number: 1) {
      commits(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { commit { oid } } } } } }`;
    const seen: string[] = [];
    const pages: number[] = [];
    let after: string | null = null;
    for (;;) {
      const { answer } = run(state, query, { after });
      const commits = at(answer.data, 'repository.pullRequest.commits') as {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string };
        nodes: { commit: { oid: string } }[];
      };
      expect(commits.totalCount).toBe(250);
      pages.push(commits.nodes.length);
      seen.push(...commits.nodes.map((n) => n.commit.oid));
      if (!commits.pageInfo.hasNextPage) break;
      after = commits.pageInfo.endCursor;
    }
    expect(pages).toEqual([100, 100, 50]);
    expect(seen).toEqual(pr.commits);
  });

  it('pages backwards with last/before and reports both page-info flags', () => {
    const world = baseWorld();
    for (let i = 0; i < 5; i++) world.addPullRequest('org/repo', { commits: [{ author: 'alice' }] });
    const state = createState(world);
    const page = (args: string) =>
      at(
        run(
          state,
          `{ repository(owner: "org", name: "repo") { pullRequests(${args}) {
            pageInfo { hasNextPage hasPreviousPage startCursor } edges { cursor node { number } } } } }`,
        ).answer.data,
        'repository.pullRequests',
      ) as {
        pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; startCursor: string };
        edges: { node: { number: number } }[];
      };
    const last = page('last: 2');
    expect(last.edges.map((e) => e.node.number)).toEqual([4, 5]);
    expect(last.pageInfo).toMatchObject({ hasNextPage: false, hasPreviousPage: true });
    const before = page(`last: 2, before: "${last.pageInfo.startCursor}"`);
    expect(before.edges.map((e) => e.node.number)).toEqual([2, 3]);
    expect(before.pageInfo).toMatchObject({ hasNextPage: true, hasPreviousPage: true });
  });

  it('filters and orders pull requests', () => {
    const world = baseWorld();
    world.addPullRequest('org/repo', { commits: [{ author: 'alice' }], labels: ['CLA: Signed'] });
    world.addPullRequest('org/repo', { commits: [{ author: 'alice' }], state: 'CLOSED', labels: ['cla: signed'] });
    world.addPullRequest('org/repo', { commits: [{ author: 'bob' }], headRefName: 'fix' });
    const numbers = (args: string) =>
      (
        at(
          run(
            createState(world),
            `{ repository(owner: "org", name: "repo") { pullRequests(${args}) { nodes { number } } } }`,
          ).answer.data,
          'repository.pullRequests.nodes',
        ) as { number: number }[]
      ).map((n) => n.number);
    expect(numbers('first: 10, states: OPEN')).toEqual([1, 3]);
    expect(numbers('first: 10, labels: ["cla: signed"]')).toEqual([1, 2]);
    expect(numbers('first: 10, headRefName: "fix"')).toEqual([3]);
    expect(numbers('first: 10, orderBy: { field: CREATED_AT, direction: DESC }')).toEqual([3, 2, 1]);
  });

  it('lists the git author, then each co-author, with user null for an unlinked email', () => {
    const world = baseWorld();
    world.addPullRequest('org/repo', {
      commits: [{ author: 'alice', coAuthors: ['bob', { name: 'Stranger', email: 'stranger@nowhere.test' }] }],
    });
    const { answer } = run(
      createState(world),
      `{ repository(owner: "org", name: "repo") { pullRequest(number: 1) { commits(first: 1) { nodes { commit {
        author { name email user { login } } messageHeadline messageBody
        authors(first: 10) { totalCount nodes { name email user { login } } } } } } } } }`,
    );
    const commit = at(answer.data, 'repository.pullRequest.commits.nodes') as { commit: Record<string, unknown> }[];
    expect(commit[0]?.commit).toEqual({
      author: { name: 'alice', email: 'alice@users.example.org', user: { login: 'alice' } },
      messageHeadline: 'Change 1',
      messageBody: 'Co-authored-by: bob <bob@users.example.org>\nCo-authored-by: Stranger <stranger@nowhere.test>',
      authors: {
        totalCount: 3,
        nodes: [
          { name: 'alice', email: 'alice@users.example.org', user: { login: 'alice' } },
          { name: 'bob', email: 'bob@users.example.org', user: { login: 'bob' } },
          { name: 'Stranger', email: 'stranger@nowhere.test', user: null },
        ],
      },
    });
  });

  it('links a no-reply email to its account', () => {
    const world = baseWorld();
    world.addPullRequest('org/repo', {
      commits: [{ author: { name: 'Bob', email: '123+bob@users.noreply.github.com' } }],
    });
    const { answer } = run(
      createState(world),
      '{ repository(owner: "org", name: "repo") { pullRequest(number: 1) { commits(first: 1) { nodes { commit { author { user { login } } } } } } } }',
    );
    expect(JSON.stringify(answer.data)).toContain('"login":"bob"');
  });

  describe('statuses belong to the repository a commit is reached through', () => {
    function forkWorld() {
      const world = baseWorld();
      world.addRepo('alice/repo');
      const pr = world.addPullRequest('org/repo', { commits: [{ author: 'alice' }], fork: 'alice/repo' });
      const head = pr.commits[0]!;
      return { world, head };
    }
    const query = `{ repository(owner: "org", name: "repo") { pullRequest(number: 1) {
      isCrossRepository headRepository { nameWithOwner }
      commits(last: 1) { nodes { commit { status { state } } } }
      headRef { name target { ... on Commit { oid status { state contexts { context state } } } } } } } }`;

    it('reads the fork through headRef.target and the base through commits', () => {
      const { world, head } = forkWorld();
      world.addStatus('alice/repo', head, { state: 'success', context: 'ci/fork' });
      const pr = at(run(createState(world), query).answer.data, 'repository.pullRequest');
      expect(pr).toEqual({
        isCrossRepository: true,
        headRepository: { nameWithOwner: 'alice/repo' },
        commits: { nodes: [{ commit: { status: null } }] },
        headRef: {
          name: 'topic-1',
          target: { oid: head, status: { state: 'SUCCESS', contexts: [{ context: 'ci/fork', state: 'SUCCESS' }] } },
        },
      });
    });

    it('reads the base repository status through object(oid:)', () => {
      const { world, head } = forkWorld();
      world.addStatus('org/repo', head, { state: 'failure', context: 'cla/signed' });
      const { answer } = run(
        createState(world),
        `{ repository(owner: "org", name: "repo") { object(oid: "${head}") { ... on Commit {
          status { state context(name: "CLA/signed") { state } } } } } }`,
      );
      expect(at(answer.data, 'repository.object.status')).toEqual({
        state: 'FAILURE',
        context: { state: 'FAILURE' },
      });
    });
  });

  it.each([
    [[['success', 'a']], 'SUCCESS'],
    [[['success', 'a'], ['pending', 'b']], 'PENDING'],
    [[['success', 'a'], ['failure', 'b']], 'FAILURE'],
    [[['success', 'a'], ['error', 'b']], 'FAILURE'],
    [[['failure', 'a'], ['success', 'a']], 'SUCCESS'],
  ] as const)('combines statuses %j into %s (the latest per context counts)', (posted, combined) => {
    const world = baseWorld();
    const sha = world.addPullRequest('org/repo', { commits: [{ author: 'alice' }] }).commits[0]!;
    for (const [state, context] of posted) world.addStatus('org/repo', sha, { state, context });
    const { answer } = run(
      createState(world),
      `{ repository(owner: "org", name: "repo") { object(oid: "${sha}") { ... on Commit { status { state } } } } }`,
    );
    expect(at(answer.data, 'repository.object.status.state')).toBe(combined);
  });

  it('resolves object(expression:) for a SHA, a branch, refs/pull/N/head and a file', () => {
    const world = baseWorld();
    const pr = world.addPullRequest('org/repo', { commits: [{ author: 'alice' }, { author: 'bob' }], headRefName: 'feat' });
    world.setFile('org/repo', 'signatories.yaml', 'signatories: []\n');
    const head = pr.commits[1]!;
    const { answer } = run(
      createState(world),
      `{ repository(owner: "org", name: "repo") {
        sha: object(expression: "${pr.commits[0]!.slice(0, 10)}") { ... on Commit { oid } }
        branch: object(expression: "feat") { ... on Commit { oid } }
        pull: object(expression: "refs/pull/1/head") { ... on Commit { oid abbreviatedOid } }
        file: object(expression: "main:signatories.yaml") { ... on Blob { text } }
        none: object(expression: "no-such-branch") { id } } }`,
    );
    expect(answer.data?.repository).toEqual({
      sha: { oid: pr.commits[0] },
      branch: { oid: head },
      pull: { oid: head, abbreviatedOid: head.slice(0, 7) },
      file: { text: 'signatories: []\n' },
      none: null,
    });
  });

  it('finds labels case-insensitively and answers null for a missing one', () => {
    const world = baseWorld();
    world.addLabel('org/repo', 'cla: signed', { color: '0e8a16' });
    world.addLabel('org/repo', 'bug');
    const { answer } = run(
      createState(world),
      `{ repository(owner: "org", name: "repo") {
        label(name: "CLA: Signed") { name color }
        missing: label(name: "cla: missing") { name }
        labels(first: 10, query: "cla") { totalCount nodes { name } } } }`,
    );
    expect(answer).toEqual({
      data: {
        repository: {
          label: { name: 'cla: signed', color: '0e8a16' },
          missing: null,
          labels: { totalCount: 1, nodes: [{ name: 'cla: signed' }] },
        },
      },
    });
  });

  it('lists an owner’s repositories with the filters the schema offers', () => {
    const world = baseWorld();
    world.addRepo('org/old', { archived: true });
    world.addRepo('org/secret', { private: true });
    const names = (args: string) =>
      (
        at(
          run(createState(world), `{ repositoryOwner(login: "org") { repositories(${args}) { nodes { name } } } }`)
            .answer.data,
          'repositoryOwner.repositories.nodes',
        ) as { name: string }[]
      ).map((n) => n.name);
    expect(names('first: 10')).toEqual(['repo', 'old', 'secret']);
    expect(names('first: 10, isArchived: false')).toEqual(['repo', 'secret']);
    expect(names('first: 10, privacy: PUBLIC, orderBy: { field: NAME, direction: ASC }')).toEqual(['old', 'repo']);
  });

  it('serialises pull request fields as GitHub does', () => {
    const world = baseWorld();
    const pr = world.addPullRequest('org/repo', { commits: [{ author: 'alice' }], draft: true, labels: ['x'] });
    const { answer } = run(
      createState(world),
      `{ viewer { login } repository(owner: "org", name: "repo") { pullRequest(number: 1) {
        id number state closed merged isDraft url createdAt author { login } headRefOid headRefName baseRefName
        labels(first: 5) { nodes { name } } } } }`,
    );
    expect(answer.data).toEqual({
      viewer: { login: VIEWER },
      repository: {
        pullRequest: {
          id: pr.nodeId,
          number: 1,
          state: 'OPEN',
          closed: false,
          merged: false,
          isDraft: true,
          url: 'https://github.com/org/repo/pull/1',
          createdAt: pr.createdAt.replace('.000Z', 'Z'),
          author: { login: 'alice' },
          headRefOid: pr.commits[0],
          headRefName: 'topic-1',
          baseRefName: 'main',
          labels: { nodes: [{ name: 'x' }] },
        },
      },
    });
  });

  it('finds nodes by id, with null and NOT_FOUND for an unknown one', () => {
    const world = baseWorld();
    const pr = world.addPullRequest('org/repo', { commits: [{ author: 'alice' }] });
    const { answer } = run(
      createState(world),
      `{ nodes(ids: ["${pr.nodeId}", "bm9wZQ"]) { __typename ... on PullRequest { number } } }`,
    );
    expect(answer.data).toEqual({ nodes: [{ __typename: 'PullRequest', number: 1 }, null] });
    expect(answer.errors).toEqual([expect.objectContaining({ type: 'NOT_FOUND', path: ['nodes', 1] })]);
  });
});

describe('fields the simulator does not implement', () => {
  it('fail loudly instead of answering null', () => {
    const { answer } = run(createState(baseWorld()), '{ repository(owner: "org", name: "repo") { stargazerCount } }');
    expect(answer.data).toEqual({ repository: null });
    expect(answer.errors?.[0]?.message).toBe('The GitHub simulator does not implement Repository.stargazerCount');
  });
});

describe('mutations', () => {
  function labelled() {
    const world = baseWorld();
    const signed = world.addLabel('org/repo', 'cla: signed');
    const missing = world.addLabel('org/repo', 'cla: missing');
    const pr = world.addPullRequest('org/repo', { commits: [{ author: 'alice' }], labels: ['cla: missing'] });
    return { world, signed, missing, pr };
  }

  it('adds and removes labels and records the write', () => {
    const { world, signed, missing, pr } = labelled();
    const state = createState(world);
    const outcome = executeGraphql(state, VIEWER, {
      query: `mutation Flip($pr: ID!, $add: [ID!]!, $remove: [ID!]!) {
        add: addLabelsToLabelable(input: { labelableId: $pr, labelIds: $add }) { labelable { ... on PullRequest { number } } }
        remove: removeLabelsFromLabelable(input: { labelableId: $pr, labelIds: $remove }) { clientMutationId } }`,
      variables: { pr: pr.nodeId, add: [signed.nodeId], remove: [missing.nodeId] },
      operationName: 'Flip',
    });
    expect(outcome).toMatchObject({ status: 200, isMutation: true, operationName: 'Flip', writes: ['org/repo#1'] });
    expect(outcome.body).toEqual({ data: { add: { labelable: { number: 1 } }, remove: { clientMutationId: null } } });
    expect(world.labelsOf('org/repo', 1)).toEqual(['cla: signed']);
  });

  it('comments on a pull request', () => {
    const { world, pr } = labelled();
    const outcome = executeGraphql(createState(world), VIEWER, {
      query: `mutation { addComment(input: { subjectId: "${pr.nodeId}", body: "Please sign" }) {
        commentEdge { node { body author { login } } } } }`,
    });
    expect(outcome.body).toEqual({
      data: { addComment: { commentEdge: { node: { body: 'Please sign', author: { login: VIEWER } } } } },
    });
    expect(pr.comments.map((c) => c.body)).toEqual(['Please sign']);
    expect(outcome.writes).toEqual(['org/repo#1']);
  });

  it('answers NOT_FOUND for an unknown node and writes nothing', () => {
    const { world, signed } = labelled();
    const outcome = executeGraphql(createState(world), VIEWER, {
      query: `mutation { addLabelsToLabelable(input: { labelableId: "bm9wZQ", labelIds: ["${signed.nodeId}"] }) { clientMutationId } }`,
    });
    expect(outcome.body).toMatchObject({
      data: { addLabelsToLabelable: null },
      errors: [{ type: 'NOT_FOUND', message: "Could not resolve to a node with the global id of 'bm9wZQ'." }],
    });
    expect(outcome.writes).toBeUndefined();
  });
});
