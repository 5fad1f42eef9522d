// GitHub's published GraphQL schema (@octokit/graphql-schema), built once per process.
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSchema, type GraphQLSchema, isScalarType } from 'graphql';

const SCHEMA_FILE = join('node_modules', '@octokit', 'graphql-schema', 'schema.graphql');

let cached: { schema: GraphQLSchema; buildMs: number } | undefined;

/** The package exports only its index, so the SDL is found by walking up to node_modules (works from src and dist). */
function schemaPath(): string {
  const starts = [dirname(fileURLToPath(import.meta.url)), process.cwd()];
  for (const start of starts) {
    let dir = start;
    for (;;) {
      const candidate = join(dir, SCHEMA_FILE);
      if (existsSync(candidate)) return candidate;
      const parent = dirname(dir);
      if (parent === dir) break;
      dir = parent;
    }
  }
  throw new Error(`simulator: cannot find ${SCHEMA_FILE} above ${starts.join(' or ')}`);
}

/** The schema, built on first use (about 0.3 s; cached for the life of the process). */
export function githubSchema(): GraphQLSchema {
  if (!cached) {
    const started = performance.now();
    // The published SDL defines two EnterpriseOwnerInfo fields twice, which buildSchema's SDL
    // validation refuses; the duplicates are identical, so skipping that validation is safe.
    const schema = buildSchema(readFileSync(schemaPath(), 'utf8'), { assumeValidSDL: true });
    for (const name of ['DateTime', 'GitTimestamp']) {
      const scalar = schema.getType(name);
      if (isScalarType(scalar)) {
        // GitHub sends whole seconds ("2026-01-01T00:00:01Z"); the world keeps toISOString()'s milliseconds.
        (scalar as { serialize: (value: unknown) => unknown }).serialize = (value) =>
          typeof value === 'string' ? value.replace(/\.\d{3}Z$/, 'Z') : value;
      }
    }
    cached = { schema, buildMs: performance.now() - started };
  }
  return cached.schema;
}

/** How long building the schema took, in milliseconds (undefined before the first build). */
export function schemaBuildMs(): number | undefined {
  return cached?.buildMs;
}
