/**
 * The secrets of pydio.json and how they are shown: `(sensitive)` in place of the secret, in diffs,
 * plans and messages alike.
 *
 * - Every non-empty string under a key whose name ends (ignoring case) with one of
 *   SENSITIVE_KEY_ENDINGS: `ApiSecret`, `secret`, `Secret`, `clientSecret`, `secureKey`, `password`,
 *   `BindPW`, `EncryptionKey`, `privateKey`, … — the whole value.
 * - A PEM private key anywhere — the whole value.
 * - The password of a MySQL DSN under a `dsn` key, and of a URL `scheme://user:password@host` anywhere
 *   — only the password, so the rest of the DSN or URL stays readable.
 *
 * Access key ids (`ApiKey`) and public keys are not secrets and stay visible.
 */
import { applyEdits, type Edit } from 'jsonc-parser';
import { maskDsnPassword, tryParseMysqlDsn } from './dsn.js';
import { collectStrings, parseJsonTree, type JsonPath } from './json-text.js';
import { MASK } from './mask.js';

const SENSITIVE_KEY_ENDINGS = ['password', 'passwd', 'pwd', 'bindpw', 'secret', 'securekey', 'secretkey', 'privatekey', 'encryptionkey'] as const;
const PRIVATE_KEY_PATTERN = /-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/;
const URL_CREDENTIALS_PATTERN = /^([a-z][a-z0-9+.-]*:\/\/)([^/?#]*)@/is;

/** True when a key's value is a secret as a whole. */
export function isSensitiveKey(key: string): boolean {
  const lower = key.toLowerCase();
  return SENSITIVE_KEY_ENDINGS.some((ending) => lower.endsWith(ending));
}

/** True when the string at this path is, or contains, a secret (a MySQL DSN always counts as one). */
export function isSensitiveValue(path: JsonPath, value: string): boolean {
  return (
    underSensitiveKey(path) || PRIVATE_KEY_PATTERN.test(value) || (isDsnKey(path) && tryParseMysqlDsn(value) !== undefined) || maskUrlPassword(value) !== value
  );
}

/** The string at this path as it may be shown: secrets replaced by `(sensitive)`. */
export function maskConfigValue(path: JsonPath, value: string): string {
  if (value === '') return value;
  if (underSensitiveKey(path) || PRIVATE_KEY_PATTERN.test(value)) return MASK;
  return maskUrlPassword(isDsnKey(path) ? maskDsnPassword(value) : value);
}

/** The same pydio.json text with every secret replaced by `(sensitive)`, everything else untouched. */
export function maskConfigSecrets(text: string): string {
  const edits: Edit[] = collectStrings(parseJsonTree(text)).flatMap((entry) => {
    const masked = maskConfigValue(entry.path, entry.value);
    return masked === entry.value ? [] : [{ offset: entry.offset, length: entry.length, content: JSON.stringify(masked) }];
  });
  return applyEdits(text, edits);
}

function underSensitiveKey(path: JsonPath): boolean {
  return path.some((part) => typeof part === 'string' && isSensitiveKey(part));
}

function isDsnKey(path: JsonPath): boolean {
  const last = path.at(-1);
  return typeof last === 'string' && last.toLowerCase() === 'dsn';
}

// The userinfo runs to the last '@' before the path; its first ':' starts the password.
function maskUrlPassword(value: string): string {
  const match = URL_CREDENTIALS_PATTERN.exec(value);
  if (!match) return value;
  const [whole, scheme = '', userinfo = ''] = match;
  const colon = userinfo.indexOf(':');
  if (colon < 0 || colon === userinfo.length - 1) return value;
  return `${scheme}${userinfo.slice(0, colon + 1)}${MASK}@${value.slice(whole.length)}`;
}
