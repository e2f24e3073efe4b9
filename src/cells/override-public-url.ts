/**
 * `restore.overrides.publicUrl`: the URL users reach Cells by — `sites[*].ReverseProxyURL` (sites) or
 * `defaults.url` (pre-sites) — and every other string that spells the old one out (OAuth issuers,
 * redirect URIs, dex).
 */
import { findNodeAtLocation, type Node } from 'jsonc-parser';
import { assertNever } from '../core/assert-never.js';
import type { ConfigGeneration } from './config-version.js';
import { overrideUnmatched, type ConfigRewrite } from './config-rewrite.js';
import { matchesPath, type JsonPath, type JsonString } from './json-text.js';

/** A key to add to an object of the file. */
export interface ConfigAddition {
  readonly objectPath: JsonPath;
  readonly key: string;
  readonly value: string;
}

/** The rewrites of the public URL, and the `ReverseProxyURL` keys to add when no site has one. */
export interface PublicUrlOverride {
  readonly rewrite: ConfigRewrite;
  readonly additions: readonly ConfigAddition[];
}

const REVERSE_PROXY_URL = 'ReverseProxyURL';
const URL_BOUNDARY = /^[/?#]?$/;

/** Plans the public URL change; OVERRIDE_UNMATCHED when pydio.json has no place for one. */
export function overridePublicUrl(generation: ConfigGeneration, root: Node, strings: readonly JsonString[], publicUrl: string): PublicUrlOverride {
  const primaries = strings.filter((entry) => isPrimary(entry.path, generation));
  const additions = primaries.length === 0 ? placesToAdd(generation, root, publicUrl) : [];
  const olds = [...new Set(primaries.map((entry) => entry.value).filter((value) => value !== ''))];
  if (olds.length > 1) {
    throw overrideUnmatched(
      `restore.overrides.publicUrl is ambiguous: the sites of pydio.json have different ReverseProxyURLs (${olds.join(', ')}); remove the override and edit them after the restore`,
    );
  }
  const [oldUrl] = olds;
  return {
    additions,
    rewrite: (current, entry) => {
      if (isPrimary(entry.path, generation)) return publicUrl;
      return oldUrl === undefined ? current : replaceUrl(current, oldUrl, publicUrl);
    },
  };
}

function isPrimary(path: JsonPath, generation: ConfigGeneration): boolean {
  switch (generation) {
    case 'pre-sites':
      return matchesPath(path, ['defaults', 'url']);
    case 'sites':
      return matchesPath(path, ['defaults', 'sites', '*', REVERSE_PROXY_URL]);
    default:
      return assertNever(generation);
  }
}

// Sites without any ReverseProxyURL each get one; a pre-sites file without defaults.url has nowhere to put it.
function placesToAdd(generation: ConfigGeneration, root: Node, publicUrl: string): ConfigAddition[] {
  const sites = generation === 'sites' ? (findNodeAtLocation(root, ['defaults', 'sites'])?.children ?? []) : [];
  if (sites.length === 0) {
    const place = generation === 'sites' ? 'defaults.sites' : 'defaults.url';
    throw overrideUnmatched(`restore.overrides.publicUrl matches nothing: pydio.json has no ${place}; remove the override`);
  }
  return sites.map((_, index) => ({
    objectPath: ['defaults', 'sites', index],
    key: REVERSE_PROXY_URL,
    value: publicUrl,
  }));
}

// The old URL counts only where it ends: `https://a.com` is not part of `https://a.com:443` or `https://a.com.evil`.
function replaceUrl(value: string, oldUrl: string, newUrl: string): string {
  const from = oldUrl.replace(/\/+$/, '');
  const to = newUrl.replace(/\/+$/, '');
  if (from === '') return value;
  let result = '';
  let copied = 0;
  for (let found = value.indexOf(from); found >= 0; found = value.indexOf(from, found + from.length)) {
    const end = found + from.length;
    if (URL_BOUNDARY.test(value.slice(end, end + 1))) {
      result += `${value.slice(copied, found)}${to}`;
      copied = end;
    }
  }
  return `${result}${value.slice(copied)}`;
}
