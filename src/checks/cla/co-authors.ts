import type { RawActor } from '../model.js';

// GitHub credits a trailer wherever it sits in the message and whatever the key's case, so we do too.
const TRAILER = /^\s*co-authored-by\s*:\s*(.*?)\s*<\s*([^<>\s@]+@[^<>\s@]+)\s*>\s*$/i;

/** The `Co-authored-by: Name <email>` trailers of a commit message; malformed lines are ignored. */
export function parseCoAuthors(message: string): RawActor[] {
  const actors: RawActor[] = [];
  for (const line of message.split(/\r?\n/)) {
    const match = TRAILER.exec(line);
    if (!match) continue;
    const name = match[1] ?? '';
    actors.push({ name: name === '' ? null : name, email: match[2] ?? null, login: null });
  }
  return actors;
}
