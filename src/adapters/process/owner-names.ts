import type { OwnerNames } from '../../model/manifest.js';

/** One database of getent: `passwd` for users, `group` for groups. */
type Database = 'passwd' | 'group';

/**
 * The names of owner and group ids on this host, through NSS (`getent`), so that users from LDAP
 * or sssd are found as well as those of /etc/passwd. Ids without a name are left out.
 */
export async function ownerNames(uids: Iterable<number>, gids: Iterable<number>): Promise<OwnerNames> {
  const [users, groups] = await Promise.all([lookup('passwd', [...uids].map(String)), lookup('group', [...gids].map(String))]);
  return { users: Object.fromEntries(users.map(([name, id]) => [id, name])), groups: Object.fromEntries(groups.map(([name, id]) => [id, name])) };
}

/** The ids of user and group names on this host; names it does not know are left out. */
export async function ownerIds(names: OwnerNames): Promise<{ readonly users: ReadonlyMap<string, number>; readonly groups: ReadonlyMap<string, number> }> {
  const [users, groups] = await Promise.all([lookup('passwd', Object.values(names.users)), lookup('group', Object.values(names.groups))]);
  return { users: new Map(users.map(([name, id]) => [name, Number(id)])), groups: new Map(groups.map(([name, id]) => [name, Number(id)])) };
}

/** `[name, id]` of each key getent finds; exit 2 (some keys not found) is an answer, not a failure. */
async function lookup(database: Database, keys: readonly string[]): Promise<[string, string][]> {
  const wanted = [...new Set(keys)].filter((key) => key !== '' && !key.startsWith('-'));
  if (wanted.length === 0) return [];
  const { execa } = await import('execa');
  const result = await execa('getent', [database, ...wanted], { reject: false, stdin: 'ignore' });
  if (result.exitCode !== 0 && result.exitCode !== 2) return [];
  return result.stdout.split('\n').flatMap((line) => {
    const [name, , id] = line.split(':');
    return name && id ? [[name, id] as [string, string]] : [];
  });
}
