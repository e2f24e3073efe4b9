/* Where a secret comes from: never the plan file itself. */

/** Where a secret comes from. Inline secrets are refused by validation. */
export type SecretRef =
  | { readonly env: string }
  | { readonly file: string }
  | { readonly command: readonly string[]; readonly timeoutSeconds: number }
  | { readonly credential: string };
