// The checks a configuration asks for, built once per sweep from the configuration and the list.
import type { Config } from '../config/schema.js';
import type { Signatory } from '../signatories/model.js';
import type { Check } from './check.js';
import { claCheck } from './cla/index.js';
import { dcoCheck } from './dco/index.js';
import { buildPolicy } from './policy.js';

/** `signatories`: the CLA check's list (null when only `dco` is configured). */
export function configuredChecks(config: Config, signatories: Signatory[] | null, noReplyDomain: string): Check[] {
  const policy = buildPolicy(signatories ?? [], config.allowlist);
  const checks: Check[] = [];
  if (config.signatories && signatories) {
    checks.push(
      claCheck({ context: config.status.context, targetUrl: config.status.url, labels: config.labels, policy, noReplyDomain }),
    );
  }
  if (config.dco) {
    const { context, url, labels, remediationCommits } = config.dco;
    checks.push(dcoCheck({ context, targetUrl: url, labels: labels ?? null, policy, remediationCommits, noReplyDomain }));
  }
  return checks;
}
