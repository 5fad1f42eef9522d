// Checks REST requests and responses against GitHub's published OpenAPI description
// (@octokit/openapi), so tests fail when the tool or the simulator strays from what GitHub serves.
import { createRequire } from 'node:module';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

type Json = Record<string, unknown>;

interface Operation {
  operationId: string;
  requestBody?: { content?: Record<string, { schema?: Json }> };
  responses: Record<string, { $ref?: string; content?: Record<string, { schema?: Json }> }>;
}

interface Spec {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Json>; responses: Record<string, { content?: Record<string, { schema?: Json }> }> };
}

export interface FoundOperation {
  /** The OpenAPI path template, e.g. `/repos/{owner}/{repo}/statuses/{sha}`. */
  template: string;
  method: string;
  operationId: string;
  params: Record<string, string>;
  operation: Operation;
}

const SPEC_ID = 'https://api.github.com/openapi.json';
const METHODS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head']);

let loaded: { spec: Spec; ajv: Ajv; templates: { template: string; segments: string[] }[] } | undefined;
const compiled = new Map<string, ValidateFunction>();

function load() {
  if (loaded) return loaded;
  const require = createRequire(import.meta.url);
  const spec = require('@octokit/openapi/generated/api.github.com.json') as Spec;
  // GitHub's spec uses `oneOf` where the alternatives overlap (a private user is also a valid public
  // user), which JSON Schema's oneOf rejects; anyOf keeps the intent. `nullable` is OpenAPI 3.0's
  // and Ajv understands it.
  const schemas = nullableWithoutType(
    JSON.parse(JSON.stringify(spec.components.schemas).replaceAll('"oneOf":', '"anyOf":')),
  ) as Json;
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true, discriminator: false });
  // ajv-formats is CommonJS: its default import is the plugin under Node, `{ default }` under some loaders.
  const plugin = addFormatsModule as unknown as ((a: Ajv) => Ajv) | { default: (a: Ajv) => Ajv };
  (typeof plugin === 'function' ? plugin : plugin.default)(ajv);
  ajv.addSchema({ $id: SPEC_ID, components: { schemas } });
  const templates = Object.keys(spec.paths).map((template) => ({ template, segments: template.split('/').slice(1) }));
  loaded = { spec, ajv, templates };
  return loaded;
}

function matches(segments: string[], concrete: string[]): Record<string, string> | undefined {
  const params: Record<string, string> = {};
  for (let i = 0; i < segments.length; i++) {
    const want = segments[i]!;
    const got = concrete[i];
    if (got === undefined || got === '') return undefined;
    const name = /^\{(.+)\}$/.exec(want)?.[1];
    // `{path}` of the contents endpoints spans the rest of the path.
    if (name === 'path' && i === segments.length - 1) {
      params.path = concrete.slice(i).join('/');
      return params;
    }
    if (name) params[name] = decodeURIComponent(got);
    else if (want !== got) return undefined;
  }
  return concrete.length === segments.length ? params : undefined;
}

/** The documented operation for a method and a concrete path (query string and `/api/v3` prefix allowed). */
export function findOperation(method: string, concretePath: string): FoundOperation | undefined {
  const { spec, templates } = load();
  const m = method.toLowerCase();
  const path = concretePath.split('?')[0]!.replace(/^\/api\/v3(?=\/|$)/, '') || '/';
  const concrete = path.split('/').slice(1);
  // Templates with more literal segments win: `/repos/{o}/{r}/issues/comments/{id}` over `/issues/{n}/...`.
  let best: { found: FoundOperation; literals: number } | undefined;
  for (const { template, segments } of templates) {
    const op = spec.paths[template]?.[m];
    if (!op || !METHODS.has(m)) continue;
    const params = matches(segments, concrete);
    if (!params) continue;
    const literals = segments.filter((s) => !s.startsWith('{')).length;
    if (!best || literals > best.literals) {
      best = { found: { template, method: m, operationId: op.operationId, params, operation: op }, literals };
    }
  }
  return best?.found;
}

/**
 * OpenAPI 3.0's `nullable` beside `anyOf`/`allOf` without a `type` (the installation's `account`,
 * say) is something Ajv refuses; `{ anyOf: [schema, { type: 'null' }] }` says the same in JSON Schema.
 * The inlined copy of that `account` under `GET /app/installations` reads `allOf: [Simple User,
 * Enterprise]`, which no account can satisfy, where the `installation` component says `anyOf`; a
 * nullable `allOf` of several alternatives is read as the component reads it.
 */
function nullableWithoutType(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(nullableWithoutType);
  if (typeof value !== 'object' || value === null) return value;
  const entries = Object.entries(value as Json).map(([k, v]) => [k, nullableWithoutType(v)] as const);
  const out = Object.fromEntries(entries) as Json;
  if (out.nullable === true && out.type === undefined) {
    const { nullable: _drop, ...rest } = out;
    if (Array.isArray(rest.allOf) && rest.allOf.length > 1) {
      const { allOf, ...others } = rest;
      return { anyOf: [{ ...others, anyOf: allOf }, { type: 'null' }] };
    }
    return { anyOf: [rest, { type: 'null' }] };
  }
  return out;
}

function validator(key: string, schema: Json): ValidateFunction {
  const cached = compiled.get(key);
  if (cached) return cached;
  const { ajv } = load();
  const rebased = nullableWithoutType(
    JSON.parse(
      JSON.stringify(schema).replaceAll('"#/components/', `"${SPEC_ID}#/components/`).replaceAll('"oneOf":', '"anyOf":'),
    ),
  ) as Json;
  const fn = ajv.compile(rebased);
  compiled.set(key, fn);
  return fn;
}

function explain(fn: ValidateFunction): string[] {
  return (fn.errors ?? []).map((e) => `${e.instancePath || '(body)'} ${e.message ?? 'is invalid'}`);
}

function jsonSchemaOf(content: Record<string, { schema?: Json }> | undefined): Json | undefined {
  if (!content) return undefined;
  return (content['application/json'] ?? Object.values(content)[0])?.schema;
}

/** Errors in a request: an undocumented route or method, or a body its schema refuses. Empty when valid. */
export function validateRestRequest(method: string, path: string, body: unknown): string[] {
  const found = findOperation(method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not a documented GitHub REST operation`];
  const schema = jsonSchemaOf(found.operation.requestBody?.content);
  if (!schema) {
    return body === undefined || body === null || body === ''
      ? []
      : [`${found.operationId} takes no request body`];
  }
  const fn = validator(`req ${found.method} ${found.template}`, schema);
  return fn(body) ? [] : explain(fn).map((e) => `${found.operationId} request ${e}`);
}

/**
 * Errors in a response: its body checked against the schema documented for that status. GitHub
 * leaves many error statuses undocumented per operation (a 422 from creating a status, say); those
 * bodies are checked against GitHub's generic error schemas instead.
 */
export function validateRestResponse(method: string, path: string, status: number, body: unknown): string[] {
  const found = findOperation(method, path);
  if (!found) return [`${method.toUpperCase()} ${path} is not a documented GitHub REST operation`];
  // The raw media type (`Accept: application/vnd.github.raw`) of the contents endpoint is documented
  // in prose only; its body is the file itself.
  if (found.operationId === 'repos/get-content' && status === 200 && typeof body === 'string') return [];
  const { spec } = load();
  let response = found.operation.responses[String(status)];
  if (response?.$ref) response = spec.components.responses[response.$ref.split('/').pop()!];
  if (!response) {
    if (status < 400) return [`${found.operationId} documents no ${status} response`];
    const fn = validator('generic-error', {
      anyOf: [{ $ref: '#/components/schemas/basic-error' }, { $ref: '#/components/schemas/validation-error' }],
    });
    return fn(body) ? [] : explain(fn).map((e) => `${found.operationId} ${status} ${e}`);
  }
  const schema = jsonSchemaOf(response.content);
  if (!schema) {
    return body === undefined || body === null || body === ''
      ? []
      : [`${found.operationId} documents no body for ${status}`];
  }
  const fn = validator(`res ${found.method} ${found.template} ${status}`, schema);
  return fn(body) ? [] : explain(fn).map((e) => `${found.operationId} ${status} ${e}`);
}
