import { describe, expect, it } from 'vitest';
import { compileGlob } from '../../../src/checks/glob.js';

describe('compileGlob', () => {
  it.each([
    ['*[bot]', 'dependabot[bot]', true],
    ['*[bot]', 'evil[bot]x', false],
    ['*[bot]', '[bot]', true],
    ['*[bot]', 'b', false],
    ['*[bot]', 'DependaBot[BOT]', true],
    ['ci@bots.example.org', 'CI@Bots.Example.Org', true],
    ['ci@bots.example.org', 'ci@botsxexample.org', false],
    ['a.b+c(d)|e^f$g{h}\\i', 'a.b+c(d)|e^f$g{h}\\i', true],
    ['a.b', 'axb', false],
    ['a+', 'aa', false],
    ['(a|b)', 'a', false],
    ['renovate?bot', 'renovate-bot', true],
    ['renovate?bot', 'renovatebot', false],
    ['renovate?bot', 'renovate--bot', false],
    ['*@bigcorp.example', 'x@bigcorp.example', true],
    ['*@bigcorp.example', 'x@sub.bigcorp.example', false],
    ['*@bigcorp.example', 'x@bigcorp.example.evil', false],
    ['*', '', true],
    ['alice', 'xalice', false],
    ['alice', 'alicex', false],
    ['  alice ', 'alice', true],
  ])('%s matches %s: %s', (pattern, input, expected) => {
    expect(compileGlob(pattern)(input)).toBe(expected);
  });
});
