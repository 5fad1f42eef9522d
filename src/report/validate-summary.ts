// The text `cla-sweeper validate` prints: what the configuration and the signatories list amount to.
import type { LoadedConfig } from '../config/load.js';
import type { SignatoryList } from '../signatories/model.js';
import { sourceName } from '../signatories/sources.js';

export interface SignatoryCounts {
  entries: number;
  /** Distinct values, compared case-insensitively. */
  logins: number;
  emails: number;
  hashedEmails: number;
  domainPatterns: number;
}

export function countSignatories(list: SignatoryList): SignatoryCounts {
  const logins = new Set<string>();
  const emails = new Set<string>();
  const hashed = new Set<string>();
  const patterns = new Set<string>();
  for (const entry of list.entries) {
    if (entry.github !== null) logins.add(entry.github.toLowerCase());
    if (entry.email === null) continue;
    const email = entry.email.toLowerCase();
    if (email.startsWith('sha256:')) hashed.add(email);
    else if (email.startsWith('*@')) patterns.add(email);
    else emails.add(email);
  }
  return {
    entries: list.entries.length,
    logins: logins.size,
    emails: emails.size,
    hashedEmails: hashed.size,
    domainPatterns: patterns.size,
  };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** `list`: the CLA check's signatories, null when only the DCO check is configured. */
export function describeSetup(loaded: LoadedConfig, list: SignatoryList | null, warnings: string[]): string {
  const { config } = loaded;
  const source = loaded.signatoriesSource;
  const rows: [string, string][] = [
    ['config', loaded.file],
    ['repositories', `${config.repositories.length}: ${config.repositories.join(', ')}`],
  ];
  if (config.exclude.length > 0) rows.push(['exclude', config.exclude.join(', ')]);
  const checks = [list && source ? 'cla' : null, config.dco ? 'dco' : null].filter(Boolean);
  rows.push(['checks', checks.join(', ')]);
  if (list && source) {
    const counts = countSignatories(list);
    rows.push(
      ['signatories', `${source.kind} ${sourceName(source)}`],
      [
        '',
        `${plural(counts.entries, 'entry', 'entries')}: ${plural(counts.logins, 'login')}, ${plural(counts.emails, 'email')}, ` +
          `${plural(counts.hashedEmails, 'hashed email')}, ${plural(counts.domainPatterns, 'domain pattern')}`,
      ],
      ['status', `context "${config.status.context}", url ${config.status.url ?? '(none)'}`],
      ['labels', `signed "${config.labels.signed}", missing "${config.labels.missing}"`],
    );
  }
  if (config.dco) {
    const d = config.dco;
    rows.push([
      'dco',
      `context "${d.context}", url ${d.url ?? '(none)'}, labels ${d.labels ? `"${d.labels.signed}" / "${d.labels.missing}"` : '(none)'}, remediation commits ${d.remediationCommits ? 'accepted' : 'refused'}`,
    ]);
  }
  rows.push(
    ['allowlist', config.allowlist.length > 0 ? config.allowlist.join(', ') : '(none)'],
    ['cache', loaded.cacheFile],
    [
      'github',
      `maxConcurrency ${config.github.maxConcurrency}, writeIntervalMs ${config.github.writeIntervalMs}, maxWritesPerHour ${config.github.maxWritesPerHour}`,
    ],
    ['guard', `maxFlips ${config.guard.maxFlips}, maxFlipShare ${config.guard.maxFlipShare}`],
    ['budget', `reservePoints ${config.budget.reservePoints}`],
    [
      'publish',
      `${config.publish === 'check-run' ? 'check runs (needs a GitHub App installation token)' : 'commit statuses'}; merge queues ${config.mergeQueue ? 'on' : 'off'}`,
    ],
  );
  if (config.schedule !== undefined) rows.push(['schedule', `${config.schedule} (daemon mode)`]);
  warnings.forEach((w, i) => {
    rows.push([i === 0 ? 'warnings' : '', w]);
  });
  const width = Math.max(...rows.map(([label]) => label.length)) + 2;
  return rows.map(([label, value]) => `${label.padEnd(width)}${value}`.trimEnd()).join('\n');
}
