import { stableHex, stableUuid } from './random.js';
import type { DatasourceLayout, SampleLayout } from './sample-layout.js';
import { fileUuid, sampleEpoch, userLogins } from './sample-layout.js';
import type { SqlValue, TableRows } from './sample-rows.js';
import { indexColumns, indexRow, table } from './sample-rows.js';

/** A user of the sample, placed in the users' tree. */
export interface SampleUser {
  readonly uuid: string;
  readonly login: string;
  /** Index in `groups`, -1 for users at the root. */
  readonly group: number;
  readonly mpath: string;
}

const groups = ['engineering', 'sales', 'support'] as const;
const day = 86_400;
const aclTime = '2024-01-01 10:00:00';
const policyGroup = 'rest-apis-default-accesses';

/** The users: one per 250 files (6 to 500); admin sits at the root, the others in groups. */
function sampleUsers(layout: SampleLayout): SampleUser[] {
  const count = Math.min(500, Math.max(userLogins.length, Math.ceil(layout.files / 250)));
  return Array.from({ length: count }, (_, i) => {
    const group = i === 0 ? -1 : (i - 1) % groups.length;
    const place = group < 0 ? `${groups.length + 1}` : `${group + 1}.${1 + Math.floor((i - 1) / groups.length)}`;
    return {
      uuid: stableUuid(layout.seed, 'user', i),
      login: userLogins[i] ?? `user-${i}`,
      group,
      mpath: `1.${place}`,
    };
  });
}

/** Users, roles, workspaces, ACLs, policies, bookmarks and tokens: the small tables of a Cells database. */
export function identityTables(layout: SampleLayout): TableRows[] {
  const users = sampleUsers(layout);
  const { seed } = layout;
  return [
    table('idm_user_idx_tree', indexColumns, userTreeRows(seed, users)),
    table('idm_user_attributes', 'uuid name value', userAttributeRows(users)),
    table('idm_user_roles', 'uuid role weight', userRoleRows(seed, users)),
    table('idm_roles', 'uuid label team_role group_role user_role last_updated auto_applies override', roleRows(seed, users)),
    table('idm_role_policies', 'resource action subject effect conditions', rolePolicyRows(roleIds(seed, users))),
    table('idm_workspaces', 'uuid label description attributes slug scope last_updated', workspaceRows(seed, users)),
    ...aclTables(layout, users),
    ...policyTables(),
    table('idm_usr_meta_ns', 'namespace label ns_order indexable definition', namespaceRows()),
    table('idm_usr_meta', 'uuid node_uuid namespace owner timestamp format data', bookmarkRows(layout, users)),
    table(
      'idm_personal_tokens',
      'uuid access_token pat_type label user_uuid user_login auto_refresh expire_at created_at created_by updated_at scopes',
      tokenRows(seed, users),
    ),
  ];
}

function groupUuid(seed: number, group: number): string {
  return stableUuid(seed, 'group', group);
}

/** Cells keeps password hashes in the users' tree, in the etag column. */
function* userTreeRows(seed: number, users: readonly SampleUser[]): Generator<SqlValue[]> {
  yield indexRow(stableUuid(seed, 'user-root'), '', false, sampleEpoch, '', 0, '1');
  for (const [g, name] of groups.entries()) {
    yield indexRow(groupUuid(seed, g), name, false, sampleEpoch, '', 0, `1.${g + 1}`);
  }
  for (const [i, user] of users.entries()) {
    const password = `sha256:1000:${base64(seed, 'salt', i, 24)}:${base64(seed, 'hash', i, 32)}`;
    yield indexRow(user.uuid, user.login, true, sampleEpoch + i * day, password, 0, user.mpath);
  }
}

function* userAttributeRows(users: readonly SampleUser[]): Generator<SqlValue[]> {
  for (const user of users) {
    yield [user.uuid, 'profile', user.login === 'admin' ? 'admin' : 'standard'];
    yield [user.uuid, 'email', `${user.login}@example.com`];
    yield [user.uuid, 'displayName', user.login.charAt(0).toUpperCase() + user.login.slice(1)];
  }
}

function* userRoleRows(seed: number, users: readonly SampleUser[]): Generator<SqlValue[]> {
  for (const user of users) {
    yield [user.uuid, 'ROOT_GROUP', 0];
    if (user.login === 'admin') yield [user.uuid, 'ADMINS', 1];
    if (user.group >= 0) yield [user.uuid, groupUuid(seed, user.group), 1];
    yield [user.uuid, user.uuid, 2];
  }
}

function roleIds(seed: number, users: readonly SampleUser[]): string[] {
  const groupRoles = groups.map((_, g) => groupUuid(seed, g));
  return ['ROOT_GROUP', 'ADMINS', 'EXTERNAL_USERS', ...groupRoles, ...users.map((user) => user.uuid)];
}

function* roleRows(seed: number, users: readonly SampleUser[]): Generator<SqlValue[]> {
  yield ['ROOT_GROUP', 'Root Group', 0, 1, 0, sampleEpoch, null, 0];
  yield ['ADMINS', 'Administrators', 1, 0, 0, sampleEpoch, null, 0];
  yield ['EXTERNAL_USERS', 'External Users', 0, 0, 0, sampleEpoch, 'shared', 0];
  for (const [g, name] of groups.entries()) yield [groupUuid(seed, g), `Group ${name}`, 0, 1, 0, sampleEpoch, null, 0];
  for (const user of users) yield [user.uuid, `User ${user.login}`, 0, 0, 1, sampleEpoch, null, 0];
}

function* rolePolicyRows(roles: readonly string[]): Generator<SqlValue[]> {
  for (const role of roles) {
    yield [role, 'READ', 'profile:standard', 'allow', '{}'];
    yield [role, 'WRITE', 'profile:admin', 'allow', '{}'];
  }
}

/** Workspace UUIDs: the two defaults, then one Cell (a shared room) per four users. */
function workspaceIds(seed: number, users: readonly SampleUser[]): string[] {
  const cells = Array.from({ length: Math.ceil(users.length / 4) }, (_, k) => stableUuid(seed, 'ws', 'cell', k));
  return [stableUuid(seed, 'ws', 'common'), stableUuid(seed, 'ws', 'personal'), ...cells];
}

function* workspaceRows(seed: number, users: readonly SampleUser[]): Generator<SqlValue[]> {
  const attributes = JSON.stringify({ DEFAULT_RIGHTS: 'rw', QUOTA: '0' });
  const [common, personal, ...cells] = workspaceIds(seed, users);
  yield [common!, 'Common Files', 'Data shared by all users', attributes, 'common-files', 1, sampleEpoch];
  yield [personal!, 'My Files', 'Personal files of each user', attributes, 'personal-files', 1, sampleEpoch];
  for (const [k, uuid] of cells.entries()) {
    const owner = users[k % users.length]!.login;
    yield [uuid, `Cell ${k}`, `Shared by ${owner}`, '{}', `cell-${k}`, 2, sampleEpoch + k * day];
  }
}

/**
 * ACLs join a workspace, a node and a role through id tables. Workspace w (1-based) gets node w:
 * the default workspaces the datasource roots, with the root group's role; each Cell a folder of
 * `cellsdata`, with its owner's role.
 */
function aclTables(layout: SampleLayout, users: readonly SampleUser[]): TableRows[] {
  const workspaces = workspaceIds(layout.seed, users);
  const cells = workspaces.length - 2;
  const ds = (name: string): DatasourceLayout | undefined => layout.datasources.find((each) => each.name === name);
  const cellNode = (k: number): string => ds('cellsdata')?.folders[k]?.uuid ?? stableUuid(layout.seed, 'cell-node', k);
  const nodes = [
    ds('pydiods1')?.rootUuid ?? stableUuid(layout.seed, 'acl-node', 'common'),
    ds('personal')?.rootUuid ?? stableUuid(layout.seed, 'acl-node', 'personal'),
    ...Array.from({ length: cells }, (_, k) => cellNode(k)),
  ];
  const workspaceRole = workspaces.map((_, w) => (w < 2 ? 'ROOT_GROUP' : users[(w - 2) % users.length]!.uuid));
  const roles = [...new Set(workspaceRole)];
  const acls = workspaceRole.flatMap((role, w) => ['read', 'write'].map((action) => [action, '1', roles.indexOf(role) + 1, w + 1, w + 1, aclTime]));
  return [
    table('idm_acl_workspaces', 'id name', numbered(workspaces)),
    table('idm_acl_nodes', 'id uuid', numbered(nodes)),
    table('idm_acl_roles', 'id uuid', numbered(roles)),
    table('idm_acls', 'action_name action_value role_id node_id workspace_id created_at', acls),
  ];
}

function numbered(values: readonly string[]): SqlValue[][] {
  return values.map((value, i) => [i + 1, value]);
}

function policyTables(): TableRows[] {
  const policies = [
    ['public-access', 'Anonymous users can reach public endpoints', 'allow'],
    ['admin-access', 'Administrators can do everything', 'allow'],
    ['user-default', 'Standard users can use the REST API', 'allow'],
    ['deny-external', 'External users cannot manage workspaces', 'deny'],
  ] as const;
  const group = [policyGroup, 'Default REST Accesses', 'Default policies for the REST APIs', null, 1, sampleEpoch];
  return [
    table(
      'ladon_policy',
      'id description effect conditions meta',
      policies.map((policy) => [...policy, '{}', null]),
    ),
    table('idm_policy_group', 'uuid name description owner_uuid resource_group last_updated', [group]),
    table(
      'idm_policy_rel',
      'group_uuid policy_id',
      policies.map(([id]) => [policyGroup, id]),
    ),
  ];
}

function namespaceRows(): SqlValue[][] {
  const definition = (type: string): string => JSON.stringify({ type, steps: true });
  return [
    ['usermeta-tags', 'Tags', 1, 1, definition('tags')],
    ['usermeta-rating', 'Rating', 2, 1, definition('stars_rate')],
    ['usermeta-description', 'Description', 3, 1, definition('textarea')],
  ];
}

/** One bookmark per 50 files, owned by the users in turn. */
function* bookmarkRows(layout: SampleLayout, users: readonly SampleUser[]): Generator<SqlValue[]> {
  for (let index = 0; index < layout.files; index += 50) {
    const owner = users[(index / 50) % users.length]!.uuid;
    const uuid = stableUuid(layout.seed, 'bookmark', index);
    yield [uuid, fileUuid(layout.seed, index), 'bookmark', owner, sampleEpoch + index, 'json', '{}'];
  }
}

/** Personal access tokens of the first two users (the Cells Sync client's). */
function tokenRows(seed: number, users: readonly SampleUser[]): SqlValue[][] {
  return users.slice(0, 2).map((user, i) => {
    const token = stableHex(64, seed, 'token', i);
    const expires = sampleEpoch + 400 * day;
    const scopes = '["openid","pydio"]';
    const times = [expires, sampleEpoch, user.login, sampleEpoch];
    return [stableUuid(seed, 'token', i), token, 1, `sync ${user.login}`, user.uuid, user.login, 1, ...times, scopes];
  });
}

function base64(seed: number, kind: string, i: number, bytes: number): string {
  return Buffer.from(stableHex(bytes * 2, seed, kind, i), 'hex').toString('base64');
}
