/** Host names inside the addresses and URLs of pydio.json, split and joined without touching the rest. */

/** A `host:port`, `[v6]:port`, `host` or bare IPv6 address, split; brackets are not part of `host`. */
export interface HostPort {
  readonly host: string;
  readonly port: string | undefined;
}

/** A URL cut around its host: `before` keeps the scheme and credentials, `after` the port and path. */
export interface UrlHost {
  readonly before: string;
  readonly host: string;
  readonly after: string;
}

const URL_PATTERN = /^([a-z][a-z0-9+.-]*:\/\/(?:[^@/?#]*@)?)(\[[^\]/?#]*\]|[^:/?#]*)(.*)$/is;

/** Splits an address the way Go's net.SplitHostPort does, a missing port being undefined. */
export function splitHostPort(address: string): HostPort {
  const bracketed = /^\[([^\]]*)\](?::(.*))?$/s.exec(address);
  if (bracketed) return { host: bracketed[1] ?? '', port: bracketed[2] };
  const colon = address.indexOf(':');
  if (colon >= 0 && colon === address.lastIndexOf(':')) {
    return { host: address.slice(0, colon), port: address.slice(colon + 1) };
  }
  return { host: address, port: undefined };
}

/** The address for a host and an optional port, bracketing IPv6 hosts. */
export function joinHostPort(host: string, port: string | undefined): string {
  const written = host.includes(':') ? `[${host}]` : host;
  return port === undefined ? written : `${written}:${port}`;
}

/** The parts of an absolute URL around its host, or undefined when the text is no such URL. */
export function splitUrlHost(url: string): UrlHost | undefined {
  const match = URL_PATTERN.exec(url);
  if (!match) return undefined;
  const [, before = '', written = '', after = ''] = match;
  return { before, host: written.startsWith('[') ? written.slice(1, -1) : written, after };
}

/** The URL with another host, bracketed when it is IPv6. */
export function formatUrlHost(parts: UrlHost): string {
  return `${parts.before}${joinHostPort(parts.host, undefined)}${parts.after}`;
}

/** Host names compare without case. */
export function sameHost(a: string, b: string): boolean {
  return a.toLowerCase() === b.toLowerCase();
}
