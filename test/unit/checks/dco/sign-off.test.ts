// The DCO app's rules for a commit's own sign-off and for remediation commits, case by case from
// its test suite (dcoapp/app test/dco.test.js at 83946bb; the line of each case in the name).
import { describe, expect, it } from 'vitest';
import { parseRemediations, parseSignOffs } from '../../../../src/checks/dco/trailers.js';
import { ownSignOff, remediatedShas } from '../../../../src/checks/dco/sign-off.js';
import type { CommitRecord, RawActor } from '../../../../src/checks/model.js';

const who = (name: string, email: string): RawActor => ({ name, email, login: null });
const BEX = who('bex', 'bex@disney.com');
const WARNER = who('Bex Warner', 'bexmwarner@gmail.com');

function commit(message: string, author: RawActor | null = BEX, committer: RawActor | null = WARNER, sha = 'a'.repeat(40)): CommitRecord {
  return {
    sha,
    headline: message.split('\n')[0] ?? '',
    author,
    coAuthors: [],
    committer,
    signOffs: parseSignOffs(message),
    remediations: parseRemediations(message),
  };
}

describe('ownSignOff', () => {
  it.each<[string, string, RawActor | null, boolean]>([
    ['37: the author signs off', 'Hello world\n\nSigned-off-by: bex <bex@disney.com>', BEX, true],
    ['60: a second, unknown sign-off does not hurt', 'x\n\nSigned-off-by: bex <bex@disney.com>\nSigned-off-by: Unknown <tester@github.com>', BEX, true],
    ['110: the keyword in lower case', 'x\n\nsigned-off-by: bex <bex@disney.com>', BEX, true],
    ['133: name and email in another case', 'x\n\nsigned-off-by: BeX <BeX@DiSnEy.CoM>', BEX, true],
    ['156/179: trailing newlines and spaces', 'x\n\nSigned-off-by: bex <bex@disney.com>  \n\n', BEX, true],
    ['225: a plus alias on both sides', 'x\n\nSigned-off-by: bex <bex+alias@disney.com>', who('bex', 'bex+alias@disney.com'), true],
    ['248: the committer signs off', 'x\n\nSigned-off-by: Bex Warner <bexmwarner@gmail.com>', who('Bexo', 'bexo@gmail.com'), true],
    ['271: no author email, the committer signs off', 'x\n\nSigned-off-by: Bex Warner <bexmwarner@gmail.com>', who('Bexo', ''), true],
    ['CRLF line endings', 'x\r\n\r\nSigned-off-by: bex <bex@disney.com>\r\n', BEX, true],
    ['423: no sign-off', 'yolo', BEX, false],
    ['521: the name differs', 'x\n\nSigned-off-by: hiimbex <bex@disney.com>', BEX, false],
    ['554: the email differs', 'x\n\nSigned-off-by: bex <hiimbex@disney.com>', BEX, false],
    ['620: extra spaces around the name are never trimmed', 'x\n\nSigned-off-by:   bex  <bex@disney.com>', BEX, false],
    ['653: spaces inside the brackets', 'x\n\nSigned-off-by: bex < bex@disney.com >', BEX, false],
    ['686: no name', 'x\n\nsigned-off-by: <bex@disney.com>', BEX, false],
    ['748: no brackets', 'x\n\nsigned-off-by: bex bex@disney.com', BEX, false],
    ['leading whitespace does not count', 'x\n\n Signed-off-by: bex <bex@disney.com>', BEX, false],
    ['text after the address does not count', 'x\n\nSigned-off-by: bex <bex@disney.com> (work)', BEX, false],
    ['a Co-authored-by is no sign-off', 'x\n\nCo-authored-by: bex <bex@disney.com>', BEX, false],
    ['875: an author email that is not an address', 'x\n\nsigned-off-by: hiimbex <hiimbex@bexo>', who('hiimbex', 'hiimbex@bexo'), false],
    ['name of one, email of the other: not the same person', 'x\n\nSigned-off-by: bex <bexmwarner@gmail.com>', BEX, false],
  ])('%s', (_name, message, author, ok) => {
    expect(ownSignOff(commit(message, author)).ok).toBe(ok);
  });

  it('says what is wrong', () => {
    expect(ownSignOff(commit('yolo'))).toEqual({ ok: false, detail: 'no Signed-off-by line' });
    expect(ownSignOff(commit('x\n\nSigned-off-by: hiimbex <bex@disney.com>'))).toEqual({
      ok: false,
      detail: 'Signed-off-by "hiimbex <bex@disney.com>" is neither the author "bex <bex@disney.com>" nor the committer',
    });
    expect(ownSignOff(commit('x\n\nsigned-off-by: h <h@bexo>', who('h', 'h@bexo')))).toEqual({ ok: false, detail: 'h@bexo is not a valid email address' });
  });

  it('treats an author GitHub could not tell as an empty name and email', () => {
    expect(ownSignOff(commit('x\n\nSigned-off-by: Bex Warner <bexmwarner@gmail.com>', null)).ok).toBe(true);
    expect(ownSignOff(commit('x', null, null)).ok).toBe(false);
  });
});

describe('remediatedShas', () => {
  const A = 'a'.repeat(40);
  const B = 'b'.repeat(40);
  const C = 'c'.repeat(40);
  const target = commit('No signoff', BEX, WARNER, A);
  const statement = (name: string, email: string, sha: string) => `I, ${name} <${email}>, hereby add my Signed-off-by to this commit: ${sha}`;

  it.each<[string, CommitRecord[], string[]]>([
    ['4299: the author remediates', [target, commit(`DCO Remediation\n\n${statement('bex', 'bex@disney.com', A)}\n\nSigned-off-by: bex <bex@disney.com>`, BEX, WARNER, B)], [A]],
    ['4599: several lines in one commit', [target, commit('No signoff', BEX, WARNER, B), commit(`R\n\n${statement('bex', 'bex@disney.com', A)}\n${statement('bex', 'bex@disney.com', B)}`, BEX, WARNER, C)], [A, B]],
    ['4721: the declared name is not the author', [target, commit(`R\n\n${statement('hiimbex', 'bex@disney.com', A)}`, who('hiimbex', 'bex@disney.com'), WARNER, B)], []],
    ['4889: the remediation commit is authored by someone else', [target, commit(`R\n\n${statement('bex', 'bex@disney.com', A)}`, who('hiimbex', 'bex@disney.com'), WARNER, B)], []],
    ['5225: a SHA not in the pull request', [target, commit(`R\n\n${statement('bex', 'bex@disney.com', '2'.repeat(40))}`, BEX, WARNER, B)], []],
    ['a short SHA does not count', [target, commit(`R\n\n${statement('bex', 'bex@disney.com', A.slice(0, 7))}`, BEX, WARNER, B)], []],
    ['trailing spaces after the SHA do not count', [target, commit(`R\n\n${statement('bex', 'bex@disney.com', `${A}  `)}`, BEX, WARNER, B)], []],
    ['the statement in another case counts', [target, commit(`R\n\n${statement('BEX', 'BEX@disney.com', A).replace('hereby', 'HEREBY')}`, BEX, WARNER, B)], [A]],
  ])('%s', (_name, commits, covered) => {
    expect([...remediatedShas(commits)].sort()).toEqual(covered);
  });
});
