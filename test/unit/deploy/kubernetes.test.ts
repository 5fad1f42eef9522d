// deploy/kubernetes (issue 11, point 5): every manifest validates against the Kubernetes API schema
// (kubernetes-models, generated from Kubernetes' OpenAPI description), and the pieces fit
// together: the CronJob runs the CLI with options it has, reads variables cla-sweeper reads, from
// files inside the volumes it mounts, with a configuration that loads and a cache on the claim.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, posix, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, parseAllDocuments } from 'yaml';
import { buildProgram, runCli } from '../../../src/cli/program.js';
import { loadConfig } from '../../../src/config/load.js';
import { readEnv } from '../../../src/env.js';
import { parseShard, shardCacheFile } from '../../../src/reconcile/shard.js';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const DIR = join(root, 'deploy/kubernetes');
const require = createRequire(import.meta.url);

// biome-ignore lint/suspicious/noExplicitAny: manifests are free-form YAML, checked by the models below
type Manifest = { apiVersion: string; kind: string; metadata: { name: string }; [k: string]: any };

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

const manifests: { file: string; doc: Manifest }[] = yamlFiles(DIR).flatMap((file) =>
  parseAllDocuments(readFileSync(file, 'utf8')).map((d) => {
    expect(d.errors, file).toEqual([]);
    return { file: relative(root, file), doc: d.toJS() as Manifest };
  }),
);

/** The kubernetes-models class for an object: `v1` → kubernetes-models/v1/Kind, `batch/v1` → kubernetes-models/batch/v1/Kind. */
function modelOf(doc: Manifest): new (data: unknown) => { validate(): void } {
  const module = require(`kubernetes-models/${doc.apiVersion}/${doc.kind}`) as Record<string, new (data: unknown) => { validate(): void }>;
  return module[doc.kind]!;
}

function validationErrors(doc: Manifest): string | null {
  try {
    const Model = modelOf(doc);
    new Model(doc).validate();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

const byKind = (kind: string) => manifests.filter((m) => m.doc.kind === kind);
const cronJobs = byKind('CronJob');
const configMap = byKind('ConfigMap')[0]!.doc;
/** `cache.file` of the configuration in the ConfigMap (absolute there). */
const CACHE_FILE = (parse(configMap.data['cla-sweeper.yaml']) as { cache: { file: string } }).cache.file;

/** The environment variable names src/env.ts reads, and those Kubernetes or Node.js read. */
const KNOWN_VARIABLES = [
  'GITHUB_TOKEN',
  'GITHUB_TOKEN_FILE',
  'GITHUB_APP_ID',
  'GITHUB_APP_PRIVATE_KEY',
  'GITHUB_APP_PRIVATE_KEY_FILE',
  'GITHUB_APP_INSTALLATION_ID',
  'GITHUB_API_URL',
  'CLA_SWEEPER_CONFIG',
  'CLA_SWEEPER_LOG_LEVEL',
  'NODE_OPTIONS',
  'JOB_COMPLETION_INDEX',
];

describe('deploy/kubernetes', () => {
  it('has the CronJob, the sharded CronJob, the ConfigMap and the claims', () => {
    expect(manifests.map((m) => `${m.file}: ${m.doc.kind}/${m.doc.metadata.name}`).sort()).toEqual([
      'deploy/kubernetes/configmap.yaml: ConfigMap/cla-sweeper',
      'deploy/kubernetes/cronjob.yaml: CronJob/cla-sweeper',
      'deploy/kubernetes/pvc.yaml: PersistentVolumeClaim/cla-sweeper-cache',
      'deploy/kubernetes/sharded/cronjob.yaml: CronJob/cla-sweeper-shards',
      'deploy/kubernetes/sharded/pvc.yaml: PersistentVolumeClaim/cla-sweeper-shards-cache',
    ]);
  });

  it.each(manifests.map((m) => [`${m.file} (${m.doc.kind})`, m.doc] as const))('%s validates against the Kubernetes API schema', (_name, doc) => {
    expect(validationErrors(doc)).toBeNull();
  });

  it('the validation does refuse what Kubernetes refuses', () => {
    const cron = structuredClone(cronJobs[0]!.doc);
    cron.spec.concurrencyPolicy = 'Sometimes';
    expect(validationErrors(cron)).toContain('concurrencyPolicy');
    const job = structuredClone(cronJobs[0]!.doc);
    job.spec.jobTemplate.spec.template.spec.securityContext.fsGroup = 'node';
    expect(validationErrors(job)).toContain('fsGroup');
  });

  it('the configuration in the ConfigMap loads and validates, with its cache on the cache volume', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cla-sweeper-k8s-'));
    try {
      for (const [name, text] of Object.entries(configMap.data as Record<string, string>)) writeFileSync(join(dir, name), text);
      const loaded = await loadConfig(join(dir, 'cla-sweeper.yaml'));
      expect(loaded.cacheFile).toBe(CACHE_FILE);
      let out = '';
      const code = await runCli(['node', 'cla-sweeper', 'validate', '--config', join(dir, 'cla-sweeper.yaml')], {
        env: readEnv({ CLA_SWEEPER_LOG_LEVEL: 'silent' }),
        out: (t) => {
          out += t;
        },
        signal: new AbortController().signal,
      });
      expect(code, out).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  describe.each(cronJobs.map((c) => [c.file, c.doc] as const))('%s', (file, cron) => {
    const job = cron.spec.jobTemplate.spec;
    const pod = job.template.spec;
    const [container] = pod.containers;
    const env = new Map<string, string>((container.env ?? []).map((e: { name: string; value?: string }) => [e.name, e.value ?? '']));
    const mountOf = (name: string) => container.volumeMounts.find((m: { name: string }) => m.name === name);
    const volumeOf = (name: string) => pod.volumes.find((v: { name: string }) => v.name === name);
    const mountedAt = (path: string) =>
      container.volumeMounts.find((m: { mountPath: string }) => path.startsWith(`${m.mountPath}/`));

    it('never runs two at once, and does not retry a failed run at once', () => {
      expect(cron.spec.concurrencyPolicy).toBe('Forbid');
      expect(job.backoffLimit ?? job.backoffLimitPerIndex).toBe(0);
      expect(pod.restartPolicy).toBe('Never');
    });

    it('runs non-root on a read-only root filesystem, with the volumes group-owned by its user (fsGroup), within requests and limits', () => {
      expect(pod.securityContext).toMatchObject({ runAsNonRoot: true, runAsUser: 1000, fsGroup: 1000 });
      expect(container.securityContext).toMatchObject({ readOnlyRootFilesystem: true, allowPrivilegeEscalation: false, capabilities: { drop: ['ALL'] } });
      expect(container.resources.requests).toMatchObject({ cpu: expect.any(String), memory: expect.any(String) });
      expect(container.resources.limits).toMatchObject({ memory: expect.any(String) });
    });

    it('runs options the CLI has, and maps partial runs to success', () => {
      const program = buildProgram({ env: readEnv({}), out: () => undefined, signal: new AbortController().signal }, () => undefined);
      const [command, ...rest] = container.args as string[];
      const sweep = program.commands.find((c) => c.name() === command);
      expect(sweep, String(command)).toBeDefined();
      const longs = new Set(sweep!.options.map((o) => o.long));
      for (const arg of rest.filter((a) => a.startsWith('--'))) expect(longs.has(arg), arg).toBe(true);
      expect(rest).toContain('--partial-ok');
    });

    it('reads only variables cla-sweeper, Node.js or Kubernetes know', () => {
      for (const name of env.keys()) expect(KNOWN_VARIABLES, name).toContain(name);
    });

    it('takes the configuration from the ConfigMap and the credentials from a Secret mounted as files', () => {
      const config = env.get('CLA_SWEEPER_CONFIG')!;
      const configMount = mountedAt(config);
      expect(configMount?.readOnly).toBe(true);
      expect(volumeOf(configMount.name).configMap.name).toBe(configMap.metadata.name);
      expect(Object.keys(configMap.data)).toContain(posix.relative(configMount.mountPath, config));

      const tokenFile = env.get('GITHUB_TOKEN_FILE')!;
      expect(env.has('GITHUB_TOKEN')).toBe(false);
      const secretMount = mountedAt(tokenFile);
      expect(secretMount?.readOnly).toBe(true);
      const secret = volumeOf(secretMount.name).secret;
      expect(secret.secretName).toMatch(/^cla-sweeper/);
      // Readable by the runtime user through the fsGroup: owner and group read, nothing else.
      expect(secret.defaultMode).toBe(0o440);
    });

    it('keeps the cache on a PersistentVolumeClaim defined beside it, where the configuration puts cache.file', () => {
      const cache = mountOf('cache');
      expect(cache.readOnly).not.toBe(true);
      const claim = volumeOf('cache').persistentVolumeClaim.claimName;
      const claims = byKind('PersistentVolumeClaim').filter((m) => dirname(m.file) === dirname(file));
      expect(claims.map((c) => c.doc.metadata.name)).toContain(claim);
      expect(posix.dirname(CACHE_FILE)).toBe(cache.mountPath);
    });

    if (job.completionMode === 'Indexed') {
      it('is an Indexed Job whose pods run share I of N, N being its completions, each with its own token and cache file', () => {
        expect(job.completions).toBe(job.parallelism);
        const args = container.args as string[];
        const shardArg = args[args.indexOf('--shard') + 1]!;
        expect(shardArg).toBe(`$(JOB_COMPLETION_INDEX)/${job.completions}`);
        const files = new Set<string>();
        const tokens = new Set<string>();
        for (let i = 0; i < job.completions; i += 1) {
          const parsed = parseShard(shardArg.replace('$(JOB_COMPLETION_INDEX)', String(i)));
          expect(parsed).toEqual({ ok: true, shard: { index: i, count: job.completions } });
          if (parsed.ok) files.add(shardCacheFile(CACHE_FILE, parsed.shard));
          tokens.add(env.get('GITHUB_TOKEN_FILE')!.replace('$(JOB_COMPLETION_INDEX)', String(i)));
        }
        expect(files.size).toBe(job.completions);
        expect(tokens.size).toBe(job.completions);
        // JOB_COMPLETION_INDEX is declared before the variables that refer to it, as Kubernetes requires.
        const names = [...env.keys()];
        expect(names.indexOf('JOB_COMPLETION_INDEX')).toBeLessThan(names.indexOf('GITHUB_TOKEN_FILE'));
        const claim = byKind('PersistentVolumeClaim').find((m) => m.doc.metadata.name === volumeOf('cache').persistentVolumeClaim.claimName);
        expect(claim?.doc.spec.accessModes).toEqual(['ReadWriteMany']);
      });
    }
  });
});
