// GitHub's REST error bodies. GitHub adds `status` (a string) to every error body since 2023.
import type { RestOutcome } from '../types.js';

export const DOCS = 'https://docs.github.com/rest';

export interface FieldError {
  resource: string;
  code: 'missing' | 'missing_field' | 'invalid' | 'already_exists' | 'unprocessable' | 'custom';
  field: string;
  message?: string;
}

export function errorBody(status: number, message: string, documentationUrl: string = DOCS): Record<string, unknown> {
  return { message, documentation_url: documentationUrl, status: String(status) };
}

export function notFound(documentationUrl: string = DOCS): RestOutcome {
  return { status: 404, body: errorBody(404, 'Not Found', documentationUrl) };
}

export function forbidden(message: string, documentationUrl: string = DOCS): RestOutcome {
  return { status: 403, body: errorBody(403, message, documentationUrl) };
}

export function validationFailed(errors: FieldError[], documentationUrl: string): RestOutcome {
  return {
    status: 422,
    body: { message: 'Validation Failed', errors, documentation_url: documentationUrl, status: '422' },
  };
}

/** The wording of GitHub's JSON-schema checks on request bodies. */
export function invalidRequest(detail: string, documentationUrl: string): RestOutcome {
  return { status: 422, body: errorBody(422, `Invalid request.\n\n${detail}`, documentationUrl) };
}

export function archived(documentationUrl: string): RestOutcome {
  return forbidden('Repository was archived so is read-only.', documentationUrl);
}
