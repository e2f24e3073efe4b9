/** What a secret is replaced with wherever pydio.json values are shown: text, JSON plans and diffs. */
export const MASK = '(sensitive)';
