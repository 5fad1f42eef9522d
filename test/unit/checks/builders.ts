// Test data builders for the reconcile unit tests.
import type { Identity } from '../../../src/checks/model.js';
import type { Signatory } from '../../../src/signatories/model.js';

export const id = (login: string | null, email: string | null = null, name: string | null = null): Identity => ({
  login,
  email,
  name,
});

let nextLine = 1;
export const signatory = (github: string | null, email: string | null = null): Signatory => ({
  github,
  email,
  line: nextLine++,
  extra: {},
});
