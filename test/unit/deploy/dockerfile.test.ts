// The Dockerfile (issue 11, point 7; issue 8, point 7), parsed with dockerfile-ast: it builds with
// the steps CI and the README use, from the sources the CLI needs only; the runtime image runs
// non-root with NODE_ENV=production, a cache directory its user owns, and an entrypoint that
// serves `sweep` and `daemon`; the README's docker commands fit it. Docker itself cannot run on
// the machines the tests run on, so the build stage's steps are replayed here on a copy of exactly
// what it copies.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, posix, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Copy, DockerfileParser, type Instruction } from 'dockerfile-ast';
import { afterAll, describe, expect, it } from 'vitest';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const dockerfile = DockerfileParser.parse(readFileSync(join(root, 'Dockerfile'), 'utf8'));
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: Record<string, string>; scripts: Record<string, string> };
const readme = readFileSync(join(root, 'README.md'), 'utf8');

const froms = dockerfile.getFROMs();
/** The instructions of each stage, in order. */
const stages: Instruction[][] = [];
for (const instruction of dockerfile.getInstructions()) {
  if (instruction.getKeyword() === 'FROM') stages.push([]);
  stages.at(-1)!.push(instruction);
}
const [buildStage, runtimeStage] = stages as [Instruction[], Instruction[]];
const of = (stage: Instruction[], keyword: string) => stage.filter((i) => i.getKeyword() === keyword);
const args = (i: Instruction) => i.getArguments().map((a) => a.getValue());
const runs = (stage: Instruction[]) => of(stage, 'RUN').flatMap((r) => (r.getArgumentsContent() ?? '').split('&&').map((c) => c.trim().replace(/\s+/g, ' ')));
const envOf = (stage: Instruction[]) =>
  new Map(of(stage, 'ENV').flatMap((e) => (e as unknown as { getProperties(): { getName(): string; getValue(): string | null }[] }).getProperties().map((p) => [p.getName(), p.getValue() ?? ''] as const)));
const json = (i: Instruction | undefined) => JSON.parse(i?.getArgumentsContent() ?? 'null') as string[];

const work = mkdtempSync(join(tmpdir(), 'cla-sweeper-docker-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe('Dockerfile', () => {
  it('has a build stage and a runtime stage on the same Node.js image', () => {
    expect(froms).toHaveLength(2);
    expect(froms[0]!.getBuildStage()).toBe('build');
    expect(froms[1]!.getImage()).toBe(froms[0]!.getImage());
    expect(froms[0]!.getImageName()).toBe('node');
  });

  it('builds with the commands CI and the README use', () => {
    const ci = readFileSync(join(root, '.ci/run'), 'utf8');
    const [install, build] = runs(buildStage);
    expect(install).toMatch(/^npm ci\b/);
    expect(ci).toContain(install);
    expect(build).toBe('npm run build');
    expect(pkg.scripts.build).toBeDefined();
    // README, "Container": "builds with the same `npm ci` and `npm run build` as CI".
    expect(readme).toMatch(/builds with the same `npm ci` and `npm run build` as CI/);
  });

  it('copies into the build only what the CLI is built from: no tests, scripts or simulator', () => {
    const sources = (of(buildStage, 'COPY') as Copy[]).flatMap((c) => args(c).slice(0, -1));
    expect(sources.sort()).toEqual(['package-lock.json', 'package.json', 'src', 'tsconfig.build.json', 'tsconfig.json']);
  });

  it('the build stage works on exactly what it copies (replayed without Docker) and yields the CLI with sweep and daemon', () => {
    for (const source of (of(buildStage, 'COPY') as Copy[]).flatMap((c) => args(c).slice(0, -1))) {
      cpSync(join(root, source), join(work, source), { recursive: true });
    }
    // `npm ci` is what fills node_modules; the registry is not needed to check the rest.
    symlinkSync(join(root, 'node_modules'), join(work, 'node_modules'), 'dir');
    const build = spawnSync('npm', ['run', 'build'], { cwd: work, encoding: 'utf8' });
    expect(build.status, `${build.stdout}${build.stderr}`).toBe(0);
    const bin = Object.values(pkg.bin)[0]!;
    expect(existsSync(join(work, bin))).toBe(true);
    expect(existsSync(join(work, 'dist/scripts'))).toBe(false);
    expect(existsSync(join(work, 'dist/test'))).toBe(false);
    const help = spawnSync(process.execPath, [join(work, bin), '--help'], { encoding: 'utf8' });
    expect(help.stdout).toMatch(/\bsweep\b/);
    expect(help.stdout).toMatch(/\bdaemon\b/);
  });

  it('copies the built CLI into the runtime image, where the entrypoint runs the package bin, sweep by default', () => {
    const fromBuild = (of(runtimeStage, 'COPY') as Copy[]).find((c) => c.getFromFlag()?.getValue() === 'build')!;
    const [from, to] = args(fromBuild);
    const bin = Object.values(pkg.bin)[0]!;
    const workdir = args(of(runtimeStage, 'WORKDIR')[0]!)[0]!;
    const built = posix.relative('/app', from!); // the build stage's WORKDIR is /app too
    expect(bin.startsWith(`${built}/`)).toBe(true);
    // Where the package's bin lands in the runtime image.
    expect(posix.join(workdir, to!, posix.relative(built, bin))).toBe(`${workdir}/${bin}`);
    const link = runs(runtimeStage).find((c) => c.startsWith('ln -s'))!;
    const [, , target, name] = link.split(' ');
    expect(target).toBe(`${workdir}/${bin}`);
    expect(json(of(runtimeStage, 'ENTRYPOINT')[0])).toEqual([posix.basename(name!)]);
    expect(json(of(runtimeStage, 'CMD')[0])).toEqual(['sweep']);
  });

  it('runs non-root, with NODE_ENV=production and production dependencies only', () => {
    const users = of(runtimeStage, 'USER').map((u) => args(u)[0]);
    expect(users).toHaveLength(1);
    expect(['root', '0', '0:0']).not.toContain(users[0]);
    expect(envOf(runtimeStage).get('NODE_ENV')).toBe('production');
    expect(runs(runtimeStage).find((c) => c.startsWith('npm ci'))).toContain('--omit=dev');
  });

  it('creates the cache directory, owned by the runtime user, before USER and VOLUME', () => {
    const instructions = runtimeStage.map((i) => i.getKeyword());
    const user = args(of(runtimeStage, 'USER')[0]!)[0]!;
    const volume = json(of(runtimeStage, 'VOLUME')[0]);
    expect(volume).toEqual(['/cache']);
    const commands = runs(runtimeStage);
    expect(commands).toContain('mkdir -p /cache');
    expect(commands).toContain(`chown ${user}:${user} /cache`);
    const run = of(runtimeStage, 'RUN').find((r) => (r.getArgumentsContent() ?? '').includes('chown'))!;
    expect(runtimeStage.indexOf(run)).toBeLessThan(instructions.indexOf('USER'));
    expect(instructions.indexOf('USER')).toBeLessThan(instructions.indexOf('VOLUME'));
  });

  it("the README's docker commands build this image and run it with the configuration and cache where it expects them", () => {
    const commands = readme.split('\n').map((l) => l.trim()).filter((l) => /^docker (build|run)\b/.test(l));
    expect(commands.some((c) => c.startsWith('docker build -t cla-sweeper .'))).toBe(true);
    const runsOfReadme = commands.filter((c) => c.startsWith('docker run'));
    expect(runsOfReadme.length).toBeGreaterThan(0);
    const configDir = posix.dirname(envOf(runtimeStage).get('CLA_SWEEPER_CONFIG')!);
    for (const c of runsOfReadme) {
      expect(c, c).toMatch(new RegExp(`-v "?[^\\s"]+:${configDir}(:ro)?"?\\s`));
      expect(c, c).toMatch(/-v "?[^\s"]+:\/cache"?\s/);
      expect(c, c).toMatch(/ cla-sweeper (sweep|daemon)\b/);
    }
    // The configuration the README runs the container with keeps its cache on the volume.
    expect(readme).toMatch(/cache:\s*\{\s*file:\s*\/cache\/cache\.json\s*\}|file: \/cache\/cache\.json/);
  });
});
