/** True when this process may give files any owner (rsync keeps owners only then). */
export function runsAsRoot(): boolean {
  return process.geteuid?.() === 0;
}
