import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { dsnEndpoint, formatMysqlDsn, maskDsnPassword, parseMysqlDsn, type MysqlDsn } from '../../src/cells/dsn.js';

function dsn(parts: Partial<MysqlDsn>): MysqlDsn {
  return { user: '', password: undefined, protocol: '', address: '', database: '', params: '', ...parts };
}

// Valid DSNs, most from go-sql-driver/mysql's own tests, and what the driver reads from them.
const valid: readonly (readonly [string, MysqlDsn])[] = [
  [
    'pydio:cells@tcp(localhost:3306)/cells?parseTime=true',
    dsn({
      user: 'pydio',
      password: 'cells',
      protocol: 'tcp',
      address: 'localhost:3306',
      database: 'cells',
      params: 'parseTime=true',
    }),
  ],
  [
    'username:password@protocol(address)/dbname?param=value',
    dsn({
      user: 'username',
      password: 'password',
      protocol: 'protocol',
      address: 'address',
      database: 'dbname',
      params: 'param=value',
    }),
  ],
  [
    'user@unix(/path/to/socket)/dbname?charset=utf8',
    dsn({ user: 'user', protocol: 'unix', address: '/path/to/socket', database: 'dbname', params: 'charset=utf8' }),
  ],
  [
    'user:password@tcp([de:ad:be:ef::ca:fe]:80)/dbname?charset=utf8mb4,utf8&tls=skip-verify',
    dsn({
      user: 'user',
      password: 'password',
      protocol: 'tcp',
      address: '[de:ad:be:ef::ca:fe]:80',
      database: 'dbname',
      params: 'charset=utf8mb4,utf8&tls=skip-verify',
    }),
  ],
  ['user:password@/dbname?loc=UTC&timeout=30s', dsn({ user: 'user', password: 'password', database: 'dbname', params: 'loc=UTC&timeout=30s' })],
  [
    'user:p@ss(word)@tcp([de:ad:be:ef::ca:fe]:80)/dbname?loc=Local',
    dsn({
      user: 'user',
      password: 'p@ss(word)',
      protocol: 'tcp',
      address: '[de:ad:be:ef::ca:fe]:80',
      database: 'dbname',
      params: 'loc=Local',
    }),
  ],
  ['user:p@/ssword@/', dsn({ user: 'user', password: 'p@/ssword' })],
  ['u:a:b/c?d@e@tcp(db:3306)/cells', dsn({ user: 'u', password: 'a:b/c?d@e', protocol: 'tcp', address: 'db:3306', database: 'cells' })],
  ['unix/?arg=%2Fsome%2Fpath.ext', dsn({ protocol: 'unix', params: 'arg=%2Fsome%2Fpath.ext' })],
  ['tcp(127.0.0.1)/dbname', dsn({ protocol: 'tcp', address: '127.0.0.1', database: 'dbname' })],
  ['tcp(de:ad:be:ef::ca:fe)/dbname', dsn({ protocol: 'tcp', address: 'de:ad:be:ef::ca:fe', database: 'dbname' })],
  ['root@tcp(localhost:3306)/cells', dsn({ user: 'root', protocol: 'tcp', address: 'localhost:3306', database: 'cells' })],
  [':secret@tcp(db)/cells', dsn({ password: 'secret', protocol: 'tcp', address: 'db', database: 'cells' })],
  ['pydio:@tcp(db)/cells', dsn({ user: 'pydio', password: '', protocol: 'tcp', address: 'db', database: 'cells' })],
  ['/dbname', dsn({ database: 'dbname' })],
  ['/', dsn({})],
  ['@/', dsn({ emptyDelimiters: ['@'] })],
  ['tcp()/cells?', dsn({ protocol: 'tcp', database: 'cells', emptyDelimiters: ['()', '?'] })],
];

// Texts the driver refuses, and why.
const invalid: readonly (readonly [string, string])[] = [
  ['', 'no "/dbname"'],
  ['User:pass@tcp(1.2.3.4:3306)', 'no "/dbname"'],
  ['@net(addr/', 'no closing'],
  ['@tcp(/', 'no closing'],
  ['tcp(/', 'no closing'],
  ['(/', 'no closing'],
  ['net(addr)//', 'unescaped'],
  ['net()/', 'needs an address'],
  ['/home/pydio/.config/pydio/cells/services/pydio.grpc.activity/activities.db', 'not a network protocol'],
  ['https://example.com/auth', 'not a network protocol'],
];

describe('parseMysqlDsn', () => {
  test.each(valid)('%s', (text, expected) => {
    expect(parseMysqlDsn(text)).toEqual(expected);
    expect(formatMysqlDsn(parseMysqlDsn(text))).toBe(text);
  });

  test.each(invalid)('refuses %j (%s)', (text, reason) => {
    expect(() => parseMysqlDsn(text)).toThrow(reason);
    expect(() => parseMysqlDsn(text)).toThrow(expect.objectContaining({ code: 'CELLS_CONFIG_INVALID' }) as Error);
  });

  test('never quotes the DSN in its error, since it may hold a password', () => {
    expect(() => parseMysqlDsn('pydio:hunter2hunter2@tcp(db')).toThrow(
      expect.objectContaining({ message: expect.not.stringContaining('hunter2') as string }) as Error,
    );
  });

  test('gives back exactly the text it parsed, whatever the text', () => {
    const unit = fc.constantFrom('u', 'p', ':', '@', '/', '?', '(', ')', '[', ']', '=', '&', 't', 'c', 'p', 'unix', 'tcp', '1');
    // Texts with a DSN's shape around random pieces, so that many parse and the property says something.
    const piece = fc.string({ unit, maxLength: 5 });
    const shaped = fc
      .tuple(piece, piece, fc.constantFrom('tcp', 'unix', ''), piece, piece, piece)
      .map(([user, password, protocol, address, database, params]) => `${user}:${password}@${protocol}(${address})/${database}?${params}`);
    let parsedCount = 0;
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 24 }), shaped), (text) => {
        let parsed: MysqlDsn;
        try {
          parsed = parseMysqlDsn(text);
        } catch {
          return;
        }
        parsedCount += 1;
        expect(formatMysqlDsn(parsed)).toBe(text);
      }),
      { numRuns: 5000 },
    );
    expect(parsedCount, 'texts that parsed').toBeGreaterThan(1000);
  });

  test('reads back the parts it formatted, passwords with @ : / ? ( ) included', () => {
    const text = (excluded: string) =>
      fc.string({
        unit: fc.constantFrom('a', 'Z', '9', '-', '@', ':', '/', '?', '(', ')', '%', '=', '&').filter((c) => !excluded.includes(c)),
      });
    const network = fc.oneof(
      fc.record({ protocol: fc.constant('tcp'), address: fc.constantFrom('', 'db.internal', 'db:3307', '[::1]:3306') }),
      fc.record({ protocol: fc.constant('unix'), address: fc.constantFrom('', '/run/mysqld/mysqld.sock') }),
      fc.record({ protocol: fc.constant(''), address: fc.constantFrom('', 'localhost:3306') }),
    );
    const parts = fc.record({
      user: text(':'),
      password: fc.option(text(''), { nil: undefined }),
      network,
      database: text('/?'),
      params: text('/'),
    });
    fc.assert(
      fc.property(parts, ({ network: { protocol, address }, ...rest }) => {
        const written: MysqlDsn = { ...rest, protocol, address };
        expect(parseMysqlDsn(formatMysqlDsn(written))).toEqual(written);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatMysqlDsn', () => {
  test('writes a DSN built field by field, dropping empty parts', () => {
    expect(
      formatMysqlDsn(
        dsn({
          user: 'pydio',
          password: 'p@ss',
          protocol: 'tcp',
          address: 'db2:3306',
          database: 'cells',
          params: 'parseTime=true',
        }),
      ),
    ).toBe('pydio:p@ss@tcp(db2:3306)/cells?parseTime=true');
    expect(formatMysqlDsn(dsn({ database: 'cells' }))).toBe('/cells');
  });
});

describe('dsnEndpoint', () => {
  const cases: readonly (readonly [string, ReturnType<typeof dsnEndpoint>])[] = [
    ['pydio:cells@tcp(localhost:3306)/cells', { host: 'localhost', port: 3306 }],
    ['pydio:cells@tcp(db.internal)/cells', { host: 'db.internal', port: 3306 }],
    ['pydio:cells@tcp(db.internal:3307)/cells', { host: 'db.internal', port: 3307 }],
    ['pydio@/cells', { host: '127.0.0.1', port: 3306 }],
    ['pydio@tcp/cells', { host: '127.0.0.1', port: 3306 }],
    ['pydio@tcp([::1]:3310)/cells', { host: '::1', port: 3310 }],
    ['pydio@tcp6([::1]:3310)/cells', { host: '::1', port: 3310 }],
    ['pydio@tcp(de:ad::1)/cells', { host: 'de:ad::1', port: 3306 }],
    ['pydio@unix(/run/mysqld/mysqld.sock)/cells', { socket: '/run/mysqld/mysqld.sock' }],
    ['pydio@unix/cells', { socket: '/tmp/mysql.sock' }],
  ];
  test.each(cases)('%s', (text, expected) => {
    expect(dsnEndpoint(parseMysqlDsn(text))).toEqual(expected);
  });

  test.each([
    ['pydio@tcp(db:mysql)/cells', 'not a port number'],
    ['pydio@tcp(db:70000)/cells', 'not a port number'],
    ['pydio@pipe(mysql)/cells', 'protocol "pipe" is not supported'],
  ])('refuses %s', (text, message) => {
    expect(() => dsnEndpoint(parseMysqlDsn(text))).toThrow(message);
  });
});

describe('maskDsnPassword', () => {
  test.each([
    ['u:secret@tcp(h:3306)/db?x', 'u:(sensitive)@tcp(h:3306)/db?x'],
    ['pydio:n3w:p@ss/w?rd@tcp(db2:3306)/cells?parseTime=true', 'pydio:(sensitive)@tcp(db2:3306)/cells?parseTime=true'],
    [':secret@unix(/run/mysqld/mysqld.sock)/cells', ':(sensitive)@unix(/run/mysqld/mysqld.sock)/cells'],
    ['root@tcp(localhost:3306)/cells', 'root@tcp(localhost:3306)/cells'],
    ['root:@tcp(localhost:3306)/cells', 'root:@tcp(localhost:3306)/cells'],
    ['/home/pydio/.config/pydio/cells/services/pydio.grpc.chat/chat.db', '/home/pydio/.config/pydio/cells/services/pydio.grpc.chat/chat.db'],
    ['default', 'default'],
  ])('%s', (text, masked) => {
    expect(maskDsnPassword(text)).toBe(masked);
  });
});
