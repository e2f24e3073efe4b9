/** cellar's own version, recorded in manifests and saved plans. Kept in step with package.json by a test. */
export const toolVersion = '0.1.0';
