import { describe, expect, it } from 'vitest';
import { parseCoAuthors } from '../../../../src/checks/cla/co-authors.js';

describe('parseCoAuthors', () => {
  it.each([
    ['a trailer at the end', 'Fix\n\nCo-authored-by: Bob B <bob@x.org>', [['Bob B', 'bob@x.org']]],
    ['any case of the key', 'Fix\n\nco-AUTHORED-by: Bob <bob@x.org>', [['Bob', 'bob@x.org']]],
    ['extra spaces', 'Fix\n\n  Co-authored-by :   Bob   B   <  bob@x.org  >  ', [['Bob   B', 'bob@x.org']]],
    ['a trailer in the middle of the message', 'Fix\nCo-authored-by: A <a@x.org>\nmore text', [['A', 'a@x.org']]],
    ['several trailers and CRLF', 'Fix\r\n\r\nCo-authored-by: A <a@x.org>\r\nCo-authored-by: B <b@x.org>', [['A', 'a@x.org'], ['B', 'b@x.org']]],
    ['no name', 'Co-authored-by: <a@x.org>', [[null, 'a@x.org']]],
    ['no address: ignored', 'Co-authored-by: Bob', []],
    ['no @ in the address: ignored', 'Co-authored-by: Bob <bob>', []],
    ['text after the address: ignored', 'Co-authored-by: Bob <b@x.org> and friends', []],
    ['a different trailer: ignored', 'Signed-off-by: Bob <b@x.org>', []],
    ['a mention in prose: ignored', 'see Co-authored-by: Bob <b@x.org> in the docs', []],
    ['empty message', '', []],
  ])('%s', (_name, message, expected) => {
    expect(parseCoAuthors(message)).toEqual(expected.map(([name, email]) => ({ name, email, login: null })));
  });
});
