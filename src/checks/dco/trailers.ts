// The DCO's lines in a commit message, parsed exactly as the DCO app does so that verdicts agree:
// dcoapp/app lib/dco.js:125 and :143 (at 83946bb). Any line of the message counts; the keyword is
// case-insensitive; no leading whitespace; name and email are taken as written, never trimmed.
import type { Remediation, SignOff } from '../model.js';

const SIGN_OFF = /^Signed-off-by: (.*) <(.*)>\s*$/gim;
// The SHA is the rest of the line (the app's greedy group): trailing spaces make it no SHA at all.
const REMEDIATION = /^I, (.*) <(.*)>, hereby add my Signed-off-by to this commit: (.*)\s*$/gim;

export function parseSignOffs(message: string): SignOff[] {
  return [...message.matchAll(SIGN_OFF)].map((m) => ({ name: m[1] ?? '', email: m[2] ?? '' }));
}

export function parseRemediations(message: string): Remediation[] {
  return [...message.matchAll(REMEDIATION)].map((m) => ({ name: m[1] ?? '', email: m[2] ?? '', sha: m[3] ?? '' }));
}
