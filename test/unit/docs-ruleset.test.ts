// The README's branch ruleset that requires the check from the App alone is a request GitHub's
// REST description accepts, and it pins the check to an App.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { validateRestRequest } from '../support/openapi.js';

const readme = readFileSync('README.md', 'utf8');
const blocks = [...readme.matchAll(/```json\n([\s\S]*?)```/g)].map((m) => m[1]!);
const ruleset = blocks.find((b) => b.includes('"required_status_checks"'));

describe('the README\'s ruleset', () => {
  it('is a body POST /repos/{owner}/{repo}/rulesets accepts', () => {
    expect(ruleset).toBeDefined();
    const body = JSON.parse(ruleset!);
    expect(validateRestRequest('POST', '/repos/OWNER/REPO/rulesets', body)).toEqual([]);
  });

  it('requires the check from one App (integration_id)', () => {
    const body = JSON.parse(ruleset!) as { rules: { type: string; parameters: { required_status_checks?: { context: string; integration_id?: number }[] } }[] };
    const checks = body.rules.find((r) => r.type === 'required_status_checks')!.parameters.required_status_checks!;
    expect(checks).toEqual([{ context: 'cla/signed', integration_id: expect.any(Number) }]);
  });

  it('a ruleset GitHub would refuse fails the check (it can fail)', () => {
    const bad = { ...JSON.parse(ruleset!), enforcement: 'sometimes' };
    expect(validateRestRequest('POST', '/repos/OWNER/REPO/rulesets', bad)).not.toEqual([]);
  });
});
