/**
 * `restore.overrides.hostname`: the host the installation names itself by — every `PeerAddress`,
 * plus `defaults.urlInternal` (pre-sites) or the site binds (sites) — becomes the new one.
 */
import { assertNever } from '../core/assert-never.js';
import type { ConfigGeneration } from './config-version.js';
import { overrideUnmatched, type ConfigRewrite } from './config-rewrite.js';
import { formatUrlHost, joinHostPort, sameHost, splitHostPort, splitUrlHost } from './host-port.js';
import { matchesPath, type JsonPath, type JsonString } from './json-text.js';

/** Where a host is written: a `|` list of peers, a URL, or a `host:port` bind. */
type HostPlace = 'peer' | 'url' | 'bind';

// Wildcard binds listen everywhere: they name no host.
const UNSPECIFIED_HOSTS: ReadonlySet<string> = new Set(['', '0.0.0.0', '::']);

/**
 * Replaces the old host, wherever one of those places names it, keeping schemes, ports and the
 * other entries of peer lists. The old host is the one they name; when they name several,
 * `oldHostname` (the snapshot's host) must be among them.
 */
export function overrideHostname(
  generation: ConfigGeneration,
  strings: readonly JsonString[],
  hostname: string,
  oldHostname: string | undefined,
): ConfigRewrite {
  const named = strings.flatMap((entry) => {
    const place = hostPlace(entry.path, generation);
    return place === undefined ? [] : hostsIn(place, entry.value);
  });
  const hosts = named.filter((host, index) => named.findIndex((other) => sameHost(other, host)) === index);
  const oldHost = hosts.length === 1 ? hosts[0] : hosts.find((host) => oldHostname !== undefined && sameHost(host, oldHostname));
  if (hosts.length === 0) {
    throw overrideUnmatched(
      'restore.overrides.hostname matches nothing: no PeerAddress, urlInternal or site bind in pydio.json names a host; remove the override',
    );
  }
  if (oldHost === undefined) {
    throw overrideUnmatched(
      `restore.overrides.hostname is ambiguous: pydio.json names the hosts ${hosts.join(', ')} and ${
        oldHostname === undefined ? 'the snapshot does not say which was its own' : `the snapshot's host ${oldHostname} is not one of them`
      }; remove the override and edit those entries after the restore`,
    );
  }
  return (current, entry) => {
    const place = hostPlace(entry.path, generation);
    return place === undefined ? current : replaceHost(place, current, oldHost, hostname);
  };
}

function hostPlace(path: JsonPath, generation: ConfigGeneration): HostPlace | undefined {
  if (matchesPath(path, ['services', '*', 'PeerAddress'])) return 'peer';
  switch (generation) {
    case 'pre-sites':
      return matchesPath(path, ['defaults', 'urlInternal']) ? 'url' : undefined;
    case 'sites':
      return matchesPath(path, ['defaults', 'sites', '*', 'Binds', '*']) ? 'bind' : undefined;
    default:
      return assertNever(generation);
  }
}

function hostsIn(place: HostPlace, value: string): string[] {
  return writtenHosts(place, value).filter((host): host is string => host !== undefined && !UNSPECIFIED_HOSTS.has(host));
}

function writtenHosts(place: HostPlace, value: string): readonly (string | undefined)[] {
  switch (place) {
    case 'peer':
      return value.split('|');
    case 'url':
      return [splitUrlHost(value)?.host];
    case 'bind':
      return [splitHostPort(value).host];
    default:
      return assertNever(place);
  }
}

function replaceHost(place: HostPlace, value: string, oldHost: string, newHost: string): string {
  switch (place) {
    case 'peer':
      return value
        .split('|')
        .map((peer) => (sameHost(peer, oldHost) ? newHost : peer))
        .join('|');
    case 'url': {
      const parts = splitUrlHost(value);
      return parts !== undefined && sameHost(parts.host, oldHost) ? formatUrlHost({ ...parts, host: newHost }) : value;
    }
    case 'bind': {
      const { host, port } = splitHostPort(value);
      return sameHost(host, oldHost) ? joinHostPort(newHost, port) : value;
    }
    default:
      return assertNever(place);
  }
}
