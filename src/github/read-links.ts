// Asks GitHub again whom it links the addresses of commit authors to: a contributor who was told
// `unlinked: x@y.z` fixes it by adding the address to their account.
import { z } from 'zod';
import type { AddressOnCommit } from '../reconcile/ports.js';
import { errorsAt } from './answers.js';
import { type GraphqlRunner, runInBatches } from './graphql-runner.js';
import * as q from './queries.js';
import { splitRepo } from './shapes.js';

/** Lookups per request: one `authors` connection each, so 100 cost a point. */
const PER_REQUEST = 100;

const AuthorsAnswer = z
  .object({
    object: z
      .object({
        oid: z.string(),
        authors: z.object({ nodes: z.array(z.object({ email: z.string().nullable(), user: z.object({ login: z.string() }).nullable() }).nullable()) }),
      })
      .nullable(),
  })
  .nullable();

export async function linkedLogins(runner: GraphqlRunner, addresses: AddressOnCommit[]): Promise<Map<string, string>> {
  const logins = new Map<string, string>();
  await runInBatches(
    addresses,
    PER_REQUEST,
    async (batch) => {
      const vars: Record<string, unknown> = {};
      batch.forEach((a, i) => {
        [vars[`o${i}`], vars[`n${i}`]] = splitRepo(a.repo);
        vars[`c${i}`] = a.sha;
      });
      const { data, errors } = await runner.run<Record<string, unknown>>('ReadLinkedAuthors', q.readLinkedAuthors(batch.length), vars, Math.max(1, Math.round(batch.length / 100)), {
        splittable: batch.length > 1,
      });
      batch.forEach((a, i) => {
        // What could not be read stays as it was: unlinked, and asked about again next time.
        const read = AuthorsAnswer.safeParse(data[`c${i}`]);
        if (!read.success || errorsAt(errors, [`c${i}`]).length > 0) return;
        const author = read.data?.object?.authors.nodes.find((n) => n?.email?.trim().toLowerCase() === a.email);
        if (author?.user) logins.set(a.email, author.user.login);
      });
    },
    () => undefined,
  );
  return logins;
}
