// `npm run demo` (issue 8, item 9): its first line counts pull requests and repositories as the
// sweeps it then runs count them.
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUILT_CLI, spawnNode } from '../support/harness.js';

const DEMO = join(BUILT_CLI, '../../../scripts/demo.js');

describe('the demo', () => {
  it('announces the world with the counts its sweeps report', async () => {
    const r = await spawnNode(DEMO, [], {});
    expect(r.code, r.stderr).toBe(0);
    const announced = /^GitHub simulator at \S+ with (\d+) open pull requests? in (\d+) repositor(?:y|ies) /.exec(r.stdout);
    const swept = /^Sweep complete: (\d+) repositor(?:y|ies), (\d+) open pull requests?/m.exec(r.stdout);
    expect(announced).not.toBeNull();
    expect(swept).not.toBeNull();
    expect({ pullRequests: announced![1], repositories: announced![2] }).toEqual({ pullRequests: swept![2], repositories: swept![1] });
  });

  it('ends by printing the report of the blocked pull requests', async () => {
    const r = await spawnNode(DEMO, [], {});
    expect(r.code, r.stderr).toBe(0);
    const report = r.stdout.slice(r.stdout.lastIndexOf('cla-sweeper report'));
    expect(report).toContain('## Pull requests blocked by a check');
    expect(report).toContain('### Unsigned login');
    expect(report.trimEnd().split('\n').at(-1)).toMatch(/^\| \[/);
  });
});
