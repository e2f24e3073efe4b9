/**
 * Hostile names and trees, backed up and restored exactly: newlines, tabs, backslashes, leading
 * dashes, bytes that are not UTF-8, very long paths, symlinks out of the tree (kept as links,
 * never followed), hard links, sparse and empty files, a FIFO. Files outside the declared trees
 * are neither read (atime on a strictatime tmpfs) nor written. A file changed while it is being
 * copied is reported, and one that vanishes is left out with a warning.
 */
import { execFileSync } from 'node:child_process';
import {
  chmodSync,
  closeSync,
  existsSync,
  linkSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  symlinkSync,
  utimesSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSite, compareDigests, treeDigest, waitFor, waitForPause, type DigestEntry, type Lane, type Site } from './support.js';

const isRoot = process.getuid?.() === 0;

/** The access time of every file below `root` (found with lstat and readdir, which read no file). */
function accessTimes(root: string): Map<string, number> {
  const times = new Map<string, number>();
  const walk = (dir: string, prefix: string): void => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const stats = lstatSync(path);
      if (stats.isDirectory()) walk(path, `${prefix}${name}/`);
      else times.set(`${prefix}${name}`, stats.atimeMs);
    }
  };
  walk(root, '');
  return times;
}

describe('hostile file names and trees', () => {
  let site: Site;
  let lane: Lane;
  let outside: string;
  let hostile: string;
  let expected: Map<string, DigestEntry>;
  let outsideBefore: { digest: Map<string, DigestEntry>; times: Map<string, number> };
  let snapshot: string;

  beforeAll(async () => {
    site = await createSite('hostile');
    lane = site.lane('main', { extra: 'restore:\n  from: local' });
    // Files outside every declared tree, on a tmpfs that records every read (strictatime).
    outside = join(site.root, 'outside');
    mkdirSync(outside);
    if (isRoot) execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=4m,strictatime', 'tmpfs', outside]);
    else console.log('hostile trees: not root, so reads outside the trees are not watched (no strictatime tmpfs)');
    writeFileSync(join(outside, 'secret.txt'), 'outside the tree');
    mkdirSync(join(outside, 'dir'));
    writeFileSync(join(outside, 'dir', 'file'), 'also outside');

    const structured = site.install.datasources.find((datasource) => !datasource.flat)!.folder;
    hostile = join(structured, 'hostile');
    mkdirSync(hostile);
    const names = [
      'new\nline',
      'tab\there',
      'back\\slash',
      '-leading-dash',
      '--delete',
      '*glob?[x]',
      ' leading space',
      'trailing space ',
      'quote"s\'',
      'emoji 🎉',
      '$HOME',
      '.hidden',
      'dots...',
      'x'.repeat(255),
    ];
    for (const name of names) writeFileSync(join(hostile, name), `content of ${JSON.stringify(name)}`);
    for (const bytes of [[0xff], [0xc3, 0x28], [0x80, 0x61], [0xed, 0xa0, 0x80]]) {
      writeFileSync(Buffer.concat([Buffer.from(`${hostile}/latin-`), Buffer.from(bytes), Buffer.from('.txt')]), Buffer.from(bytes));
    }
    let deep = join(hostile, 'deep');
    for (let level = 0; level < 14; level++) deep = join(deep, `${String(level).padStart(2, '0')}-${'d'.repeat(196)}`);
    mkdirSync(deep, { recursive: true });
    writeFileSync(join(deep, 'leaf.txt'), 'at the bottom');
    mkdirSync(join(hostile, 'docs'));
    writeFileSync(join(hostile, 'docs', 'a.txt'), 'a real folder in the snapshot');
    mkdirSync(join(hostile, 'empty-folder'));
    writeFileSync(join(hostile, 'empty-file'), '');
    writeFileSync(join(hostile, 'private'), 'mode 0600');
    chmodSync(join(hostile, 'private'), 0o600);
    if (isRoot) {
      // Only root reads a file of mode 0000 (anyone else gets an error, tested in resources).
      writeFileSync(join(hostile, 'nobody-reads'), 'mode 0000');
      chmodSync(join(hostile, 'nobody-reads'), 0o000);
    }
    writeFileSync(join(hostile, 'hard-a'), 'two names, one file');
    linkSync(join(hostile, 'hard-a'), join(hostile, 'hard-b'));
    const sparse = openSync(join(hostile, 'sparse.bin'), 'w');
    writeSync(sparse, 'end', 8 * 1024 * 1024);
    closeSync(sparse);
    symlinkSync(join(outside, 'secret.txt'), join(hostile, 'link-out-absolute'));
    symlinkSync('../../../../../outside/dir', join(hostile, 'link-out-relative'));
    symlinkSync(join(outside, 'dir'), join(hostile, 'link-out-folder'));
    symlinkSync('no/such/file', join(hostile, 'link-dangling'));
    symlinkSync('link-loop', join(hostile, 'link-loop'));
    symlinkSync('docs/a.txt', join(hostile, 'link-inside'));
    execFileSync('mkfifo', [join(hostile, 'fifo')]);
    expected = treeDigest(site.install.workingDir);
    outsideBefore = { digest: treeDigest(outside), times: accessTimes(outside) };
  }, 120_000);

  afterAll(async () => {
    if (isRoot) execFileSync('umount', ['-l', outside]);
    await site.dispose();
  });

  const expectOutsideUntouched = (): void => {
    if (isRoot) expect(accessTimes(outside), 'nothing outside the trees was read').toEqual(outsideBefore.times);
    expect(compareDigests(outsideBefore.digest, treeDigest(outside))).toEqual([]);
    // Reading the contents just now was this test's own read.
    outsideBefore = { ...outsideBefore, times: accessTimes(outside) };
  };

  it('backs them up exactly: symlinks as links, hard links shared, sparse files sparse', async () => {
    const apply = await lane.cellar(['apply', '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(apply.stderr).not.toContain('warning');
    snapshot = lane.snapshotIds()[0]!;
    const verify = await lane.inProcess(['verify', '--read-data']);
    expect(verify.code, verify.stderr).toBe(0);
    const copy = join(lane.target, 'snapshots', snapshot!, 'workdir');
    expect(compareDigests(expected, treeDigest(copy))).toEqual([]);
    const inCopy = join(copy, hostile.slice(site.install.workingDir.length + 1));
    expect(statSync(join(inCopy, 'hard-a')).ino).toBe(statSync(join(inCopy, 'hard-b')).ino);
    expect(statSync(join(inCopy, 'sparse.bin')).blocks * 512).toBeLessThan(1024 * 1024);
    expect(lstatSync(join(inCopy, 'link-out-folder')).isSymbolicLink()).toBe(true);
    expectOutsideUntouched();
    const plan = await lane.inProcess(['plan', '--detailed-exitcode']);
    expect(plan.code, plan.stdout).toBe(0);
  });

  it('restores them exactly, without writing through a symlink that now leads outside', async () => {
    // Wreck the live tree: names gone or changed, and the folder `docs` now a link to outside.
    for (const name of readdirSync(hostile, { encoding: 'buffer' })) {
      if (name.toString() !== 'docs' && name.toString() !== 'deep') rmSync(Buffer.concat([Buffer.from(`${hostile}/`), name]), { recursive: true });
    }
    writeFileSync(join(hostile, 'new\nline'), 'changed');
    rmSync(join(hostile, 'docs'), { recursive: true });
    symlinkSync(join(outside, 'dir'), join(hostile, 'docs'));
    renameSync(join(hostile, 'deep'), join(hostile, 'moved'));
    const apply = await lane.cellar(['apply', '--restore', '--snapshot', snapshot!, '--yes']);
    expect(apply.code, apply.stderr).toBe(0);
    expect(compareDigests(expected, treeDigest(site.install.workingDir))).toEqual([]);
    expect(statSync(join(hostile, 'hard-a')).ino).toBe(statSync(join(hostile, 'hard-b')).ino);
    expect(statSync(join(hostile, 'sparse.bin')).blocks * 512).toBeLessThan(1024 * 1024);
    expectOutsideUntouched();
    // The safety snapshot kept the wrecked state as it was: `docs` as a link, not what it led to.
    const safety = lane.snapshotIds().find((id) => id !== snapshot)!;
    const safetyDocs = join(lane.target, 'snapshots', safety, 'workdir', hostile.slice(site.install.workingDir.length + 1), 'docs');
    expect(lstatSync(safetyDocs).isSymbolicLink()).toBe(true);
    const verify = await lane.inProcess(['verify', '--read-data', '--snapshot', safety]);
    expect(verify.code, verify.stderr).toBe(0);
  });

  it('reports a file that changes while it is copied, and one that vanishes, instead of saving them silently', async () => {
    const big = join(hostile, 'aaa-big.bin');
    const victim = join(hostile, 'zzz-vanishes.txt');
    writeFileSync(big, Buffer.alloc(256 * 1024, 1));
    writeFileSync(victim, 'here for the plan, gone for the copy');
    // rsync copies at 128 KiB/s, so the 256 KiB file takes two seconds and the victim comes after it.
    writeFileSync(join(lane.tools, 'rsync.extra'), '--bwlimit=128');
    lane.pause('rsync');
    const run = lane.start(['apply', '--yes']);
    try {
      await waitForPause(lane, run, 'rsync');
    } finally {
      lane.resume('rsync');
    }
    // rsync is writing its temporary copy of the big file: the file list is made, the copy under way.
    const drafts = join(lane.target, 'snapshots');
    const inDraft = hostile.slice(site.install.workingDir.length + 1);
    await waitFor(
      () =>
        readdirSync(drafts).some((id) => {
          const folder = join(drafts, id, 'workdir', inDraft);
          return existsSync(folder) && readdirSync(folder).some((entry) => entry.startsWith('.aaa-big.bin.'));
        }),
      'rsync to start copying the big file',
    );
    const fd = openSync(big, 'r+');
    writeSync(fd, Buffer.alloc(128 * 1024, 2), 0, 128 * 1024, 128 * 1024);
    closeSync(fd);
    utimesSync(big, new Date(), new Date(Date.now() + 5000));
    rmSync(victim);
    const result = await run.done;
    rmSync(join(lane.tools, 'rsync.extra'));
    expect(result.code, result.stderr).toBe(0);
    const relative = (path: string): string => path.slice(site.install.workingDir.length + 1);
    expect(result.stderr).toContain(`warning: ${big} changed while it was being copied`);
    expect(result.stderr).toContain(`warning: ${victim} disappeared during the copy; it is not in the snapshot`);
    const latest = lane.snapshotIds().at(-1)!;
    const manifest = JSON.parse(readFileSync(join(lane.target, 'snapshots', latest, 'manifest.json'), 'utf8')) as { warnings: string[] };
    expect(manifest.warnings.join('\n')).toContain(`${big} changed while it was being copied`);
    expect(manifest.warnings.join('\n')).toContain(`${victim} disappeared during the copy`);
    expect(existsSync(join(lane.target, 'snapshots', latest, 'workdir', relative(victim)))).toBe(false);
    const verify = await lane.inProcess(['verify', '--read-data']);
    expect(verify.code, verify.stderr).toBe(0);
    // The next plan copies the file again, now that it holds still.
    const plan = JSON.parse((await lane.inProcess(['plan', '--json'])).stdout) as { drift: { paths?: { path: string; change: string }[] }[] };
    expect(plan.drift.flatMap((drift) => drift.paths ?? [])).toContainEqual({ path: relative(big).replace(/^data\/[^/]+\//, ''), change: 'modified' });
    expectOutsideUntouched();
  });
});
