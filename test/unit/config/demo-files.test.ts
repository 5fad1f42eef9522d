// The demo's configuration loads, and its signatories are the sample world's.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load.js';
import { parseSignatories } from '../../../src/signatories/parse.js';
import { SAMPLE_SIGNATORIES } from '../../support/sample-world.js';

describe('config/demo.yaml', () => {
  it('loads and points at the demo signatories', async () => {
    const loaded = await loadConfig('config/demo.yaml');
    expect(loaded.config.repositories).toEqual(['acme/widgets', 'acme/gadgets', 'acme/docs']);
    expect(loaded.signatoriesSource).toMatchObject({ kind: 'file' });
    const file = (loaded.signatoriesSource as { path: string }).path;
    const strip = (text: string) => parseSignatories(text, 'yaml', 'x').list.entries.map((e) => [e.github, e.email]);
    expect(strip(readFileSync(file, 'utf8'))).toEqual(strip(SAMPLE_SIGNATORIES));
  });
});
