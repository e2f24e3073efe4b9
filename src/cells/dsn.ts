/**
 * Go MySQL driver DSNs, `[user[:password]@][protocol[(address)]]/dbname[?params]`, parsed the way
 * go-sql-driver/mysql parses them (so whatever Cells accepts, cellar reads the same) and formatted
 * back to the exact original text.
 */
import { CellarError, isCellarError } from '../core/errors.js';
import { splitHostPort } from './host-port.js';
import { MASK } from './mask.js';

/** A delimiter written with nothing inside it; remembered so that formatting gives back the same text. */
export type EmptyDelimiter = '@' | '()' | '?';

/** The parts of a MySQL DSN, each kept verbatim. */
export interface MysqlDsn {
  readonly user: string;
  /** Undefined when there is no ':' in the credentials. */
  readonly password: string | undefined;
  /** 'tcp', 'unix', or '' when absent. */
  readonly protocol: string;
  /** 'host:port', 'host', a socket path, or ''. */
  readonly address: string;
  readonly database: string;
  /** Raw text after '?', '' when absent. */
  readonly params: string;
  /** Only set by the parser for `@/db`, `tcp()/db` or `/db?`, which would otherwise format as `/db`, `tcp/db`, `/db`. */
  readonly emptyDelimiters?: readonly EmptyDelimiter[];
}

/** Where a DSN connects to, with the driver's defaults filled in. */
export type DsnEndpoint = { readonly host: string; readonly port: number } | { readonly socket: string };

const DEFAULT_PORT = 3306;
const DEFAULT_HOST = '127.0.0.1';
const DEFAULT_SOCKET = '/tmp/mysql.sock';
const TCP_PROTOCOLS: ReadonlySet<string> = new Set(['', 'tcp', 'tcp4', 'tcp6']);
// The driver knows a default address only for these.
const DEFAULT_ADDRESS_PROTOCOLS: ReadonlySet<string> = new Set(['', 'tcp', 'unix']);
const PROTOCOL_PATTERN = /^[a-z][a-z0-9]*$/i;

/** Splits a DSN into its parts; throws CELLS_CONFIG_INVALID when the driver would refuse it. */
export function parseMysqlDsn(text: string): MysqlDsn {
  // The last '/' separates the database, since a password or a socket path may contain '/'.
  const slash = text.lastIndexOf('/');
  if (slash < 0) throw invalidDsn('it has no "/dbname" part');
  const head = text.slice(0, slash);
  const tail = text.slice(slash + 1);
  const query = tail.indexOf('?');
  // The last '@' ends the credentials and the first ':' in them ends the user, as in the driver.
  const at = head.lastIndexOf('@');
  const credentials = at < 0 ? '' : head.slice(0, at);
  const colon = credentials.indexOf(':');
  const network = head.slice(at + 1);
  const open = network.indexOf('(');
  if (open >= 0 && !network.endsWith(')')) {
    throw invalidDsn(network.slice(open).includes(')') ? 'the address is followed by unescaped text' : 'the address has no closing ")"');
  }
  const protocol = open < 0 ? network : network.slice(0, open);
  const address = open < 0 ? '' : network.slice(open + 1, -1);
  if (protocol !== '' && !PROTOCOL_PATTERN.test(protocol)) throw invalidDsn(`"${protocol}" is not a network protocol`);
  if (address === '' && !DEFAULT_ADDRESS_PROTOCOLS.has(protocol)) throw invalidDsn(`protocol "${protocol}" needs an address`);
  const dsn: MysqlDsn = {
    user: colon < 0 ? credentials : credentials.slice(0, colon),
    password: colon < 0 ? undefined : credentials.slice(colon + 1),
    protocol,
    address,
    database: query < 0 ? tail : tail.slice(0, query),
    params: query < 0 ? '' : tail.slice(query + 1),
  };
  const emptyDelimiters: EmptyDelimiter[] = [];
  if (at >= 0 && credentials === '') emptyDelimiters.push('@');
  if (open >= 0 && address === '') emptyDelimiters.push('()');
  if (query >= 0 && dsn.params === '') emptyDelimiters.push('?');
  return emptyDelimiters.length === 0 ? dsn : { ...dsn, emptyDelimiters };
}

/** Writes a DSN back as text; `formatMysqlDsn(parseMysqlDsn(s)) === s` for every DSN the parser accepts. */
export function formatMysqlDsn(dsn: MysqlDsn): string {
  const kept = new Set(dsn.emptyDelimiters);
  const credentials = dsn.password === undefined ? dsn.user : `${dsn.user}:${dsn.password}`;
  const userPart = credentials !== '' || kept.has('@') ? `${credentials}@` : '';
  const addressPart = dsn.address !== '' || kept.has('()') ? `(${dsn.address})` : '';
  const paramsPart = dsn.params !== '' || kept.has('?') ? `?${dsn.params}` : '';
  return `${userPart}${dsn.protocol}${addressPart}/${dsn.database}${paramsPart}`;
}

/** The host and port, or the socket, the driver connects to; throws for protocols cellar cannot reach. */
export function dsnEndpoint(dsn: MysqlDsn): DsnEndpoint {
  if (dsn.protocol === 'unix') return { socket: dsn.address === '' ? DEFAULT_SOCKET : dsn.address };
  if (!TCP_PROTOCOLS.has(dsn.protocol)) {
    throw new CellarError('CELLS_CONFIG_INVALID', `MySQL DSN protocol "${dsn.protocol}" is not supported; use tcp or unix in pydio.json`);
  }
  if (dsn.address === '') return { host: DEFAULT_HOST, port: DEFAULT_PORT };
  const { host, port } = splitHostPort(dsn.address);
  if (port === undefined) return { host, port: DEFAULT_PORT };
  const number = /^\d{1,5}$/.test(port) ? Number(port) : Number.NaN;
  if (!(number >= 1 && number <= 65_535)) {
    throw new CellarError('CELLS_CONFIG_INVALID', `MySQL DSN port "${port}" is not a port number; fix the DSN in pydio.json`);
  }
  return { host, port: number };
}

/** The parts of a DSN, or undefined when the text is not one. */
export function tryParseMysqlDsn(text: string): MysqlDsn | undefined {
  try {
    return parseMysqlDsn(text);
  } catch (error) {
    if (isCellarError(error)) return undefined;
    throw error;
  }
}

/** The DSN with its password shown as `(sensitive)`; any other text, or a DSN without a password, unchanged. */
export function maskDsnPassword(text: string): string {
  const dsn = tryParseMysqlDsn(text);
  return dsn?.password === undefined || dsn.password === '' ? text : formatMysqlDsn({ ...dsn, password: MASK });
}

// The DSN itself is never quoted in the message: it may hold a password.
function invalidDsn(reason: string): CellarError {
  return new CellarError('CELLS_CONFIG_INVALID', `not a MySQL DSN: ${reason}; expected user:password@tcp(host:port)/dbname?params`);
}
