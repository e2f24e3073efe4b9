/** How to reach a MySQL or MariaDB server, with the secret already read. */
export interface Login {
  readonly host: string;
  readonly port: number;
  readonly socket: string | undefined;
  readonly user: string;
  readonly password: string | undefined;
  /** Where the password came from, for the message of a refused login: "the environment variable X", "the file F", "pydio.json's DSN". */
  readonly passwordFrom?: string | undefined;
}

/** `user@host:port` (or the socket), for messages; never the password. */
export function describeLogin(login: Login): string {
  return login.socket !== undefined ? `${login.user}@${login.socket}` : `${login.user}@${login.host}:${login.port}`;
}

/** Backtick-quotes an identifier for SQL. */
export function quoteIdentifier(name: string): string {
  return `\`${name.replaceAll('`', '``')}\``;
}
