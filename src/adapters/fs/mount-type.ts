import { readFile } from 'node:fs/promises';

/** One mount of /proc/self/mountinfo: where it is and its file system type. */
interface Mount {
  readonly point: string;
  readonly type: string;
}

/**
 * The file system type of the mount that holds `realPath` (symlinks already resolved), from
 * /proc/self/mountinfo; undefined where there is no such file (not Linux).
 */
export async function fileSystemTypeOf(realPath: string): Promise<string | undefined> {
  let text: string;
  try {
    text = await readFile('/proc/self/mountinfo', 'utf8');
  } catch {
    return undefined;
  }
  let best: Mount | undefined;
  for (const mount of parseMountInfo(text)) {
    const holds = mount.point === '/' || realPath === mount.point || realPath.startsWith(`${mount.point}/`);
    // The last of equally long mount points is the one on top.
    if (holds && (best === undefined || mount.point.length >= best.point.length)) best = mount;
  }
  return best?.type;
}

// `36 35 98:0 /root /mnt/point rw,noatime shared:1 - ext4 /dev/sda1 rw`: the fifth field, and the first after ` - `.
function parseMountInfo(text: string): Mount[] {
  return text.split('\n').flatMap((line) => {
    const fields = line.split(' ');
    const separator = fields.indexOf('-', 6);
    const point = fields[4];
    const type = fields[separator + 1];
    if (separator < 0 || point === undefined || type === undefined) return [];
    return [{ point: unescapeOctal(point), type }];
  });
}

/** mountinfo writes space, tab, newline and backslash in paths as `\040`-style octal escapes. */
function unescapeOctal(text: string): string {
  return text.replace(/\\([0-7]{3})/g, (_match, octal: string) => String.fromCharCode(parseInt(octal, 8)));
}
