import { describe, expect, test } from 'vitest';
import { isSensitiveKey, isSensitiveValue, maskConfigSecrets, maskConfigValue } from '../../src/cells/secrets.js';
import { readPydioFixture, type PydioFixture } from './pydio-fixtures.js';

describe('isSensitiveKey', () => {
  test.each([
    'ApiSecret',
    'secret',
    'Secret',
    'clientSecret',
    'secureKey',
    'password',
    'smtpPassword',
    'BindPW',
    'EncryptionKey',
    'privateKey',
    'SecretKey',
    'passwd',
  ])('%s is a secret', (key) => {
    expect(isSensitiveKey(key)).toBe(true);
  });

  test.each(['ApiKey', 'publicKey', 'dsn', 'secureHeaders', 'personalTokens', 'clientID', 'issuer', 'PeerAddress', 'session'])('%s is not', (key) => {
    expect(isSensitiveKey(key)).toBe(false);
  });
});

describe('maskConfigValue', () => {
  test.each([
    [['services', 'pydio.grpc.data.objects.local1', 'ApiSecret'], 'f00de219', '(sensitive)'],
    [['services', 'pydio.web.oauth', 'secret', 'nested'], 'value', '(sensitive)'],
    [['services', 'pydio.grpc.mailer', 'sender', 'password'], '', ''],
    [['databases', 'a', 'dsn'], 'pydio:cells@tcp(localhost:3306)/cells?parseTime=true', 'pydio:(sensitive)@tcp(localhost:3306)/cells?parseTime=true'],
    [['databases', 'a', 'dsn'], 'mongodb://cells:s3cr@t@mongo:27017/cells?authSource=admin', 'mongodb://cells:(sensitive)@mongo:27017/cells?authSource=admin'],
    [
      ['databases', 'a', 'dsn'],
      '/home/pydio/.config/pydio/cells/services/pydio.grpc.chat/chat.db',
      '/home/pydio/.config/pydio/cells/services/pydio.grpc.chat/chat.db',
    ],
    [['defaults', 'url'], 'https://admin:pw@example.com/cells', 'https://admin:(sensitive)@example.com/cells'],
    [['defaults', 'url'], 'https://example.com/a@b', 'https://example.com/a@b'],
    [['defaults', 'sites', 0, 'TLSConfig', 'Certificate', 'Key'], '-----BEGIN RSA PRIVATE KEY-----\nMIIE\n-----END RSA PRIVATE KEY-----', '(sensitive)'],
    [
      ['defaults', 'update', 'publicKey'],
      '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
      '-----BEGIN PUBLIC KEY-----\nMIIB\n-----END PUBLIC KEY-----',
    ],
    [['services', 'x', 'description'], 'pydio:cells@tcp(localhost:3306)/cells', 'pydio:cells@tcp(localhost:3306)/cells'],
  ])('%j %j', (path, value, masked) => {
    expect(maskConfigValue(path, value)).toBe(masked);
  });

  test('counts every MySQL DSN as sensitive, with or without a password', () => {
    expect(isSensitiveValue(['databases', 'a', 'dsn'], 'root@tcp(db)/cells')).toBe(true);
    expect(isSensitiveValue(['databases', 'a', 'dsn'], '/srv/cells/services/chat.db')).toBe(false);
    expect(isSensitiveValue(['defaults', 'url'], 'https://example.com')).toBe(false);
  });
});

describe('maskConfigSecrets on the captured files', () => {
  const secretLines: Record<PydioFixture, readonly string[]> = {
    'v4.0.0-dev.json': [
      '"dsn": "pydio:(sensitive)@tcp(localhost:3306)/cells?parseTime=true"',
      '"secureKey": "(sensitive)"',
      '"secureKey": "(sensitive)"',
      ...Array<string>(6).fill('"ApiSecret": "(sensitive)",'),
      '"secret": "(sensitive)",',
    ],
    'v2.0-pre-sites.json': [
      '"dsn": "root:(sensitive)@tcp(localhost:3306)/cells200?parseTime=true"',
      '"secureKey": "(sensitive)"',
      '"clientSecret": "(sensitive)",',
      '"Secret": "(sensitive)"',
      ...Array<string>(4).fill('"ApiSecret": "(sensitive)",'),
      '"secret": "(sensitive)",',
    ],
    'v2.1.0-urls-fragment.json': [],
  };

  test.each(Object.entries(secretLines) as [PydioFixture, readonly string[]][])('%s: only the secret lines change', (fixture, expected) => {
    const text = readPydioFixture(fixture);
    const masked = maskConfigSecrets(text);
    const before = text.split('\n');
    const after = masked.split('\n');
    expect(after).toHaveLength(before.length);
    const changed = after.filter((line, index) => line !== before[index]).map((line) => line.trim());
    expect(changed).toEqual(expected);
  });
});
