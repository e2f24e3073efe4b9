/*
 * Generated from schemas/backup-plan.schema.json by scripts/gen-types.mjs; do not edit.
 * Change the schema, then run `npm run gen:types`. A test fails when this file is stale.
 */
/* eslint-disable */
// @ts-nocheck
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);

export const validate = validate20;
export default validate20;
const schema31 = {"$schema":"https://json-schema.org/draft/2020-12/schema","$id":"urn:cellar:backup-plan:1","title":"RawPlan","description":"A cellar backup plan (format version 1): what to back up from one Pydio Cells installation, where to keep the snapshots, and how to restore them. Relative paths are resolved against the folder that holds this file; \"~\" is not expanded.","type":"object","additionalProperties":false,"required":["version","datasources","targets"],"properties":{"version":{"description":"Format version of this file. Only 1 exists.","const":1},"cells":{"description":"The Cells installation: its working dir, how to stop and start it, and what to leave out.","type":"object","additionalProperties":false,"properties":{"workingDir":{"description":"The Cells working dir, the folder that holds pydio.json. Default: $CELLS_WORKING_DIR, then ~/.config/pydio/cells.","$ref":"#/$defs/path"},"binary":{"description":"The cells binary (a path, or a command name looked up in PATH). When set, cellar runs Cells' own admin commands: index snapshots of flat datasources, resyncs after a restore.","type":"string","minLength":1,"pattern":"^[^~]"},"service":{"description":"How to stop and start Cells. Its Bolt and Bleve stores under services/ must not be copied while it runs.","type":"object","additionalProperties":false,"required":["stop","start"],"properties":{"stop":{"description":"Command that stops Cells, as an argv list (never a shell string), e.g. [systemctl, stop, cells].","$ref":"#/$defs/argv"},"start":{"description":"Command that starts Cells again, as an argv list, e.g. [systemctl, start, cells].","$ref":"#/$defs/argv"},"stopFor":{"description":"When to stop Cells: changes (default: only when something must be copied), always, or never (you stop it yourself).","default":"changes","enum":["changes","always","never"]}}},"exclude":{"description":"rsync-style patterns, relative to the working dir and to each datasource folder, that are not backed up. Default: none. Excluding anything under data/ or services/, pydio.json or the vault files needs force: true.","type":"array","items":{"$ref":"#/$defs/excludePattern"}},"consistency":{"description":"How the working dir and the trees inside it are copied consistently.","$ref":"#/$defs/consistency"}}},"database":{"description":"The Cells MySQL or MariaDB database. Omitted: read the DSN from pydio.json.","type":"object","additionalProperties":false,"required":["user","name"],"properties":{"host":{"description":"Server host name or address. Default: 127.0.0.1.","default":"127.0.0.1","$ref":"#/$defs/host"},"port":{"description":"Server TCP port. Default: 3306.","default":3306,"$ref":"#/$defs/port"},"socket":{"description":"Unix socket of the server; when set, host and port are not used.","$ref":"#/$defs/path"},"user":{"description":"The database user Cells connects as.","$ref":"#/$defs/databaseUser"},"password":{"description":"Where the password is read from (a secret: env, file, command or credential). Omit it for socket or password-less logins.","$ref":"#/$defs/secret"},"name":{"description":"The database name.","$ref":"#/$defs/databaseName"}}},"datasources":{"description":"Every datasource listed in pydio.json, by name, and how it is backed up. An undeclared datasource is an error: it would silently not be backed up.","type":"object","propertyNames":{"$ref":"#/$defs/name"},"additionalProperties":{"$ref":"#/$defs/datasource"}},"stores":{"description":"Every database in pydio.json's databases other than the MySQL one and the Bolt/Bleve files inside the working dir (a MongoDB for Cells' document stores, say), by its id there, and how it is backed up. An undeclared one is an error: it would silently not be backed up.","type":"object","propertyNames":{"$ref":"#/$defs/storeId"},"additionalProperties":{"$ref":"#/$defs/store"}},"targets":{"description":"Where snapshots are kept, by name (at least one).","type":"object","minProperties":1,"propertyNames":{"$ref":"#/$defs/name"},"additionalProperties":{"$ref":"#/$defs/target"}},"signing":{"description":"Signs every snapshot's manifest with a key kept outside the targets: with it, verify and restore refuse a snapshot that someone who can write to the target, but has not the key, changed or forged (its file lists and dumps included, which the manifest names by sha256).","type":"object","additionalProperties":false,"required":["key"],"properties":{"key":{"description":"Where the signing key is read from (a secret: env, file, command or credential). Keep it off the targets' disks.","$ref":"#/$defs/secret"}}},"restore":{"description":"How a restore is done: from which target, into which working dir, and what changes on the new host.","type":"object","additionalProperties":false,"required":["from"],"properties":{"from":{"description":"Name of the target to restore from.","$ref":"#/$defs/name"},"workingDir":{"description":"The working dir to restore into. Default: cells.workingDir.","$ref":"#/$defs/path"},"database":{"description":"Database settings that only a restore needs.","type":"object","additionalProperties":false,"properties":{"admin":{"description":"Login used for CREATE DATABASE and GRANT when the Cells user may not run them.","type":"object","additionalProperties":false,"required":["user"],"properties":{"user":{"description":"An administrative database user, e.g. root.","$ref":"#/$defs/databaseUser"},"password":{"description":"Where its password is read from (a secret: env, file, command or credential).","$ref":"#/$defs/secret"}}}}},"overrides":{"description":"Values that change on the restored host. The old values come from the snapshot's own pydio.json.","type":"object","additionalProperties":false,"properties":{"hostname":{"description":"New internal host name: every PeerAddress (and urlInternal before Cells 2.2).","$ref":"#/$defs/host"},"publicUrl":{"description":"New public URL: sites[].ReverseProxyURL (defaults.url before Cells 2.2) and every literal occurrence of the old one.","type":"string","pattern":"^https?://[^\\s/]+(/\\S*)?$"},"database":{"description":"New database location and login; unset fields keep the snapshot's values.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"host":{"description":"New server host name or address.","$ref":"#/$defs/host"},"port":{"description":"New server TCP port.","$ref":"#/$defs/port"},"socket":{"description":"New Unix socket of the server.","$ref":"#/$defs/path"},"name":{"description":"New database name.","$ref":"#/$defs/databaseName"},"user":{"description":"New database user.","$ref":"#/$defs/databaseUser"},"password":{"description":"Where the new password is read from (a secret: env, file, command or credential).","$ref":"#/$defs/secret"}}},"paths":{"description":"Datasource folders that moved on the new host: old absolute folder → new absolute folder.","type":"object","propertyNames":{"$ref":"#/$defs/absolutePath"},"additionalProperties":{"$ref":"#/$defs/absolutePath"}}}}}},"hooks":{"description":"Commands run around a backup, as argv lists. Environment variables carry the outcome, the snapshot id and counts. A failed hook is reported; it never hides the backup's own result.","type":"object","additionalProperties":false,"properties":{"before":{"description":"Runs before anything else.","$ref":"#/$defs/argv"},"after":{"description":"Runs last, whatever the outcome.","$ref":"#/$defs/argv"},"onSuccess":{"description":"Runs when the backup succeeded, e.g. a healthchecks ping.","$ref":"#/$defs/argv"},"onFailure":{"description":"Runs when the backup failed, e.g. a mail.","$ref":"#/$defs/argv"}}},"verify":{"description":"How cellar verify checks things.","type":"object","additionalProperties":false,"properties":{"spot":{"description":"Tolerances of cellar verify --against-live, which compares the live installation with the latest snapshot (as borgmatic's spot check does).","type":"object","additionalProperties":false,"properties":{"count_tolerance":{"description":"Percent by which a tree's live file count may differ from the snapshot's. Default: 10.","$ref":"#/$defs/percent"},"sample":{"description":"Percent of the snapshot's files, among those whose size and time did not change, whose contents are hashed and compared. Default: 1.","$ref":"#/$defs/percent"},"data_tolerance":{"description":"Percent of the sampled files whose contents may differ from the snapshot's. Default: 0.","$ref":"#/$defs/percent"}}}}}},"$defs":{"consistency":{"title":"Consistency","type":"object","additionalProperties":false,"required":["snapshot"],"properties":{"snapshot":{"description":"btrfs: copy from a read-only snapshot of the btrfs subvolume that holds the folder, taken while Cells is stopped for that instant only, and always removed.","const":"btrfs"}}},"percent":{"description":"A percentage, from 0 to 100.","type":"number","minimum":0,"maximum":100},"name":{"description":"A datasource or target name. It becomes part of file names: a letter or digit, then letters, digits, \".\", \"_\" or \"-\" (at most 64).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},"path":{"description":"A file system path; relative paths are resolved against the plan's folder. \"~\" is not expanded.","type":"string","minLength":1,"pattern":"^[^~]"},"absolutePath":{"description":"An absolute file system path.","type":"string","pattern":"^/"},"host":{"description":"A host name or an IP address, without scheme or port.","type":"string","pattern":"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"},"port":{"description":"A TCP port.","type":"integer","minimum":1,"maximum":65535},"databaseUser":{"description":"A database user name.","type":"string","minLength":1,"maxLength":80},"databaseName":{"description":"A database name.","type":"string","minLength":1,"maxLength":64},"argv":{"title":"Argv","description":"A command as an argv list: the program, then its arguments. No shell is involved.","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"secret":{"title":"Secret","description":"Where a secret is read from: { env: NAME }, { file: /path }, { command: [argv...] } or { credential: NAME }; secrets are never written in the plan.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"title":"EnvSecret","type":"object","additionalProperties":false,"required":["env"],"properties":{"env":{"description":"Name of the environment variable that holds the secret.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"}}},{"title":"FileSecret","type":"object","additionalProperties":false,"required":["file"],"properties":{"file":{"description":"Absolute path of a file that holds the secret (one line; a trailing newline is ignored). It must be owned by the user running cellar, with mode 0600 or 0400.","type":"string","pattern":"^/"}}},{"title":"CommandSecret","type":"object","additionalProperties":false,"required":["command"],"properties":{"command":{"description":"A command that prints the secret, as an argv list (no shell), e.g. [pass, show, cells/db]; its output, trimmed, is the secret. It must finish within timeout seconds.","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"timeout":{"description":"Seconds the command may take. Default: 30.","type":"integer","minimum":1,"maximum":3600}}},{"title":"CredentialSecret","type":"object","additionalProperties":false,"required":["credential"],"properties":{"credential":{"description":"Name of a systemd credential (LoadCredential=NAME:/path in the unit), read from $CREDENTIALS_DIRECTORY/NAME.","type":"string","pattern":"^[A-Za-z0-9_.@-]+$"}}}]},"excludePattern":{"title":"ExcludePattern","description":"An rsync-style pattern, or { pattern, force } to exclude something a restore needs.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"type":"string","minLength":1},{"title":"ForcedExclude","type":"object","additionalProperties":false,"required":["pattern"],"properties":{"pattern":{"description":"The rsync-style pattern.","type":"string","minLength":1},"force":{"description":"Allow the pattern to exclude data/, services/, pydio.json or the vault files, without which a restore is incomplete.","type":"boolean"}}}]},"datasource":{"title":"Datasource","description":"How one datasource is backed up.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"title":"FilesDatasource","type":"object","additionalProperties":false,"required":["backup"],"properties":{"backup":{"description":"files: cellar copies the datasource folder (local storage).","const":"files"},"path":{"description":"The datasource folder, when it differs from the folder in pydio.json.","type":"string","minLength":1,"pattern":"^[^~]"},"consistency":{"description":"How the datasource folder (and its .minio.sys) is copied consistently.","type":"object","additionalProperties":false,"required":["snapshot"],"properties":{"snapshot":{"description":"btrfs: copy from a read-only snapshot of the btrfs subvolume that holds the folder, taken while Cells is stopped for that instant only, and always removed.","const":"btrfs"}}}}},{"title":"ProviderDatasource","type":"object","additionalProperties":false,"required":["backup"],"properties":{"backup":{"description":"provider: the storage provider keeps the objects (e.g. S3 bucket versioning); cellar backs up the configuration and the index.","const":"provider"}}},{"title":"SkippedDatasource","type":"object","additionalProperties":false,"required":["backup","reason"],"properties":{"backup":{"description":"skip: not backed up at all.","const":"skip"},"reason":{"description":"Why it is not backed up (shown in every plan).","type":"string","minLength":1}}}]},"target":{"title":"Target","description":"A folder that holds snapshots.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"The target folder: new, empty, or initialised by cellar (it holds cellar-target.json). Never inside or around the working dir or a datasource.","$ref":"#/$defs/path"},"keep":{"description":"Which snapshots to keep, with the rules and meaning of restic's forget (a snapshot any rule keeps is kept; the newest is always kept). Omitted: keep every snapshot.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"last":{"description":"Keep the newest N snapshots.","$ref":"#/$defs/count"},"hourly":{"description":"Keep the newest snapshot of each of the last N hours (UTC) that have one.","$ref":"#/$defs/count"},"daily":{"description":"Keep the newest snapshot of each of the last N days that have one.","$ref":"#/$defs/count"},"weekly":{"description":"Keep the newest snapshot of each of the last N weeks that have one.","$ref":"#/$defs/count"},"monthly":{"description":"Keep the newest snapshot of each of the last N months that have one.","$ref":"#/$defs/count"},"yearly":{"description":"Keep the newest snapshot of each of the last N years that have one.","$ref":"#/$defs/count"},"within":{"description":"Keep every snapshot taken within this duration of the newest one: years, months, days and hours, in that order, as restic writes it (30d, 1y6m, 2d12h).","type":"string","pattern":"^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$"}}}}},"count":{"description":"A number of snapshots.","type":"integer","minimum":0,"maximum":100000},"storeId":{"description":"The id of a database in pydio.json's databases.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"},"store":{"title":"Store","description":"How one database that cellar cannot dump itself is backed up.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"title":"CommandStore","type":"object","additionalProperties":false,"required":["backup","dump","restore","fingerprint"],"properties":{"backup":{"description":"command: cellar runs your dump command and keeps its output in the snapshot, hashed; a restore feeds it to your restore command.","const":"command"},"dump":{"description":"Writes the whole store to standard output, as an argv list (no shell), e.g. [mongodump, --uri=mongodb://127.0.0.1/cells, --archive].","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"restore":{"description":"Reads a dump on standard input and replaces the store with it, as an argv list, e.g. [mongorestore, --uri=mongodb://127.0.0.1/cells, --archive, --drop].","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"fingerprint":{"description":"Prints something that changes whenever the store's content changes (and only then), as an argv list, e.g. a dbHash; plan compares it with the snapshot's to see drift, and a restore checks it after loading.","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}}}},{"title":"SkippedStore","type":"object","additionalProperties":false,"required":["backup","reason"],"properties":{"backup":{"description":"skip: not backed up by cellar.","const":"skip"},"reason":{"description":"Why, and how it is protected instead (shown as a warning in every plan).","type":"string","minLength":1}}}]}}};
const schema32 = {"description":"A file system path; relative paths are resolved against the plan's folder. \"~\" is not expanded.","type":"string","minLength":1,"pattern":"^[^~]"};
const schema33 = {"title":"Argv","description":"A command as an argv list: the program, then its arguments. No shell is involved.","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}};
const schema35 = {"title":"ExcludePattern","description":"An rsync-style pattern, or { pattern, force } to exclude something a restore needs.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"type":"string","minLength":1},{"title":"ForcedExclude","type":"object","additionalProperties":false,"required":["pattern"],"properties":{"pattern":{"description":"The rsync-style pattern.","type":"string","minLength":1},"force":{"description":"Allow the pattern to exclude data/, services/, pydio.json or the vault files, without which a restore is incomplete.","type":"boolean"}}}]};
const schema36 = {"title":"Consistency","type":"object","additionalProperties":false,"required":["snapshot"],"properties":{"snapshot":{"description":"btrfs: copy from a read-only snapshot of the btrfs subvolume that holds the folder, taken while Cells is stopped for that instant only, and always removed.","const":"btrfs"}}};
const schema37 = {"description":"A host name or an IP address, without scheme or port.","type":"string","pattern":"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"};
const schema38 = {"description":"A TCP port.","type":"integer","minimum":1,"maximum":65535};
const schema40 = {"description":"A database user name.","type":"string","minLength":1,"maxLength":80};
const schema41 = {"title":"Secret","description":"Where a secret is read from: { env: NAME }, { file: /path }, { command: [argv...] } or { credential: NAME }; secrets are never written in the plan.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"title":"EnvSecret","type":"object","additionalProperties":false,"required":["env"],"properties":{"env":{"description":"Name of the environment variable that holds the secret.","type":"string","pattern":"^[A-Za-z_][A-Za-z0-9_]*$"}}},{"title":"FileSecret","type":"object","additionalProperties":false,"required":["file"],"properties":{"file":{"description":"Absolute path of a file that holds the secret (one line; a trailing newline is ignored). It must be owned by the user running cellar, with mode 0600 or 0400.","type":"string","pattern":"^/"}}},{"title":"CommandSecret","type":"object","additionalProperties":false,"required":["command"],"properties":{"command":{"description":"A command that prints the secret, as an argv list (no shell), e.g. [pass, show, cells/db]; its output, trimmed, is the secret. It must finish within timeout seconds.","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"timeout":{"description":"Seconds the command may take. Default: 30.","type":"integer","minimum":1,"maximum":3600}}},{"title":"CredentialSecret","type":"object","additionalProperties":false,"required":["credential"],"properties":{"credential":{"description":"Name of a systemd credential (LoadCredential=NAME:/path in the unit), read from $CREDENTIALS_DIRECTORY/NAME.","type":"string","pattern":"^[A-Za-z0-9_.@-]+$"}}}]};
const schema42 = {"description":"A database name.","type":"string","minLength":1,"maxLength":64};
const schema43 = {"description":"A datasource or target name. It becomes part of file names: a letter or digit, then letters, digits, \".\", \"_\" or \"-\" (at most 64).","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"};
const schema44 = {"title":"Datasource","description":"How one datasource is backed up.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"title":"FilesDatasource","type":"object","additionalProperties":false,"required":["backup"],"properties":{"backup":{"description":"files: cellar copies the datasource folder (local storage).","const":"files"},"path":{"description":"The datasource folder, when it differs from the folder in pydio.json.","type":"string","minLength":1,"pattern":"^[^~]"},"consistency":{"description":"How the datasource folder (and its .minio.sys) is copied consistently.","type":"object","additionalProperties":false,"required":["snapshot"],"properties":{"snapshot":{"description":"btrfs: copy from a read-only snapshot of the btrfs subvolume that holds the folder, taken while Cells is stopped for that instant only, and always removed.","const":"btrfs"}}}}},{"title":"ProviderDatasource","type":"object","additionalProperties":false,"required":["backup"],"properties":{"backup":{"description":"provider: the storage provider keeps the objects (e.g. S3 bucket versioning); cellar backs up the configuration and the index.","const":"provider"}}},{"title":"SkippedDatasource","type":"object","additionalProperties":false,"required":["backup","reason"],"properties":{"backup":{"description":"skip: not backed up at all.","const":"skip"},"reason":{"description":"Why it is not backed up (shown in every plan).","type":"string","minLength":1}}}]};
const schema45 = {"description":"The id of a database in pydio.json's databases.","type":"string","pattern":"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"};
const schema46 = {"title":"Store","description":"How one database that cellar cannot dump itself is backed up.","$comment":"No $ref inside oneOf branches: cellar attributes ajv's errors to a branch by its schema path.","oneOf":[{"title":"CommandStore","type":"object","additionalProperties":false,"required":["backup","dump","restore","fingerprint"],"properties":{"backup":{"description":"command: cellar runs your dump command and keeps its output in the snapshot, hashed; a restore feeds it to your restore command.","const":"command"},"dump":{"description":"Writes the whole store to standard output, as an argv list (no shell), e.g. [mongodump, --uri=mongodb://127.0.0.1/cells, --archive].","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"restore":{"description":"Reads a dump on standard input and replaces the store with it, as an argv list, e.g. [mongorestore, --uri=mongodb://127.0.0.1/cells, --archive, --drop].","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}},"fingerprint":{"description":"Prints something that changes whenever the store's content changes (and only then), as an argv list, e.g. a dbHash; plan compares it with the snapshot's to see drift, and a restore checks it after loading.","type":"array","minItems":1,"prefixItems":[{"type":"string","minLength":1}],"items":{"type":"string"}}}},{"title":"SkippedStore","type":"object","additionalProperties":false,"required":["backup","reason"],"properties":{"backup":{"description":"skip: not backed up by cellar.","const":"skip"},"reason":{"description":"Why, and how it is protected instead (shown as a warning in every plan).","type":"string","minLength":1}}}]};
const schema68 = {"description":"An absolute file system path.","type":"string","pattern":"^/"};
const schema74 = {"description":"A percentage, from 0 to 100.","type":"number","minimum":0,"maximum":100};
const func1 = Object.prototype.hasOwnProperty;
const func2 = require("ajv/dist/runtime/ucs2length").default;
const pattern4 = new RegExp("^[^~]", "u");
const pattern6 = new RegExp("^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$", "u");
const pattern8 = new RegExp("^[A-Za-z_][A-Za-z0-9_]*$", "u");
const pattern9 = new RegExp("^/", "u");
const pattern10 = new RegExp("^[A-Za-z0-9_.@-]+$", "u");
const pattern11 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$", "u");
const pattern13 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$", "u");
const pattern26 = new RegExp("^https?://[^\\s/]+(/\\S*)?$", "u");
const schema48 = {"title":"Target","description":"A folder that holds snapshots.","type":"object","additionalProperties":false,"required":["path"],"properties":{"path":{"description":"The target folder: new, empty, or initialised by cellar (it holds cellar-target.json). Never inside or around the working dir or a datasource.","$ref":"#/$defs/path"},"keep":{"description":"Which snapshots to keep, with the rules and meaning of restic's forget (a snapshot any rule keeps is kept; the newest is always kept). Omitted: keep every snapshot.","type":"object","additionalProperties":false,"minProperties":1,"properties":{"last":{"description":"Keep the newest N snapshots.","$ref":"#/$defs/count"},"hourly":{"description":"Keep the newest snapshot of each of the last N hours (UTC) that have one.","$ref":"#/$defs/count"},"daily":{"description":"Keep the newest snapshot of each of the last N days that have one.","$ref":"#/$defs/count"},"weekly":{"description":"Keep the newest snapshot of each of the last N weeks that have one.","$ref":"#/$defs/count"},"monthly":{"description":"Keep the newest snapshot of each of the last N months that have one.","$ref":"#/$defs/count"},"yearly":{"description":"Keep the newest snapshot of each of the last N years that have one.","$ref":"#/$defs/count"},"within":{"description":"Keep every snapshot taken within this duration of the newest one: years, months, days and hours, in that order, as restic writes it (30d, 1y6m, 2d12h).","type":"string","pattern":"^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$"}}}}};
const schema50 = {"description":"A number of snapshots.","type":"integer","minimum":0,"maximum":100000};
const pattern16 = new RegExp("^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$", "u");

function validate21(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
let vErrors = null;
let errors = 0;
const evaluated0 = validate21.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.path === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "path"},message:"must have required property '"+"path"+"'",schema:schema48.required,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "path") || (key0 === "keep"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.path !== undefined){
let data0 = data.path;
if(typeof data0 === "string"){
if(func2(data0) < 1){
const err2 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!pattern4.test(data0)){
const err3 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/path/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/path",schemaPath:"#/$defs/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.keep !== undefined){
let data1 = data.keep;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
if(Object.keys(data1).length < 1){
const err5 = {instancePath:instancePath+"/keep",schemaPath:"#/properties/keep/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema48.properties.keep,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
for(const key1 in data1){
if(!(((((((key1 === "last") || (key1 === "hourly")) || (key1 === "daily")) || (key1 === "weekly")) || (key1 === "monthly")) || (key1 === "yearly")) || (key1 === "within"))){
const err6 = {instancePath:instancePath+"/keep",schemaPath:"#/properties/keep/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema48.properties.keep,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data1.last !== undefined){
let data2 = data1.last;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err7 = {instancePath:instancePath+"/keep/last",schemaPath:"#/$defs/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.type,parentSchema:schema50,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 100000 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/keep/last",schemaPath:"#/$defs/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema50,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/keep/last",schemaPath:"#/$defs/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data1.hourly !== undefined){
let data3 = data1.hourly;
if(!(((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3))) && (isFinite(data3)))){
const err10 = {instancePath:instancePath+"/keep/hourly",schemaPath:"#/$defs/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.type,parentSchema:schema50,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data3 == "number") && (isFinite(data3))){
if(data3 > 100000 || isNaN(data3)){
const err11 = {instancePath:instancePath+"/keep/hourly",schemaPath:"#/$defs/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema50,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data3 < 0 || isNaN(data3)){
const err12 = {instancePath:instancePath+"/keep/hourly",schemaPath:"#/$defs/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data1.daily !== undefined){
let data4 = data1.daily;
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err13 = {instancePath:instancePath+"/keep/daily",schemaPath:"#/$defs/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.type,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 100000 || isNaN(data4)){
const err14 = {instancePath:instancePath+"/keep/daily",schemaPath:"#/$defs/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(data4 < 0 || isNaN(data4)){
const err15 = {instancePath:instancePath+"/keep/daily",schemaPath:"#/$defs/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
if(data1.weekly !== undefined){
let data5 = data1.weekly;
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err16 = {instancePath:instancePath+"/keep/weekly",schemaPath:"#/$defs/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.type,parentSchema:schema50,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 100000 || isNaN(data5)){
const err17 = {instancePath:instancePath+"/keep/weekly",schemaPath:"#/$defs/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema50,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(data5 < 0 || isNaN(data5)){
const err18 = {instancePath:instancePath+"/keep/weekly",schemaPath:"#/$defs/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
}
if(data1.monthly !== undefined){
let data6 = data1.monthly;
if(!(((typeof data6 == "number") && (!(data6 % 1) && !isNaN(data6))) && (isFinite(data6)))){
const err19 = {instancePath:instancePath+"/keep/monthly",schemaPath:"#/$defs/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.type,parentSchema:schema50,data:data6};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if((typeof data6 == "number") && (isFinite(data6))){
if(data6 > 100000 || isNaN(data6)){
const err20 = {instancePath:instancePath+"/keep/monthly",schemaPath:"#/$defs/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema50,data:data6};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data6 < 0 || isNaN(data6)){
const err21 = {instancePath:instancePath+"/keep/monthly",schemaPath:"#/$defs/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
if(data1.yearly !== undefined){
let data7 = data1.yearly;
if(!(((typeof data7 == "number") && (!(data7 % 1) && !isNaN(data7))) && (isFinite(data7)))){
const err22 = {instancePath:instancePath+"/keep/yearly",schemaPath:"#/$defs/count/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema50.type,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
if((typeof data7 == "number") && (isFinite(data7))){
if(data7 > 100000 || isNaN(data7)){
const err23 = {instancePath:instancePath+"/keep/yearly",schemaPath:"#/$defs/count/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100000},message:"must be <= 100000",schema:100000,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(data7 < 0 || isNaN(data7)){
const err24 = {instancePath:instancePath+"/keep/yearly",schemaPath:"#/$defs/count/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema50,data:data7};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
}
if(data1.within !== undefined){
let data8 = data1.within;
if(typeof data8 === "string"){
if(!pattern16.test(data8)){
const err25 = {instancePath:instancePath+"/keep/within",schemaPath:"#/properties/keep/properties/within/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$"+"\"",schema:"^(?=[0-9])([0-9]+y)?([0-9]+m)?([0-9]+d)?([0-9]+h)?$",parentSchema:schema48.properties.keep.properties.within,data:data8};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/keep/within",schemaPath:"#/properties/keep/properties/within/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema48.properties.keep.properties.within.type,parentSchema:schema48.properties.keep.properties.within,data:data8};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
else {
const err27 = {instancePath:instancePath+"/keep",schemaPath:"#/properties/keep/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.properties.keep.type,parentSchema:schema48.properties.keep,data:data1};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
}
else {
const err28 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema48.type,parentSchema:schema48,data};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
validate21.errors = vErrors;
return errors === 0;
}
validate21.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};


function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data, dynamicAnchors={}}={}){
/*# sourceURL="urn:cellar:backup-plan:1" */;
let vErrors = null;
let errors = 0;
const evaluated0 = validate20.evaluated;
if(evaluated0.dynamicProps){
evaluated0.props = undefined;
}
if(evaluated0.dynamicItems){
evaluated0.items = undefined;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.version === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "version"},message:"must have required property '"+"version"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.datasources === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "datasources"},message:"must have required property '"+"datasources"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.targets === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "targets"},message:"must have required property '"+"targets"+"'",schema:schema31.required,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(func1.call(schema31.properties, key0))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.version !== undefined){
let data0 = data.version;
if(1 !== data0){
const err4 = {instancePath:instancePath+"/version",schemaPath:"#/properties/version/const",keyword:"const",params:{allowedValue: 1},message:"must be equal to constant",schema:1,parentSchema:schema31.properties.version,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data.cells !== undefined){
let data1 = data.cells;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
if(!(((((key1 === "workingDir") || (key1 === "binary")) || (key1 === "service")) || (key1 === "exclude")) || (key1 === "consistency"))){
const err5 = {instancePath:instancePath+"/cells",schemaPath:"#/properties/cells/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.cells,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data1.workingDir !== undefined){
let data2 = data1.workingDir;
if(typeof data2 === "string"){
if(func2(data2) < 1){
const err6 = {instancePath:instancePath+"/cells/workingDir",schemaPath:"#/$defs/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern4.test(data2)){
const err7 = {instancePath:instancePath+"/cells/workingDir",schemaPath:"#/$defs/path/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/cells/workingDir",schemaPath:"#/$defs/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data1.binary !== undefined){
let data3 = data1.binary;
if(typeof data3 === "string"){
if(func2(data3) < 1){
const err9 = {instancePath:instancePath+"/cells/binary",schemaPath:"#/properties/cells/properties/binary/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema31.properties.cells.properties.binary,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern4.test(data3)){
const err10 = {instancePath:instancePath+"/cells/binary",schemaPath:"#/properties/cells/properties/binary/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema31.properties.cells.properties.binary,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/cells/binary",schemaPath:"#/properties/cells/properties/binary/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.cells.properties.binary.type,parentSchema:schema31.properties.cells.properties.binary,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data1.service !== undefined){
let data4 = data1.service;
if(data4 && typeof data4 == "object" && !Array.isArray(data4)){
if(data4.stop === undefined){
const err12 = {instancePath:instancePath+"/cells/service",schemaPath:"#/properties/cells/properties/service/required",keyword:"required",params:{missingProperty: "stop"},message:"must have required property '"+"stop"+"'",schema:schema31.properties.cells.properties.service.required,parentSchema:schema31.properties.cells.properties.service,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(data4.start === undefined){
const err13 = {instancePath:instancePath+"/cells/service",schemaPath:"#/properties/cells/properties/service/required",keyword:"required",params:{missingProperty: "start"},message:"must have required property '"+"start"+"'",schema:schema31.properties.cells.properties.service.required,parentSchema:schema31.properties.cells.properties.service,data:data4};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
for(const key2 in data4){
if(!(((key2 === "stop") || (key2 === "start")) || (key2 === "stopFor"))){
const err14 = {instancePath:instancePath+"/cells/service",schemaPath:"#/properties/cells/properties/service/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.cells.properties.service,data:data4};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data4.stop !== undefined){
let data5 = data4.stop;
if(Array.isArray(data5)){
if(data5.length < 1){
const err15 = {instancePath:instancePath+"/cells/service/stop",schemaPath:"#/$defs/argv/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data5.length;
if(len0 > 0){
let data6 = data5[0];
if(typeof data6 === "string"){
if(func2(data6) < 1){
const err16 = {instancePath:instancePath+"/cells/service/stop/0",schemaPath:"#/$defs/argv/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.prefixItems[0],data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
else {
const err17 = {instancePath:instancePath+"/cells/service/stop/0",schemaPath:"#/$defs/argv/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.prefixItems[0].type,parentSchema:schema33.prefixItems[0],data:data6};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
const len1 = data5.length;
var valid6 = len1 <= 1;
if(!valid6){
for(let i0=1; i0<len1; i0++){
let data7 = data5[i0];
const _errs19 = errors;
if(typeof data7 !== "string"){
const err18 = {instancePath:instancePath+"/cells/service/stop/" + i0,schemaPath:"#/$defs/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.items.type,parentSchema:schema33.items,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
var valid6 = _errs19 === errors;
}
}
}
else {
const err19 = {instancePath:instancePath+"/cells/service/stop",schemaPath:"#/$defs/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data:data5};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data4.start !== undefined){
let data8 = data4.start;
if(Array.isArray(data8)){
if(data8.length < 1){
const err20 = {instancePath:instancePath+"/cells/service/start",schemaPath:"#/$defs/argv/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
const len2 = data8.length;
if(len2 > 0){
let data9 = data8[0];
if(typeof data9 === "string"){
if(func2(data9) < 1){
const err21 = {instancePath:instancePath+"/cells/service/start/0",schemaPath:"#/$defs/argv/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.prefixItems[0],data:data9};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/cells/service/start/0",schemaPath:"#/$defs/argv/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.prefixItems[0].type,parentSchema:schema33.prefixItems[0],data:data9};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
const len3 = data8.length;
var valid9 = len3 <= 1;
if(!valid9){
for(let i1=1; i1<len3; i1++){
let data10 = data8[i1];
const _errs26 = errors;
if(typeof data10 !== "string"){
const err23 = {instancePath:instancePath+"/cells/service/start/" + i1,schemaPath:"#/$defs/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.items.type,parentSchema:schema33.items,data:data10};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
var valid9 = _errs26 === errors;
}
}
}
else {
const err24 = {instancePath:instancePath+"/cells/service/start",schemaPath:"#/$defs/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data:data8};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data4.stopFor !== undefined){
let data11 = data4.stopFor;
if(!(((data11 === "changes") || (data11 === "always")) || (data11 === "never"))){
const err25 = {instancePath:instancePath+"/cells/service/stopFor",schemaPath:"#/properties/cells/properties/service/properties/stopFor/enum",keyword:"enum",params:{allowedValues: schema31.properties.cells.properties.service.properties.stopFor.enum},message:"must be equal to one of the allowed values",schema:schema31.properties.cells.properties.service.properties.stopFor.enum,parentSchema:schema31.properties.cells.properties.service.properties.stopFor,data:data11};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
}
else {
const err26 = {instancePath:instancePath+"/cells/service",schemaPath:"#/properties/cells/properties/service/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.cells.properties.service.type,parentSchema:schema31.properties.cells.properties.service,data:data4};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data1.exclude !== undefined){
let data12 = data1.exclude;
if(Array.isArray(data12)){
const len4 = data12.length;
for(let i2=0; i2<len4; i2++){
let data13 = data12[i2];
const _errs34 = errors;
let valid13 = false;
let passing0 = null;
const _errs35 = errors;
if(typeof data13 === "string"){
if(func2(data13) < 1){
const err27 = {instancePath:instancePath+"/cells/exclude/" + i2,schemaPath:"#/$defs/excludePattern/oneOf/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35.oneOf[0],data:data13};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/cells/exclude/" + i2,schemaPath:"#/$defs/excludePattern/oneOf/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.oneOf[0].type,parentSchema:schema35.oneOf[0],data:data13};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
var _valid0 = _errs35 === errors;
if(_valid0){
valid13 = true;
passing0 = 0;
}
const _errs37 = errors;
if(data13 && typeof data13 == "object" && !Array.isArray(data13)){
if(data13.pattern === undefined){
const err29 = {instancePath:instancePath+"/cells/exclude/" + i2,schemaPath:"#/$defs/excludePattern/oneOf/1/required",keyword:"required",params:{missingProperty: "pattern"},message:"must have required property '"+"pattern"+"'",schema:schema35.oneOf[1].required,parentSchema:schema35.oneOf[1],data:data13};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
for(const key3 in data13){
if(!((key3 === "pattern") || (key3 === "force"))){
const err30 = {instancePath:instancePath+"/cells/exclude/" + i2,schemaPath:"#/$defs/excludePattern/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema35.oneOf[1],data:data13};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data13.pattern !== undefined){
let data14 = data13.pattern;
if(typeof data14 === "string"){
if(func2(data14) < 1){
const err31 = {instancePath:instancePath+"/cells/exclude/" + i2+"/pattern",schemaPath:"#/$defs/excludePattern/oneOf/1/properties/pattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema35.oneOf[1].properties.pattern,data:data14};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/cells/exclude/" + i2+"/pattern",schemaPath:"#/$defs/excludePattern/oneOf/1/properties/pattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema35.oneOf[1].properties.pattern.type,parentSchema:schema35.oneOf[1].properties.pattern,data:data14};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
if(data13.force !== undefined){
let data15 = data13.force;
if(typeof data15 !== "boolean"){
const err33 = {instancePath:instancePath+"/cells/exclude/" + i2+"/force",schemaPath:"#/$defs/excludePattern/oneOf/1/properties/force/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema35.oneOf[1].properties.force.type,parentSchema:schema35.oneOf[1].properties.force,data:data15};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
}
else {
const err34 = {instancePath:instancePath+"/cells/exclude/" + i2,schemaPath:"#/$defs/excludePattern/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema35.oneOf[1].type,parentSchema:schema35.oneOf[1],data:data13};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
var _valid0 = _errs37 === errors;
if(_valid0 && valid13){
valid13 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid13 = true;
passing0 = 1;
}
}
if(!valid13){
const err35 = {instancePath:instancePath+"/cells/exclude/" + i2,schemaPath:"#/$defs/excludePattern/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf",schema:schema35.oneOf,parentSchema:schema35,data:data13};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
else {
errors = _errs34;
if(vErrors !== null){
if(_errs34){
vErrors.length = _errs34;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err36 = {instancePath:instancePath+"/cells/exclude",schemaPath:"#/properties/cells/properties/exclude/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema31.properties.cells.properties.exclude.type,parentSchema:schema31.properties.cells.properties.exclude,data:data12};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data1.consistency !== undefined){
let data16 = data1.consistency;
if(data16 && typeof data16 == "object" && !Array.isArray(data16)){
if(data16.snapshot === undefined){
const err37 = {instancePath:instancePath+"/cells/consistency",schemaPath:"#/$defs/consistency/required",keyword:"required",params:{missingProperty: "snapshot"},message:"must have required property '"+"snapshot"+"'",schema:schema36.required,parentSchema:schema36,data:data16};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key4 in data16){
if(!(key4 === "snapshot")){
const err38 = {instancePath:instancePath+"/cells/consistency",schemaPath:"#/$defs/consistency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema36,data:data16};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data16.snapshot !== undefined){
let data17 = data16.snapshot;
if("btrfs" !== data17){
const err39 = {instancePath:instancePath+"/cells/consistency/snapshot",schemaPath:"#/$defs/consistency/properties/snapshot/const",keyword:"const",params:{allowedValue: "btrfs"},message:"must be equal to constant",schema:"btrfs",parentSchema:schema36.properties.snapshot,data:data17};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
}
else {
const err40 = {instancePath:instancePath+"/cells/consistency",schemaPath:"#/$defs/consistency/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema36.type,parentSchema:schema36,data:data16};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
else {
const err41 = {instancePath:instancePath+"/cells",schemaPath:"#/properties/cells/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.cells.type,parentSchema:schema31.properties.cells,data:data1};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
if(data.database !== undefined){
let data18 = data.database;
if(data18 && typeof data18 == "object" && !Array.isArray(data18)){
if(data18.user === undefined){
const err42 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'",schema:schema31.properties.database.required,parentSchema:schema31.properties.database,data:data18};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
if(data18.name === undefined){
const err43 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema31.properties.database.required,parentSchema:schema31.properties.database,data:data18};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
for(const key5 in data18){
if(!((((((key5 === "host") || (key5 === "port")) || (key5 === "socket")) || (key5 === "user")) || (key5 === "password")) || (key5 === "name"))){
const err44 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.database,data:data18};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data18.host !== undefined){
let data19 = data18.host;
if(typeof data19 === "string"){
if(!pattern6.test(data19)){
const err45 = {instancePath:instancePath+"/database/host",schemaPath:"#/$defs/host/pattern",keyword:"pattern",params:{pattern: "^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"},message:"must match pattern \""+"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"+"\"",schema:"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$",parentSchema:schema37,data:data19};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/database/host",schemaPath:"#/$defs/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data19};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data18.port !== undefined){
let data20 = data18.port;
if(!(((typeof data20 == "number") && (!(data20 % 1) && !isNaN(data20))) && (isFinite(data20)))){
const err47 = {instancePath:instancePath+"/database/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.type,parentSchema:schema38,data:data20};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if((typeof data20 == "number") && (isFinite(data20))){
if(data20 > 65535 || isNaN(data20)){
const err48 = {instancePath:instancePath+"/database/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema38,data:data20};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(data20 < 1 || isNaN(data20)){
const err49 = {instancePath:instancePath+"/database/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38,data:data20};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
}
}
if(data18.socket !== undefined){
let data21 = data18.socket;
if(typeof data21 === "string"){
if(func2(data21) < 1){
const err50 = {instancePath:instancePath+"/database/socket",schemaPath:"#/$defs/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data21};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
if(!pattern4.test(data21)){
const err51 = {instancePath:instancePath+"/database/socket",schemaPath:"#/$defs/path/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema32,data:data21};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/database/socket",schemaPath:"#/$defs/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data21};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data18.user !== undefined){
let data22 = data18.user;
if(typeof data22 === "string"){
if(func2(data22) > 80){
const err53 = {instancePath:instancePath+"/database/user",schemaPath:"#/$defs/databaseUser/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema40,data:data22};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(func2(data22) < 1){
const err54 = {instancePath:instancePath+"/database/user",schemaPath:"#/$defs/databaseUser/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema40,data:data22};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
else {
const err55 = {instancePath:instancePath+"/database/user",schemaPath:"#/$defs/databaseUser/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.type,parentSchema:schema40,data:data22};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
if(data18.password !== undefined){
let data23 = data18.password;
const _errs67 = errors;
let valid23 = false;
let passing1 = null;
const _errs68 = errors;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.env === undefined){
const err56 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/0/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'",schema:schema41.oneOf[0].required,parentSchema:schema41.oneOf[0],data:data23};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
for(const key6 in data23){
if(!(key6 === "env")){
const err57 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[0],data:data23};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data23.env !== undefined){
let data24 = data23.env;
if(typeof data24 === "string"){
if(!pattern8.test(data24)){
const err58 = {instancePath:instancePath+"/database/password/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema41.oneOf[0].properties.env,data:data24};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/database/password/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[0].properties.env.type,parentSchema:schema41.oneOf[0].properties.env,data:data24};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
}
else {
const err60 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[0].type,parentSchema:schema41.oneOf[0],data:data23};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
var _valid1 = _errs68 === errors;
if(_valid1){
valid23 = true;
passing1 = 0;
var props1 = true;
}
const _errs73 = errors;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.file === undefined){
const err61 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/1/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema41.oneOf[1].required,parentSchema:schema41.oneOf[1],data:data23};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
for(const key7 in data23){
if(!(key7 === "file")){
const err62 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[1],data:data23};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
}
if(data23.file !== undefined){
let data25 = data23.file;
if(typeof data25 === "string"){
if(!pattern9.test(data25)){
const err63 = {instancePath:instancePath+"/database/password/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema41.oneOf[1].properties.file,data:data25};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
}
else {
const err64 = {instancePath:instancePath+"/database/password/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[1].properties.file.type,parentSchema:schema41.oneOf[1].properties.file,data:data25};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
else {
const err65 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[1].type,parentSchema:schema41.oneOf[1],data:data23};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
var _valid1 = _errs73 === errors;
if(_valid1 && valid23){
valid23 = false;
passing1 = [passing1, 1];
}
else {
if(_valid1){
valid23 = true;
passing1 = 1;
if(props1 !== true){
props1 = true;
}
}
const _errs78 = errors;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.command === undefined){
const err66 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/2/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema41.oneOf[2].required,parentSchema:schema41.oneOf[2],data:data23};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
for(const key8 in data23){
if(!((key8 === "command") || (key8 === "timeout"))){
const err67 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key8},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[2],data:data23};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
if(data23.command !== undefined){
let data26 = data23.command;
if(Array.isArray(data26)){
if(data26.length < 1){
const err68 = {instancePath:instancePath+"/database/password/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.oneOf[2].properties.command,data:data26};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
const len5 = data26.length;
if(len5 > 0){
let data27 = data26[0];
if(typeof data27 === "string"){
if(func2(data27) < 1){
const err69 = {instancePath:instancePath+"/database/password/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data27};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/database/password/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.prefixItems[0].type,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data27};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
const len6 = data26.length;
var valid28 = len6 <= 1;
if(!valid28){
for(let i3=1; i3<len6; i3++){
let data28 = data26[i3];
const _errs85 = errors;
if(typeof data28 !== "string"){
const err71 = {instancePath:instancePath+"/database/password/command/" + i3,schemaPath:"#/$defs/secret/oneOf/2/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.items.type,parentSchema:schema41.oneOf[2].properties.command.items,data:data28};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
var valid28 = _errs85 === errors;
}
}
}
else {
const err72 = {instancePath:instancePath+"/database/password/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.oneOf[2].properties.command.type,parentSchema:schema41.oneOf[2].properties.command,data:data26};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data23.timeout !== undefined){
let data29 = data23.timeout;
if(!(((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29))) && (isFinite(data29)))){
const err73 = {instancePath:instancePath+"/database/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.oneOf[2].properties.timeout.type,parentSchema:schema41.oneOf[2].properties.timeout,data:data29};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data29 == "number") && (isFinite(data29))){
if(data29 > 3600 || isNaN(data29)){
const err74 = {instancePath:instancePath+"/database/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema41.oneOf[2].properties.timeout,data:data29};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err75 = {instancePath:instancePath+"/database/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.oneOf[2].properties.timeout,data:data29};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
}
else {
const err76 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[2].type,parentSchema:schema41.oneOf[2],data:data23};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
var _valid1 = _errs78 === errors;
if(_valid1 && valid23){
valid23 = false;
passing1 = [passing1, 2];
}
else {
if(_valid1){
valid23 = true;
passing1 = 2;
if(props1 !== true){
props1 = true;
}
}
const _errs89 = errors;
if(data23 && typeof data23 == "object" && !Array.isArray(data23)){
if(data23.credential === undefined){
const err77 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/3/required",keyword:"required",params:{missingProperty: "credential"},message:"must have required property '"+"credential"+"'",schema:schema41.oneOf[3].required,parentSchema:schema41.oneOf[3],data:data23};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
for(const key9 in data23){
if(!(key9 === "credential")){
const err78 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key9},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[3],data:data23};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data23.credential !== undefined){
let data30 = data23.credential;
if(typeof data30 === "string"){
if(!pattern10.test(data30)){
const err79 = {instancePath:instancePath+"/database/password/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.@-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.@-]+$"+"\"",schema:"^[A-Za-z0-9_.@-]+$",parentSchema:schema41.oneOf[3].properties.credential,data:data30};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
else {
const err80 = {instancePath:instancePath+"/database/password/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[3].properties.credential.type,parentSchema:schema41.oneOf[3].properties.credential,data:data30};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[3].type,parentSchema:schema41.oneOf[3],data:data23};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
var _valid1 = _errs89 === errors;
if(_valid1 && valid23){
valid23 = false;
passing1 = [passing1, 3];
}
else {
if(_valid1){
valid23 = true;
passing1 = 3;
if(props1 !== true){
props1 = true;
}
}
}
}
}
if(!valid23){
const err82 = {instancePath:instancePath+"/database/password",schemaPath:"#/$defs/secret/oneOf",keyword:"oneOf",params:{passingSchemas: passing1},message:"must match exactly one schema in oneOf",schema:schema41.oneOf,parentSchema:schema41,data:data23};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
else {
errors = _errs67;
if(vErrors !== null){
if(_errs67){
vErrors.length = _errs67;
}
else {
vErrors = null;
}
}
}
}
if(data18.name !== undefined){
let data31 = data18.name;
if(typeof data31 === "string"){
if(func2(data31) > 64){
const err83 = {instancePath:instancePath+"/database/name",schemaPath:"#/$defs/databaseName/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema42,data:data31};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
if(func2(data31) < 1){
const err84 = {instancePath:instancePath+"/database/name",schemaPath:"#/$defs/databaseName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42,data:data31};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
}
else {
const err85 = {instancePath:instancePath+"/database/name",schemaPath:"#/$defs/databaseName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:data31};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
else {
const err86 = {instancePath:instancePath+"/database",schemaPath:"#/properties/database/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.database.type,parentSchema:schema31.properties.database,data:data18};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
}
if(data.datasources !== undefined){
let data32 = data.datasources;
if(data32 && typeof data32 == "object" && !Array.isArray(data32)){
for(const key10 in data32){
const _errs99 = errors;
if(typeof key10 === "string"){
if(!pattern11.test(key10)){
const err87 = {instancePath:instancePath+"/datasources",schemaPath:"#/$defs/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",parentSchema:schema43,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
}
else {
const err88 = {instancePath:instancePath+"/datasources",schemaPath:"#/$defs/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:key10,propertyName:key10};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
var valid31 = _errs99 === errors;
if(!valid31){
const err89 = {instancePath:instancePath+"/datasources",schemaPath:"#/properties/datasources/propertyNames",keyword:"propertyNames",params:{propertyName: key10},message:"property name must be valid",schema:schema31.properties.datasources.propertyNames,parentSchema:schema31.properties.datasources,data:data32};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
for(const key11 in data32){
let data33 = data32[key11];
const _errs106 = errors;
let valid35 = false;
let passing2 = null;
const _errs107 = errors;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.backup === undefined){
const err90 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/0/required",keyword:"required",params:{missingProperty: "backup"},message:"must have required property '"+"backup"+"'",schema:schema44.oneOf[0].required,parentSchema:schema44.oneOf[0],data:data33};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
for(const key12 in data33){
if(!(((key12 === "backup") || (key12 === "path")) || (key12 === "consistency"))){
const err91 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key12},message:"must NOT have additional properties",schema:false,parentSchema:schema44.oneOf[0],data:data33};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
}
if(data33.backup !== undefined){
let data34 = data33.backup;
if("files" !== data34){
const err92 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/backup",schemaPath:"#/$defs/datasource/oneOf/0/properties/backup/const",keyword:"const",params:{allowedValue: "files"},message:"must be equal to constant",schema:"files",parentSchema:schema44.oneOf[0].properties.backup,data:data34};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data33.path !== undefined){
let data35 = data33.path;
if(typeof data35 === "string"){
if(func2(data35) < 1){
const err93 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/path",schemaPath:"#/$defs/datasource/oneOf/0/properties/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.oneOf[0].properties.path,data:data35};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
if(!pattern4.test(data35)){
const err94 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/path",schemaPath:"#/$defs/datasource/oneOf/0/properties/path/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema44.oneOf[0].properties.path,data:data35};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
}
else {
const err95 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/path",schemaPath:"#/$defs/datasource/oneOf/0/properties/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.oneOf[0].properties.path.type,parentSchema:schema44.oneOf[0].properties.path,data:data35};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
}
if(data33.consistency !== undefined){
let data36 = data33.consistency;
if(data36 && typeof data36 == "object" && !Array.isArray(data36)){
if(data36.snapshot === undefined){
const err96 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/consistency",schemaPath:"#/$defs/datasource/oneOf/0/properties/consistency/required",keyword:"required",params:{missingProperty: "snapshot"},message:"must have required property '"+"snapshot"+"'",schema:schema44.oneOf[0].properties.consistency.required,parentSchema:schema44.oneOf[0].properties.consistency,data:data36};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
for(const key13 in data36){
if(!(key13 === "snapshot")){
const err97 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/consistency",schemaPath:"#/$defs/datasource/oneOf/0/properties/consistency/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key13},message:"must NOT have additional properties",schema:false,parentSchema:schema44.oneOf[0].properties.consistency,data:data36};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
if(data36.snapshot !== undefined){
let data37 = data36.snapshot;
if("btrfs" !== data37){
const err98 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/consistency/snapshot",schemaPath:"#/$defs/datasource/oneOf/0/properties/consistency/properties/snapshot/const",keyword:"const",params:{allowedValue: "btrfs"},message:"must be equal to constant",schema:"btrfs",parentSchema:schema44.oneOf[0].properties.consistency.properties.snapshot,data:data37};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
}
else {
const err99 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/consistency",schemaPath:"#/$defs/datasource/oneOf/0/properties/consistency/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.oneOf[0].properties.consistency.type,parentSchema:schema44.oneOf[0].properties.consistency,data:data36};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
}
}
else {
const err100 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.oneOf[0].type,parentSchema:schema44.oneOf[0],data:data33};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
var _valid2 = _errs107 === errors;
if(_valid2){
valid35 = true;
passing2 = 0;
var props2 = true;
}
const _errs117 = errors;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.backup === undefined){
const err101 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/1/required",keyword:"required",params:{missingProperty: "backup"},message:"must have required property '"+"backup"+"'",schema:schema44.oneOf[1].required,parentSchema:schema44.oneOf[1],data:data33};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
for(const key14 in data33){
if(!(key14 === "backup")){
const err102 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key14},message:"must NOT have additional properties",schema:false,parentSchema:schema44.oneOf[1],data:data33};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data33.backup !== undefined){
let data38 = data33.backup;
if("provider" !== data38){
const err103 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/backup",schemaPath:"#/$defs/datasource/oneOf/1/properties/backup/const",keyword:"const",params:{allowedValue: "provider"},message:"must be equal to constant",schema:"provider",parentSchema:schema44.oneOf[1].properties.backup,data:data38};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
}
}
else {
const err104 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.oneOf[1].type,parentSchema:schema44.oneOf[1],data:data33};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
var _valid2 = _errs117 === errors;
if(_valid2 && valid35){
valid35 = false;
passing2 = [passing2, 1];
}
else {
if(_valid2){
valid35 = true;
passing2 = 1;
if(props2 !== true){
props2 = true;
}
}
const _errs121 = errors;
if(data33 && typeof data33 == "object" && !Array.isArray(data33)){
if(data33.backup === undefined){
const err105 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/2/required",keyword:"required",params:{missingProperty: "backup"},message:"must have required property '"+"backup"+"'",schema:schema44.oneOf[2].required,parentSchema:schema44.oneOf[2],data:data33};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
if(data33.reason === undefined){
const err106 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/2/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema44.oneOf[2].required,parentSchema:schema44.oneOf[2],data:data33};
if(vErrors === null){
vErrors = [err106];
}
else {
vErrors.push(err106);
}
errors++;
}
for(const key15 in data33){
if(!((key15 === "backup") || (key15 === "reason"))){
const err107 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key15},message:"must NOT have additional properties",schema:false,parentSchema:schema44.oneOf[2],data:data33};
if(vErrors === null){
vErrors = [err107];
}
else {
vErrors.push(err107);
}
errors++;
}
}
if(data33.backup !== undefined){
let data39 = data33.backup;
if("skip" !== data39){
const err108 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/backup",schemaPath:"#/$defs/datasource/oneOf/2/properties/backup/const",keyword:"const",params:{allowedValue: "skip"},message:"must be equal to constant",schema:"skip",parentSchema:schema44.oneOf[2].properties.backup,data:data39};
if(vErrors === null){
vErrors = [err108];
}
else {
vErrors.push(err108);
}
errors++;
}
}
if(data33.reason !== undefined){
let data40 = data33.reason;
if(typeof data40 === "string"){
if(func2(data40) < 1){
const err109 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/reason",schemaPath:"#/$defs/datasource/oneOf/2/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema44.oneOf[2].properties.reason,data:data40};
if(vErrors === null){
vErrors = [err109];
}
else {
vErrors.push(err109);
}
errors++;
}
}
else {
const err110 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1")+"/reason",schemaPath:"#/$defs/datasource/oneOf/2/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema44.oneOf[2].properties.reason.type,parentSchema:schema44.oneOf[2].properties.reason,data:data40};
if(vErrors === null){
vErrors = [err110];
}
else {
vErrors.push(err110);
}
errors++;
}
}
}
else {
const err111 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema44.oneOf[2].type,parentSchema:schema44.oneOf[2],data:data33};
if(vErrors === null){
vErrors = [err111];
}
else {
vErrors.push(err111);
}
errors++;
}
var _valid2 = _errs121 === errors;
if(_valid2 && valid35){
valid35 = false;
passing2 = [passing2, 2];
}
else {
if(_valid2){
valid35 = true;
passing2 = 2;
if(props2 !== true){
props2 = true;
}
}
}
}
if(!valid35){
const err112 = {instancePath:instancePath+"/datasources/" + key11.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/datasource/oneOf",keyword:"oneOf",params:{passingSchemas: passing2},message:"must match exactly one schema in oneOf",schema:schema44.oneOf,parentSchema:schema44,data:data33};
if(vErrors === null){
vErrors = [err112];
}
else {
vErrors.push(err112);
}
errors++;
}
else {
errors = _errs106;
if(vErrors !== null){
if(_errs106){
vErrors.length = _errs106;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err113 = {instancePath:instancePath+"/datasources",schemaPath:"#/properties/datasources/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.datasources.type,parentSchema:schema31.properties.datasources,data:data32};
if(vErrors === null){
vErrors = [err113];
}
else {
vErrors.push(err113);
}
errors++;
}
}
if(data.stores !== undefined){
let data41 = data.stores;
if(data41 && typeof data41 == "object" && !Array.isArray(data41)){
for(const key16 in data41){
const _errs129 = errors;
if(typeof key16 === "string"){
if(!pattern13.test(key16)){
const err114 = {instancePath:instancePath+"/stores",schemaPath:"#/$defs/storeId/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]{0,127}$",parentSchema:schema45,data:key16,propertyName:key16};
if(vErrors === null){
vErrors = [err114];
}
else {
vErrors.push(err114);
}
errors++;
}
}
else {
const err115 = {instancePath:instancePath+"/stores",schemaPath:"#/$defs/storeId/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema45.type,parentSchema:schema45,data:key16,propertyName:key16};
if(vErrors === null){
vErrors = [err115];
}
else {
vErrors.push(err115);
}
errors++;
}
var valid40 = _errs129 === errors;
if(!valid40){
const err116 = {instancePath:instancePath+"/stores",schemaPath:"#/properties/stores/propertyNames",keyword:"propertyNames",params:{propertyName: key16},message:"property name must be valid",schema:schema31.properties.stores.propertyNames,parentSchema:schema31.properties.stores,data:data41};
if(vErrors === null){
vErrors = [err116];
}
else {
vErrors.push(err116);
}
errors++;
}
}
for(const key17 in data41){
let data42 = data41[key17];
const _errs136 = errors;
let valid44 = false;
let passing3 = null;
const _errs137 = errors;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
if(data42.backup === undefined){
const err117 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/0/required",keyword:"required",params:{missingProperty: "backup"},message:"must have required property '"+"backup"+"'",schema:schema46.oneOf[0].required,parentSchema:schema46.oneOf[0],data:data42};
if(vErrors === null){
vErrors = [err117];
}
else {
vErrors.push(err117);
}
errors++;
}
if(data42.dump === undefined){
const err118 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/0/required",keyword:"required",params:{missingProperty: "dump"},message:"must have required property '"+"dump"+"'",schema:schema46.oneOf[0].required,parentSchema:schema46.oneOf[0],data:data42};
if(vErrors === null){
vErrors = [err118];
}
else {
vErrors.push(err118);
}
errors++;
}
if(data42.restore === undefined){
const err119 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/0/required",keyword:"required",params:{missingProperty: "restore"},message:"must have required property '"+"restore"+"'",schema:schema46.oneOf[0].required,parentSchema:schema46.oneOf[0],data:data42};
if(vErrors === null){
vErrors = [err119];
}
else {
vErrors.push(err119);
}
errors++;
}
if(data42.fingerprint === undefined){
const err120 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/0/required",keyword:"required",params:{missingProperty: "fingerprint"},message:"must have required property '"+"fingerprint"+"'",schema:schema46.oneOf[0].required,parentSchema:schema46.oneOf[0],data:data42};
if(vErrors === null){
vErrors = [err120];
}
else {
vErrors.push(err120);
}
errors++;
}
for(const key18 in data42){
if(!((((key18 === "backup") || (key18 === "dump")) || (key18 === "restore")) || (key18 === "fingerprint"))){
const err121 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key18},message:"must NOT have additional properties",schema:false,parentSchema:schema46.oneOf[0],data:data42};
if(vErrors === null){
vErrors = [err121];
}
else {
vErrors.push(err121);
}
errors++;
}
}
if(data42.backup !== undefined){
let data43 = data42.backup;
if("command" !== data43){
const err122 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/backup",schemaPath:"#/$defs/store/oneOf/0/properties/backup/const",keyword:"const",params:{allowedValue: "command"},message:"must be equal to constant",schema:"command",parentSchema:schema46.oneOf[0].properties.backup,data:data43};
if(vErrors === null){
vErrors = [err122];
}
else {
vErrors.push(err122);
}
errors++;
}
}
if(data42.dump !== undefined){
let data44 = data42.dump;
if(Array.isArray(data44)){
if(data44.length < 1){
const err123 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/dump",schemaPath:"#/$defs/store/oneOf/0/properties/dump/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema46.oneOf[0].properties.dump,data:data44};
if(vErrors === null){
vErrors = [err123];
}
else {
vErrors.push(err123);
}
errors++;
}
const len7 = data44.length;
if(len7 > 0){
let data45 = data44[0];
if(typeof data45 === "string"){
if(func2(data45) < 1){
const err124 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/dump/0",schemaPath:"#/$defs/store/oneOf/0/properties/dump/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema46.oneOf[0].properties.dump.prefixItems[0],data:data45};
if(vErrors === null){
vErrors = [err124];
}
else {
vErrors.push(err124);
}
errors++;
}
}
else {
const err125 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/dump/0",schemaPath:"#/$defs/store/oneOf/0/properties/dump/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[0].properties.dump.prefixItems[0].type,parentSchema:schema46.oneOf[0].properties.dump.prefixItems[0],data:data45};
if(vErrors === null){
vErrors = [err125];
}
else {
vErrors.push(err125);
}
errors++;
}
}
const len8 = data44.length;
var valid47 = len8 <= 1;
if(!valid47){
for(let i4=1; i4<len8; i4++){
let data46 = data44[i4];
const _errs145 = errors;
if(typeof data46 !== "string"){
const err126 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/dump/" + i4,schemaPath:"#/$defs/store/oneOf/0/properties/dump/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[0].properties.dump.items.type,parentSchema:schema46.oneOf[0].properties.dump.items,data:data46};
if(vErrors === null){
vErrors = [err126];
}
else {
vErrors.push(err126);
}
errors++;
}
var valid47 = _errs145 === errors;
}
}
}
else {
const err127 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/dump",schemaPath:"#/$defs/store/oneOf/0/properties/dump/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.oneOf[0].properties.dump.type,parentSchema:schema46.oneOf[0].properties.dump,data:data44};
if(vErrors === null){
vErrors = [err127];
}
else {
vErrors.push(err127);
}
errors++;
}
}
if(data42.restore !== undefined){
let data47 = data42.restore;
if(Array.isArray(data47)){
if(data47.length < 1){
const err128 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/restore",schemaPath:"#/$defs/store/oneOf/0/properties/restore/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema46.oneOf[0].properties.restore,data:data47};
if(vErrors === null){
vErrors = [err128];
}
else {
vErrors.push(err128);
}
errors++;
}
const len9 = data47.length;
if(len9 > 0){
let data48 = data47[0];
if(typeof data48 === "string"){
if(func2(data48) < 1){
const err129 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/restore/0",schemaPath:"#/$defs/store/oneOf/0/properties/restore/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema46.oneOf[0].properties.restore.prefixItems[0],data:data48};
if(vErrors === null){
vErrors = [err129];
}
else {
vErrors.push(err129);
}
errors++;
}
}
else {
const err130 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/restore/0",schemaPath:"#/$defs/store/oneOf/0/properties/restore/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[0].properties.restore.prefixItems[0].type,parentSchema:schema46.oneOf[0].properties.restore.prefixItems[0],data:data48};
if(vErrors === null){
vErrors = [err130];
}
else {
vErrors.push(err130);
}
errors++;
}
}
const len10 = data47.length;
var valid49 = len10 <= 1;
if(!valid49){
for(let i5=1; i5<len10; i5++){
let data49 = data47[i5];
const _errs151 = errors;
if(typeof data49 !== "string"){
const err131 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/restore/" + i5,schemaPath:"#/$defs/store/oneOf/0/properties/restore/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[0].properties.restore.items.type,parentSchema:schema46.oneOf[0].properties.restore.items,data:data49};
if(vErrors === null){
vErrors = [err131];
}
else {
vErrors.push(err131);
}
errors++;
}
var valid49 = _errs151 === errors;
}
}
}
else {
const err132 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/restore",schemaPath:"#/$defs/store/oneOf/0/properties/restore/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.oneOf[0].properties.restore.type,parentSchema:schema46.oneOf[0].properties.restore,data:data47};
if(vErrors === null){
vErrors = [err132];
}
else {
vErrors.push(err132);
}
errors++;
}
}
if(data42.fingerprint !== undefined){
let data50 = data42.fingerprint;
if(Array.isArray(data50)){
if(data50.length < 1){
const err133 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/fingerprint",schemaPath:"#/$defs/store/oneOf/0/properties/fingerprint/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema46.oneOf[0].properties.fingerprint,data:data50};
if(vErrors === null){
vErrors = [err133];
}
else {
vErrors.push(err133);
}
errors++;
}
const len11 = data50.length;
if(len11 > 0){
let data51 = data50[0];
if(typeof data51 === "string"){
if(func2(data51) < 1){
const err134 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/fingerprint/0",schemaPath:"#/$defs/store/oneOf/0/properties/fingerprint/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema46.oneOf[0].properties.fingerprint.prefixItems[0],data:data51};
if(vErrors === null){
vErrors = [err134];
}
else {
vErrors.push(err134);
}
errors++;
}
}
else {
const err135 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/fingerprint/0",schemaPath:"#/$defs/store/oneOf/0/properties/fingerprint/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[0].properties.fingerprint.prefixItems[0].type,parentSchema:schema46.oneOf[0].properties.fingerprint.prefixItems[0],data:data51};
if(vErrors === null){
vErrors = [err135];
}
else {
vErrors.push(err135);
}
errors++;
}
}
const len12 = data50.length;
var valid51 = len12 <= 1;
if(!valid51){
for(let i6=1; i6<len12; i6++){
let data52 = data50[i6];
const _errs157 = errors;
if(typeof data52 !== "string"){
const err136 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/fingerprint/" + i6,schemaPath:"#/$defs/store/oneOf/0/properties/fingerprint/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[0].properties.fingerprint.items.type,parentSchema:schema46.oneOf[0].properties.fingerprint.items,data:data52};
if(vErrors === null){
vErrors = [err136];
}
else {
vErrors.push(err136);
}
errors++;
}
var valid51 = _errs157 === errors;
}
}
}
else {
const err137 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/fingerprint",schemaPath:"#/$defs/store/oneOf/0/properties/fingerprint/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema46.oneOf[0].properties.fingerprint.type,parentSchema:schema46.oneOf[0].properties.fingerprint,data:data50};
if(vErrors === null){
vErrors = [err137];
}
else {
vErrors.push(err137);
}
errors++;
}
}
}
else {
const err138 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.oneOf[0].type,parentSchema:schema46.oneOf[0],data:data42};
if(vErrors === null){
vErrors = [err138];
}
else {
vErrors.push(err138);
}
errors++;
}
var _valid3 = _errs137 === errors;
if(_valid3){
valid44 = true;
passing3 = 0;
var props3 = true;
}
const _errs159 = errors;
if(data42 && typeof data42 == "object" && !Array.isArray(data42)){
if(data42.backup === undefined){
const err139 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/1/required",keyword:"required",params:{missingProperty: "backup"},message:"must have required property '"+"backup"+"'",schema:schema46.oneOf[1].required,parentSchema:schema46.oneOf[1],data:data42};
if(vErrors === null){
vErrors = [err139];
}
else {
vErrors.push(err139);
}
errors++;
}
if(data42.reason === undefined){
const err140 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/1/required",keyword:"required",params:{missingProperty: "reason"},message:"must have required property '"+"reason"+"'",schema:schema46.oneOf[1].required,parentSchema:schema46.oneOf[1],data:data42};
if(vErrors === null){
vErrors = [err140];
}
else {
vErrors.push(err140);
}
errors++;
}
for(const key19 in data42){
if(!((key19 === "backup") || (key19 === "reason"))){
const err141 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key19},message:"must NOT have additional properties",schema:false,parentSchema:schema46.oneOf[1],data:data42};
if(vErrors === null){
vErrors = [err141];
}
else {
vErrors.push(err141);
}
errors++;
}
}
if(data42.backup !== undefined){
let data53 = data42.backup;
if("skip" !== data53){
const err142 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/backup",schemaPath:"#/$defs/store/oneOf/1/properties/backup/const",keyword:"const",params:{allowedValue: "skip"},message:"must be equal to constant",schema:"skip",parentSchema:schema46.oneOf[1].properties.backup,data:data53};
if(vErrors === null){
vErrors = [err142];
}
else {
vErrors.push(err142);
}
errors++;
}
}
if(data42.reason !== undefined){
let data54 = data42.reason;
if(typeof data54 === "string"){
if(func2(data54) < 1){
const err143 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/reason",schemaPath:"#/$defs/store/oneOf/1/properties/reason/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema46.oneOf[1].properties.reason,data:data54};
if(vErrors === null){
vErrors = [err143];
}
else {
vErrors.push(err143);
}
errors++;
}
}
else {
const err144 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1")+"/reason",schemaPath:"#/$defs/store/oneOf/1/properties/reason/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema46.oneOf[1].properties.reason.type,parentSchema:schema46.oneOf[1].properties.reason,data:data54};
if(vErrors === null){
vErrors = [err144];
}
else {
vErrors.push(err144);
}
errors++;
}
}
}
else {
const err145 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema46.oneOf[1].type,parentSchema:schema46.oneOf[1],data:data42};
if(vErrors === null){
vErrors = [err145];
}
else {
vErrors.push(err145);
}
errors++;
}
var _valid3 = _errs159 === errors;
if(_valid3 && valid44){
valid44 = false;
passing3 = [passing3, 1];
}
else {
if(_valid3){
valid44 = true;
passing3 = 1;
if(props3 !== true){
props3 = true;
}
}
}
if(!valid44){
const err146 = {instancePath:instancePath+"/stores/" + key17.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/store/oneOf",keyword:"oneOf",params:{passingSchemas: passing3},message:"must match exactly one schema in oneOf",schema:schema46.oneOf,parentSchema:schema46,data:data42};
if(vErrors === null){
vErrors = [err146];
}
else {
vErrors.push(err146);
}
errors++;
}
else {
errors = _errs136;
if(vErrors !== null){
if(_errs136){
vErrors.length = _errs136;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err147 = {instancePath:instancePath+"/stores",schemaPath:"#/properties/stores/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.stores.type,parentSchema:schema31.properties.stores,data:data41};
if(vErrors === null){
vErrors = [err147];
}
else {
vErrors.push(err147);
}
errors++;
}
}
if(data.targets !== undefined){
let data55 = data.targets;
if(data55 && typeof data55 == "object" && !Array.isArray(data55)){
if(Object.keys(data55).length < 1){
const err148 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema31.properties.targets,data:data55};
if(vErrors === null){
vErrors = [err148];
}
else {
vErrors.push(err148);
}
errors++;
}
for(const key20 in data55){
const _errs167 = errors;
if(typeof key20 === "string"){
if(!pattern11.test(key20)){
const err149 = {instancePath:instancePath+"/targets",schemaPath:"#/$defs/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",parentSchema:schema43,data:key20,propertyName:key20};
if(vErrors === null){
vErrors = [err149];
}
else {
vErrors.push(err149);
}
errors++;
}
}
else {
const err150 = {instancePath:instancePath+"/targets",schemaPath:"#/$defs/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:key20,propertyName:key20};
if(vErrors === null){
vErrors = [err150];
}
else {
vErrors.push(err150);
}
errors++;
}
var valid53 = _errs167 === errors;
if(!valid53){
const err151 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/propertyNames",keyword:"propertyNames",params:{propertyName: key20},message:"property name must be valid",schema:schema31.properties.targets.propertyNames,parentSchema:schema31.properties.targets,data:data55};
if(vErrors === null){
vErrors = [err151];
}
else {
vErrors.push(err151);
}
errors++;
}
}
for(const key21 in data55){
if(!(validate21(data55[key21], {instancePath:instancePath+"/targets/" + key21.replace(/~/g, "~0").replace(/\//g, "~1"),parentData:data55,parentDataProperty:key21,rootData,dynamicAnchors}))){
vErrors = vErrors === null ? validate21.errors : vErrors.concat(validate21.errors);
errors = vErrors.length;
}
}
}
else {
const err152 = {instancePath:instancePath+"/targets",schemaPath:"#/properties/targets/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.targets.type,parentSchema:schema31.properties.targets,data:data55};
if(vErrors === null){
vErrors = [err152];
}
else {
vErrors.push(err152);
}
errors++;
}
}
if(data.signing !== undefined){
let data57 = data.signing;
if(data57 && typeof data57 == "object" && !Array.isArray(data57)){
if(data57.key === undefined){
const err153 = {instancePath:instancePath+"/signing",schemaPath:"#/properties/signing/required",keyword:"required",params:{missingProperty: "key"},message:"must have required property '"+"key"+"'",schema:schema31.properties.signing.required,parentSchema:schema31.properties.signing,data:data57};
if(vErrors === null){
vErrors = [err153];
}
else {
vErrors.push(err153);
}
errors++;
}
for(const key22 in data57){
if(!(key22 === "key")){
const err154 = {instancePath:instancePath+"/signing",schemaPath:"#/properties/signing/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key22},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.signing,data:data57};
if(vErrors === null){
vErrors = [err154];
}
else {
vErrors.push(err154);
}
errors++;
}
}
if(data57.key !== undefined){
let data58 = data57.key;
const _errs178 = errors;
let valid58 = false;
let passing4 = null;
const _errs179 = errors;
if(data58 && typeof data58 == "object" && !Array.isArray(data58)){
if(data58.env === undefined){
const err155 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/0/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'",schema:schema41.oneOf[0].required,parentSchema:schema41.oneOf[0],data:data58};
if(vErrors === null){
vErrors = [err155];
}
else {
vErrors.push(err155);
}
errors++;
}
for(const key23 in data58){
if(!(key23 === "env")){
const err156 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key23},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[0],data:data58};
if(vErrors === null){
vErrors = [err156];
}
else {
vErrors.push(err156);
}
errors++;
}
}
if(data58.env !== undefined){
let data59 = data58.env;
if(typeof data59 === "string"){
if(!pattern8.test(data59)){
const err157 = {instancePath:instancePath+"/signing/key/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema41.oneOf[0].properties.env,data:data59};
if(vErrors === null){
vErrors = [err157];
}
else {
vErrors.push(err157);
}
errors++;
}
}
else {
const err158 = {instancePath:instancePath+"/signing/key/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[0].properties.env.type,parentSchema:schema41.oneOf[0].properties.env,data:data59};
if(vErrors === null){
vErrors = [err158];
}
else {
vErrors.push(err158);
}
errors++;
}
}
}
else {
const err159 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[0].type,parentSchema:schema41.oneOf[0],data:data58};
if(vErrors === null){
vErrors = [err159];
}
else {
vErrors.push(err159);
}
errors++;
}
var _valid4 = _errs179 === errors;
if(_valid4){
valid58 = true;
passing4 = 0;
var props4 = true;
}
const _errs184 = errors;
if(data58 && typeof data58 == "object" && !Array.isArray(data58)){
if(data58.file === undefined){
const err160 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/1/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema41.oneOf[1].required,parentSchema:schema41.oneOf[1],data:data58};
if(vErrors === null){
vErrors = [err160];
}
else {
vErrors.push(err160);
}
errors++;
}
for(const key24 in data58){
if(!(key24 === "file")){
const err161 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key24},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[1],data:data58};
if(vErrors === null){
vErrors = [err161];
}
else {
vErrors.push(err161);
}
errors++;
}
}
if(data58.file !== undefined){
let data60 = data58.file;
if(typeof data60 === "string"){
if(!pattern9.test(data60)){
const err162 = {instancePath:instancePath+"/signing/key/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema41.oneOf[1].properties.file,data:data60};
if(vErrors === null){
vErrors = [err162];
}
else {
vErrors.push(err162);
}
errors++;
}
}
else {
const err163 = {instancePath:instancePath+"/signing/key/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[1].properties.file.type,parentSchema:schema41.oneOf[1].properties.file,data:data60};
if(vErrors === null){
vErrors = [err163];
}
else {
vErrors.push(err163);
}
errors++;
}
}
}
else {
const err164 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[1].type,parentSchema:schema41.oneOf[1],data:data58};
if(vErrors === null){
vErrors = [err164];
}
else {
vErrors.push(err164);
}
errors++;
}
var _valid4 = _errs184 === errors;
if(_valid4 && valid58){
valid58 = false;
passing4 = [passing4, 1];
}
else {
if(_valid4){
valid58 = true;
passing4 = 1;
if(props4 !== true){
props4 = true;
}
}
const _errs189 = errors;
if(data58 && typeof data58 == "object" && !Array.isArray(data58)){
if(data58.command === undefined){
const err165 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/2/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema41.oneOf[2].required,parentSchema:schema41.oneOf[2],data:data58};
if(vErrors === null){
vErrors = [err165];
}
else {
vErrors.push(err165);
}
errors++;
}
for(const key25 in data58){
if(!((key25 === "command") || (key25 === "timeout"))){
const err166 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key25},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[2],data:data58};
if(vErrors === null){
vErrors = [err166];
}
else {
vErrors.push(err166);
}
errors++;
}
}
if(data58.command !== undefined){
let data61 = data58.command;
if(Array.isArray(data61)){
if(data61.length < 1){
const err167 = {instancePath:instancePath+"/signing/key/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.oneOf[2].properties.command,data:data61};
if(vErrors === null){
vErrors = [err167];
}
else {
vErrors.push(err167);
}
errors++;
}
const len13 = data61.length;
if(len13 > 0){
let data62 = data61[0];
if(typeof data62 === "string"){
if(func2(data62) < 1){
const err168 = {instancePath:instancePath+"/signing/key/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data62};
if(vErrors === null){
vErrors = [err168];
}
else {
vErrors.push(err168);
}
errors++;
}
}
else {
const err169 = {instancePath:instancePath+"/signing/key/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.prefixItems[0].type,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data62};
if(vErrors === null){
vErrors = [err169];
}
else {
vErrors.push(err169);
}
errors++;
}
}
const len14 = data61.length;
var valid63 = len14 <= 1;
if(!valid63){
for(let i7=1; i7<len14; i7++){
let data63 = data61[i7];
const _errs196 = errors;
if(typeof data63 !== "string"){
const err170 = {instancePath:instancePath+"/signing/key/command/" + i7,schemaPath:"#/$defs/secret/oneOf/2/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.items.type,parentSchema:schema41.oneOf[2].properties.command.items,data:data63};
if(vErrors === null){
vErrors = [err170];
}
else {
vErrors.push(err170);
}
errors++;
}
var valid63 = _errs196 === errors;
}
}
}
else {
const err171 = {instancePath:instancePath+"/signing/key/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.oneOf[2].properties.command.type,parentSchema:schema41.oneOf[2].properties.command,data:data61};
if(vErrors === null){
vErrors = [err171];
}
else {
vErrors.push(err171);
}
errors++;
}
}
if(data58.timeout !== undefined){
let data64 = data58.timeout;
if(!(((typeof data64 == "number") && (!(data64 % 1) && !isNaN(data64))) && (isFinite(data64)))){
const err172 = {instancePath:instancePath+"/signing/key/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.oneOf[2].properties.timeout.type,parentSchema:schema41.oneOf[2].properties.timeout,data:data64};
if(vErrors === null){
vErrors = [err172];
}
else {
vErrors.push(err172);
}
errors++;
}
if((typeof data64 == "number") && (isFinite(data64))){
if(data64 > 3600 || isNaN(data64)){
const err173 = {instancePath:instancePath+"/signing/key/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema41.oneOf[2].properties.timeout,data:data64};
if(vErrors === null){
vErrors = [err173];
}
else {
vErrors.push(err173);
}
errors++;
}
if(data64 < 1 || isNaN(data64)){
const err174 = {instancePath:instancePath+"/signing/key/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.oneOf[2].properties.timeout,data:data64};
if(vErrors === null){
vErrors = [err174];
}
else {
vErrors.push(err174);
}
errors++;
}
}
}
}
else {
const err175 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[2].type,parentSchema:schema41.oneOf[2],data:data58};
if(vErrors === null){
vErrors = [err175];
}
else {
vErrors.push(err175);
}
errors++;
}
var _valid4 = _errs189 === errors;
if(_valid4 && valid58){
valid58 = false;
passing4 = [passing4, 2];
}
else {
if(_valid4){
valid58 = true;
passing4 = 2;
if(props4 !== true){
props4 = true;
}
}
const _errs200 = errors;
if(data58 && typeof data58 == "object" && !Array.isArray(data58)){
if(data58.credential === undefined){
const err176 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/3/required",keyword:"required",params:{missingProperty: "credential"},message:"must have required property '"+"credential"+"'",schema:schema41.oneOf[3].required,parentSchema:schema41.oneOf[3],data:data58};
if(vErrors === null){
vErrors = [err176];
}
else {
vErrors.push(err176);
}
errors++;
}
for(const key26 in data58){
if(!(key26 === "credential")){
const err177 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key26},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[3],data:data58};
if(vErrors === null){
vErrors = [err177];
}
else {
vErrors.push(err177);
}
errors++;
}
}
if(data58.credential !== undefined){
let data65 = data58.credential;
if(typeof data65 === "string"){
if(!pattern10.test(data65)){
const err178 = {instancePath:instancePath+"/signing/key/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.@-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.@-]+$"+"\"",schema:"^[A-Za-z0-9_.@-]+$",parentSchema:schema41.oneOf[3].properties.credential,data:data65};
if(vErrors === null){
vErrors = [err178];
}
else {
vErrors.push(err178);
}
errors++;
}
}
else {
const err179 = {instancePath:instancePath+"/signing/key/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[3].properties.credential.type,parentSchema:schema41.oneOf[3].properties.credential,data:data65};
if(vErrors === null){
vErrors = [err179];
}
else {
vErrors.push(err179);
}
errors++;
}
}
}
else {
const err180 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[3].type,parentSchema:schema41.oneOf[3],data:data58};
if(vErrors === null){
vErrors = [err180];
}
else {
vErrors.push(err180);
}
errors++;
}
var _valid4 = _errs200 === errors;
if(_valid4 && valid58){
valid58 = false;
passing4 = [passing4, 3];
}
else {
if(_valid4){
valid58 = true;
passing4 = 3;
if(props4 !== true){
props4 = true;
}
}
}
}
}
if(!valid58){
const err181 = {instancePath:instancePath+"/signing/key",schemaPath:"#/$defs/secret/oneOf",keyword:"oneOf",params:{passingSchemas: passing4},message:"must match exactly one schema in oneOf",schema:schema41.oneOf,parentSchema:schema41,data:data58};
if(vErrors === null){
vErrors = [err181];
}
else {
vErrors.push(err181);
}
errors++;
}
else {
errors = _errs178;
if(vErrors !== null){
if(_errs178){
vErrors.length = _errs178;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err182 = {instancePath:instancePath+"/signing",schemaPath:"#/properties/signing/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.signing.type,parentSchema:schema31.properties.signing,data:data57};
if(vErrors === null){
vErrors = [err182];
}
else {
vErrors.push(err182);
}
errors++;
}
}
if(data.restore !== undefined){
let data66 = data.restore;
if(data66 && typeof data66 == "object" && !Array.isArray(data66)){
if(data66.from === undefined){
const err183 = {instancePath:instancePath+"/restore",schemaPath:"#/properties/restore/required",keyword:"required",params:{missingProperty: "from"},message:"must have required property '"+"from"+"'",schema:schema31.properties.restore.required,parentSchema:schema31.properties.restore,data:data66};
if(vErrors === null){
vErrors = [err183];
}
else {
vErrors.push(err183);
}
errors++;
}
for(const key27 in data66){
if(!((((key27 === "from") || (key27 === "workingDir")) || (key27 === "database")) || (key27 === "overrides"))){
const err184 = {instancePath:instancePath+"/restore",schemaPath:"#/properties/restore/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key27},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.restore,data:data66};
if(vErrors === null){
vErrors = [err184];
}
else {
vErrors.push(err184);
}
errors++;
}
}
if(data66.from !== undefined){
let data67 = data66.from;
if(typeof data67 === "string"){
if(!pattern11.test(data67)){
const err185 = {instancePath:instancePath+"/restore/from",schemaPath:"#/$defs/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$"+"\"",schema:"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$",parentSchema:schema43,data:data67};
if(vErrors === null){
vErrors = [err185];
}
else {
vErrors.push(err185);
}
errors++;
}
}
else {
const err186 = {instancePath:instancePath+"/restore/from",schemaPath:"#/$defs/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema43.type,parentSchema:schema43,data:data67};
if(vErrors === null){
vErrors = [err186];
}
else {
vErrors.push(err186);
}
errors++;
}
}
if(data66.workingDir !== undefined){
let data68 = data66.workingDir;
if(typeof data68 === "string"){
if(func2(data68) < 1){
const err187 = {instancePath:instancePath+"/restore/workingDir",schemaPath:"#/$defs/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data68};
if(vErrors === null){
vErrors = [err187];
}
else {
vErrors.push(err187);
}
errors++;
}
if(!pattern4.test(data68)){
const err188 = {instancePath:instancePath+"/restore/workingDir",schemaPath:"#/$defs/path/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema32,data:data68};
if(vErrors === null){
vErrors = [err188];
}
else {
vErrors.push(err188);
}
errors++;
}
}
else {
const err189 = {instancePath:instancePath+"/restore/workingDir",schemaPath:"#/$defs/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data68};
if(vErrors === null){
vErrors = [err189];
}
else {
vErrors.push(err189);
}
errors++;
}
}
if(data66.database !== undefined){
let data69 = data66.database;
if(data69 && typeof data69 == "object" && !Array.isArray(data69)){
for(const key28 in data69){
if(!(key28 === "admin")){
const err190 = {instancePath:instancePath+"/restore/database",schemaPath:"#/properties/restore/properties/database/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key28},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.restore.properties.database,data:data69};
if(vErrors === null){
vErrors = [err190];
}
else {
vErrors.push(err190);
}
errors++;
}
}
if(data69.admin !== undefined){
let data70 = data69.admin;
if(data70 && typeof data70 == "object" && !Array.isArray(data70)){
if(data70.user === undefined){
const err191 = {instancePath:instancePath+"/restore/database/admin",schemaPath:"#/properties/restore/properties/database/properties/admin/required",keyword:"required",params:{missingProperty: "user"},message:"must have required property '"+"user"+"'",schema:schema31.properties.restore.properties.database.properties.admin.required,parentSchema:schema31.properties.restore.properties.database.properties.admin,data:data70};
if(vErrors === null){
vErrors = [err191];
}
else {
vErrors.push(err191);
}
errors++;
}
for(const key29 in data70){
if(!((key29 === "user") || (key29 === "password"))){
const err192 = {instancePath:instancePath+"/restore/database/admin",schemaPath:"#/properties/restore/properties/database/properties/admin/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key29},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.restore.properties.database.properties.admin,data:data70};
if(vErrors === null){
vErrors = [err192];
}
else {
vErrors.push(err192);
}
errors++;
}
}
if(data70.user !== undefined){
let data71 = data70.user;
if(typeof data71 === "string"){
if(func2(data71) > 80){
const err193 = {instancePath:instancePath+"/restore/database/admin/user",schemaPath:"#/$defs/databaseUser/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema40,data:data71};
if(vErrors === null){
vErrors = [err193];
}
else {
vErrors.push(err193);
}
errors++;
}
if(func2(data71) < 1){
const err194 = {instancePath:instancePath+"/restore/database/admin/user",schemaPath:"#/$defs/databaseUser/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema40,data:data71};
if(vErrors === null){
vErrors = [err194];
}
else {
vErrors.push(err194);
}
errors++;
}
}
else {
const err195 = {instancePath:instancePath+"/restore/database/admin/user",schemaPath:"#/$defs/databaseUser/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.type,parentSchema:schema40,data:data71};
if(vErrors === null){
vErrors = [err195];
}
else {
vErrors.push(err195);
}
errors++;
}
}
if(data70.password !== undefined){
let data72 = data70.password;
const _errs226 = errors;
let valid72 = false;
let passing5 = null;
const _errs227 = errors;
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
if(data72.env === undefined){
const err196 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/0/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'",schema:schema41.oneOf[0].required,parentSchema:schema41.oneOf[0],data:data72};
if(vErrors === null){
vErrors = [err196];
}
else {
vErrors.push(err196);
}
errors++;
}
for(const key30 in data72){
if(!(key30 === "env")){
const err197 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key30},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[0],data:data72};
if(vErrors === null){
vErrors = [err197];
}
else {
vErrors.push(err197);
}
errors++;
}
}
if(data72.env !== undefined){
let data73 = data72.env;
if(typeof data73 === "string"){
if(!pattern8.test(data73)){
const err198 = {instancePath:instancePath+"/restore/database/admin/password/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema41.oneOf[0].properties.env,data:data73};
if(vErrors === null){
vErrors = [err198];
}
else {
vErrors.push(err198);
}
errors++;
}
}
else {
const err199 = {instancePath:instancePath+"/restore/database/admin/password/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[0].properties.env.type,parentSchema:schema41.oneOf[0].properties.env,data:data73};
if(vErrors === null){
vErrors = [err199];
}
else {
vErrors.push(err199);
}
errors++;
}
}
}
else {
const err200 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[0].type,parentSchema:schema41.oneOf[0],data:data72};
if(vErrors === null){
vErrors = [err200];
}
else {
vErrors.push(err200);
}
errors++;
}
var _valid5 = _errs227 === errors;
if(_valid5){
valid72 = true;
passing5 = 0;
var props5 = true;
}
const _errs232 = errors;
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
if(data72.file === undefined){
const err201 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/1/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema41.oneOf[1].required,parentSchema:schema41.oneOf[1],data:data72};
if(vErrors === null){
vErrors = [err201];
}
else {
vErrors.push(err201);
}
errors++;
}
for(const key31 in data72){
if(!(key31 === "file")){
const err202 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key31},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[1],data:data72};
if(vErrors === null){
vErrors = [err202];
}
else {
vErrors.push(err202);
}
errors++;
}
}
if(data72.file !== undefined){
let data74 = data72.file;
if(typeof data74 === "string"){
if(!pattern9.test(data74)){
const err203 = {instancePath:instancePath+"/restore/database/admin/password/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema41.oneOf[1].properties.file,data:data74};
if(vErrors === null){
vErrors = [err203];
}
else {
vErrors.push(err203);
}
errors++;
}
}
else {
const err204 = {instancePath:instancePath+"/restore/database/admin/password/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[1].properties.file.type,parentSchema:schema41.oneOf[1].properties.file,data:data74};
if(vErrors === null){
vErrors = [err204];
}
else {
vErrors.push(err204);
}
errors++;
}
}
}
else {
const err205 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[1].type,parentSchema:schema41.oneOf[1],data:data72};
if(vErrors === null){
vErrors = [err205];
}
else {
vErrors.push(err205);
}
errors++;
}
var _valid5 = _errs232 === errors;
if(_valid5 && valid72){
valid72 = false;
passing5 = [passing5, 1];
}
else {
if(_valid5){
valid72 = true;
passing5 = 1;
if(props5 !== true){
props5 = true;
}
}
const _errs237 = errors;
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
if(data72.command === undefined){
const err206 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/2/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema41.oneOf[2].required,parentSchema:schema41.oneOf[2],data:data72};
if(vErrors === null){
vErrors = [err206];
}
else {
vErrors.push(err206);
}
errors++;
}
for(const key32 in data72){
if(!((key32 === "command") || (key32 === "timeout"))){
const err207 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key32},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[2],data:data72};
if(vErrors === null){
vErrors = [err207];
}
else {
vErrors.push(err207);
}
errors++;
}
}
if(data72.command !== undefined){
let data75 = data72.command;
if(Array.isArray(data75)){
if(data75.length < 1){
const err208 = {instancePath:instancePath+"/restore/database/admin/password/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.oneOf[2].properties.command,data:data75};
if(vErrors === null){
vErrors = [err208];
}
else {
vErrors.push(err208);
}
errors++;
}
const len15 = data75.length;
if(len15 > 0){
let data76 = data75[0];
if(typeof data76 === "string"){
if(func2(data76) < 1){
const err209 = {instancePath:instancePath+"/restore/database/admin/password/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data76};
if(vErrors === null){
vErrors = [err209];
}
else {
vErrors.push(err209);
}
errors++;
}
}
else {
const err210 = {instancePath:instancePath+"/restore/database/admin/password/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.prefixItems[0].type,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data76};
if(vErrors === null){
vErrors = [err210];
}
else {
vErrors.push(err210);
}
errors++;
}
}
const len16 = data75.length;
var valid77 = len16 <= 1;
if(!valid77){
for(let i8=1; i8<len16; i8++){
let data77 = data75[i8];
const _errs244 = errors;
if(typeof data77 !== "string"){
const err211 = {instancePath:instancePath+"/restore/database/admin/password/command/" + i8,schemaPath:"#/$defs/secret/oneOf/2/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.items.type,parentSchema:schema41.oneOf[2].properties.command.items,data:data77};
if(vErrors === null){
vErrors = [err211];
}
else {
vErrors.push(err211);
}
errors++;
}
var valid77 = _errs244 === errors;
}
}
}
else {
const err212 = {instancePath:instancePath+"/restore/database/admin/password/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.oneOf[2].properties.command.type,parentSchema:schema41.oneOf[2].properties.command,data:data75};
if(vErrors === null){
vErrors = [err212];
}
else {
vErrors.push(err212);
}
errors++;
}
}
if(data72.timeout !== undefined){
let data78 = data72.timeout;
if(!(((typeof data78 == "number") && (!(data78 % 1) && !isNaN(data78))) && (isFinite(data78)))){
const err213 = {instancePath:instancePath+"/restore/database/admin/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.oneOf[2].properties.timeout.type,parentSchema:schema41.oneOf[2].properties.timeout,data:data78};
if(vErrors === null){
vErrors = [err213];
}
else {
vErrors.push(err213);
}
errors++;
}
if((typeof data78 == "number") && (isFinite(data78))){
if(data78 > 3600 || isNaN(data78)){
const err214 = {instancePath:instancePath+"/restore/database/admin/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema41.oneOf[2].properties.timeout,data:data78};
if(vErrors === null){
vErrors = [err214];
}
else {
vErrors.push(err214);
}
errors++;
}
if(data78 < 1 || isNaN(data78)){
const err215 = {instancePath:instancePath+"/restore/database/admin/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.oneOf[2].properties.timeout,data:data78};
if(vErrors === null){
vErrors = [err215];
}
else {
vErrors.push(err215);
}
errors++;
}
}
}
}
else {
const err216 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[2].type,parentSchema:schema41.oneOf[2],data:data72};
if(vErrors === null){
vErrors = [err216];
}
else {
vErrors.push(err216);
}
errors++;
}
var _valid5 = _errs237 === errors;
if(_valid5 && valid72){
valid72 = false;
passing5 = [passing5, 2];
}
else {
if(_valid5){
valid72 = true;
passing5 = 2;
if(props5 !== true){
props5 = true;
}
}
const _errs248 = errors;
if(data72 && typeof data72 == "object" && !Array.isArray(data72)){
if(data72.credential === undefined){
const err217 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/3/required",keyword:"required",params:{missingProperty: "credential"},message:"must have required property '"+"credential"+"'",schema:schema41.oneOf[3].required,parentSchema:schema41.oneOf[3],data:data72};
if(vErrors === null){
vErrors = [err217];
}
else {
vErrors.push(err217);
}
errors++;
}
for(const key33 in data72){
if(!(key33 === "credential")){
const err218 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key33},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[3],data:data72};
if(vErrors === null){
vErrors = [err218];
}
else {
vErrors.push(err218);
}
errors++;
}
}
if(data72.credential !== undefined){
let data79 = data72.credential;
if(typeof data79 === "string"){
if(!pattern10.test(data79)){
const err219 = {instancePath:instancePath+"/restore/database/admin/password/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.@-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.@-]+$"+"\"",schema:"^[A-Za-z0-9_.@-]+$",parentSchema:schema41.oneOf[3].properties.credential,data:data79};
if(vErrors === null){
vErrors = [err219];
}
else {
vErrors.push(err219);
}
errors++;
}
}
else {
const err220 = {instancePath:instancePath+"/restore/database/admin/password/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[3].properties.credential.type,parentSchema:schema41.oneOf[3].properties.credential,data:data79};
if(vErrors === null){
vErrors = [err220];
}
else {
vErrors.push(err220);
}
errors++;
}
}
}
else {
const err221 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[3].type,parentSchema:schema41.oneOf[3],data:data72};
if(vErrors === null){
vErrors = [err221];
}
else {
vErrors.push(err221);
}
errors++;
}
var _valid5 = _errs248 === errors;
if(_valid5 && valid72){
valid72 = false;
passing5 = [passing5, 3];
}
else {
if(_valid5){
valid72 = true;
passing5 = 3;
if(props5 !== true){
props5 = true;
}
}
}
}
}
if(!valid72){
const err222 = {instancePath:instancePath+"/restore/database/admin/password",schemaPath:"#/$defs/secret/oneOf",keyword:"oneOf",params:{passingSchemas: passing5},message:"must match exactly one schema in oneOf",schema:schema41.oneOf,parentSchema:schema41,data:data72};
if(vErrors === null){
vErrors = [err222];
}
else {
vErrors.push(err222);
}
errors++;
}
else {
errors = _errs226;
if(vErrors !== null){
if(_errs226){
vErrors.length = _errs226;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err223 = {instancePath:instancePath+"/restore/database/admin",schemaPath:"#/properties/restore/properties/database/properties/admin/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.restore.properties.database.properties.admin.type,parentSchema:schema31.properties.restore.properties.database.properties.admin,data:data70};
if(vErrors === null){
vErrors = [err223];
}
else {
vErrors.push(err223);
}
errors++;
}
}
}
else {
const err224 = {instancePath:instancePath+"/restore/database",schemaPath:"#/properties/restore/properties/database/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.restore.properties.database.type,parentSchema:schema31.properties.restore.properties.database,data:data69};
if(vErrors === null){
vErrors = [err224];
}
else {
vErrors.push(err224);
}
errors++;
}
}
if(data66.overrides !== undefined){
let data80 = data66.overrides;
if(data80 && typeof data80 == "object" && !Array.isArray(data80)){
for(const key34 in data80){
if(!((((key34 === "hostname") || (key34 === "publicUrl")) || (key34 === "database")) || (key34 === "paths"))){
const err225 = {instancePath:instancePath+"/restore/overrides",schemaPath:"#/properties/restore/properties/overrides/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key34},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.restore.properties.overrides,data:data80};
if(vErrors === null){
vErrors = [err225];
}
else {
vErrors.push(err225);
}
errors++;
}
}
if(data80.hostname !== undefined){
let data81 = data80.hostname;
if(typeof data81 === "string"){
if(!pattern6.test(data81)){
const err226 = {instancePath:instancePath+"/restore/overrides/hostname",schemaPath:"#/$defs/host/pattern",keyword:"pattern",params:{pattern: "^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"},message:"must match pattern \""+"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"+"\"",schema:"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$",parentSchema:schema37,data:data81};
if(vErrors === null){
vErrors = [err226];
}
else {
vErrors.push(err226);
}
errors++;
}
}
else {
const err227 = {instancePath:instancePath+"/restore/overrides/hostname",schemaPath:"#/$defs/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data81};
if(vErrors === null){
vErrors = [err227];
}
else {
vErrors.push(err227);
}
errors++;
}
}
if(data80.publicUrl !== undefined){
let data82 = data80.publicUrl;
if(typeof data82 === "string"){
if(!pattern26.test(data82)){
const err228 = {instancePath:instancePath+"/restore/overrides/publicUrl",schemaPath:"#/properties/restore/properties/overrides/properties/publicUrl/pattern",keyword:"pattern",params:{pattern: "^https?://[^\\s/]+(/\\S*)?$"},message:"must match pattern \""+"^https?://[^\\s/]+(/\\S*)?$"+"\"",schema:"^https?://[^\\s/]+(/\\S*)?$",parentSchema:schema31.properties.restore.properties.overrides.properties.publicUrl,data:data82};
if(vErrors === null){
vErrors = [err228];
}
else {
vErrors.push(err228);
}
errors++;
}
}
else {
const err229 = {instancePath:instancePath+"/restore/overrides/publicUrl",schemaPath:"#/properties/restore/properties/overrides/properties/publicUrl/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema31.properties.restore.properties.overrides.properties.publicUrl.type,parentSchema:schema31.properties.restore.properties.overrides.properties.publicUrl,data:data82};
if(vErrors === null){
vErrors = [err229];
}
else {
vErrors.push(err229);
}
errors++;
}
}
if(data80.database !== undefined){
let data83 = data80.database;
if(data83 && typeof data83 == "object" && !Array.isArray(data83)){
if(Object.keys(data83).length < 1){
const err230 = {instancePath:instancePath+"/restore/overrides/database",schemaPath:"#/properties/restore/properties/overrides/properties/database/minProperties",keyword:"minProperties",params:{limit: 1},message:"must NOT have fewer than 1 properties",schema:1,parentSchema:schema31.properties.restore.properties.overrides.properties.database,data:data83};
if(vErrors === null){
vErrors = [err230];
}
else {
vErrors.push(err230);
}
errors++;
}
for(const key35 in data83){
if(!((((((key35 === "host") || (key35 === "port")) || (key35 === "socket")) || (key35 === "name")) || (key35 === "user")) || (key35 === "password"))){
const err231 = {instancePath:instancePath+"/restore/overrides/database",schemaPath:"#/properties/restore/properties/overrides/properties/database/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key35},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.restore.properties.overrides.properties.database,data:data83};
if(vErrors === null){
vErrors = [err231];
}
else {
vErrors.push(err231);
}
errors++;
}
}
if(data83.host !== undefined){
let data84 = data83.host;
if(typeof data84 === "string"){
if(!pattern6.test(data84)){
const err232 = {instancePath:instancePath+"/restore/overrides/database/host",schemaPath:"#/$defs/host/pattern",keyword:"pattern",params:{pattern: "^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"},message:"must match pattern \""+"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$"+"\"",schema:"^[^\\s/:]+$|^\\[[0-9A-Fa-f:.]+\\]$|^[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*$",parentSchema:schema37,data:data84};
if(vErrors === null){
vErrors = [err232];
}
else {
vErrors.push(err232);
}
errors++;
}
}
else {
const err233 = {instancePath:instancePath+"/restore/overrides/database/host",schemaPath:"#/$defs/host/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema37.type,parentSchema:schema37,data:data84};
if(vErrors === null){
vErrors = [err233];
}
else {
vErrors.push(err233);
}
errors++;
}
}
if(data83.port !== undefined){
let data85 = data83.port;
if(!(((typeof data85 == "number") && (!(data85 % 1) && !isNaN(data85))) && (isFinite(data85)))){
const err234 = {instancePath:instancePath+"/restore/overrides/database/port",schemaPath:"#/$defs/port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema38.type,parentSchema:schema38,data:data85};
if(vErrors === null){
vErrors = [err234];
}
else {
vErrors.push(err234);
}
errors++;
}
if((typeof data85 == "number") && (isFinite(data85))){
if(data85 > 65535 || isNaN(data85)){
const err235 = {instancePath:instancePath+"/restore/overrides/database/port",schemaPath:"#/$defs/port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema38,data:data85};
if(vErrors === null){
vErrors = [err235];
}
else {
vErrors.push(err235);
}
errors++;
}
if(data85 < 1 || isNaN(data85)){
const err236 = {instancePath:instancePath+"/restore/overrides/database/port",schemaPath:"#/$defs/port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema38,data:data85};
if(vErrors === null){
vErrors = [err236];
}
else {
vErrors.push(err236);
}
errors++;
}
}
}
if(data83.socket !== undefined){
let data86 = data83.socket;
if(typeof data86 === "string"){
if(func2(data86) < 1){
const err237 = {instancePath:instancePath+"/restore/overrides/database/socket",schemaPath:"#/$defs/path/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema32,data:data86};
if(vErrors === null){
vErrors = [err237];
}
else {
vErrors.push(err237);
}
errors++;
}
if(!pattern4.test(data86)){
const err238 = {instancePath:instancePath+"/restore/overrides/database/socket",schemaPath:"#/$defs/path/pattern",keyword:"pattern",params:{pattern: "^[^~]"},message:"must match pattern \""+"^[^~]"+"\"",schema:"^[^~]",parentSchema:schema32,data:data86};
if(vErrors === null){
vErrors = [err238];
}
else {
vErrors.push(err238);
}
errors++;
}
}
else {
const err239 = {instancePath:instancePath+"/restore/overrides/database/socket",schemaPath:"#/$defs/path/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.type,parentSchema:schema32,data:data86};
if(vErrors === null){
vErrors = [err239];
}
else {
vErrors.push(err239);
}
errors++;
}
}
if(data83.name !== undefined){
let data87 = data83.name;
if(typeof data87 === "string"){
if(func2(data87) > 64){
const err240 = {instancePath:instancePath+"/restore/overrides/database/name",schemaPath:"#/$defs/databaseName/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema42,data:data87};
if(vErrors === null){
vErrors = [err240];
}
else {
vErrors.push(err240);
}
errors++;
}
if(func2(data87) < 1){
const err241 = {instancePath:instancePath+"/restore/overrides/database/name",schemaPath:"#/$defs/databaseName/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema42,data:data87};
if(vErrors === null){
vErrors = [err241];
}
else {
vErrors.push(err241);
}
errors++;
}
}
else {
const err242 = {instancePath:instancePath+"/restore/overrides/database/name",schemaPath:"#/$defs/databaseName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema42.type,parentSchema:schema42,data:data87};
if(vErrors === null){
vErrors = [err242];
}
else {
vErrors.push(err242);
}
errors++;
}
}
if(data83.user !== undefined){
let data88 = data83.user;
if(typeof data88 === "string"){
if(func2(data88) > 80){
const err243 = {instancePath:instancePath+"/restore/overrides/database/user",schemaPath:"#/$defs/databaseUser/maxLength",keyword:"maxLength",params:{limit: 80},message:"must NOT have more than 80 characters",schema:80,parentSchema:schema40,data:data88};
if(vErrors === null){
vErrors = [err243];
}
else {
vErrors.push(err243);
}
errors++;
}
if(func2(data88) < 1){
const err244 = {instancePath:instancePath+"/restore/overrides/database/user",schemaPath:"#/$defs/databaseUser/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema40,data:data88};
if(vErrors === null){
vErrors = [err244];
}
else {
vErrors.push(err244);
}
errors++;
}
}
else {
const err245 = {instancePath:instancePath+"/restore/overrides/database/user",schemaPath:"#/$defs/databaseUser/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema40.type,parentSchema:schema40,data:data88};
if(vErrors === null){
vErrors = [err245];
}
else {
vErrors.push(err245);
}
errors++;
}
}
if(data83.password !== undefined){
let data89 = data83.password;
const _errs282 = errors;
let valid88 = false;
let passing6 = null;
const _errs283 = errors;
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
if(data89.env === undefined){
const err246 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/0/required",keyword:"required",params:{missingProperty: "env"},message:"must have required property '"+"env"+"'",schema:schema41.oneOf[0].required,parentSchema:schema41.oneOf[0],data:data89};
if(vErrors === null){
vErrors = [err246];
}
else {
vErrors.push(err246);
}
errors++;
}
for(const key36 in data89){
if(!(key36 === "env")){
const err247 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/0/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key36},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[0],data:data89};
if(vErrors === null){
vErrors = [err247];
}
else {
vErrors.push(err247);
}
errors++;
}
}
if(data89.env !== undefined){
let data90 = data89.env;
if(typeof data90 === "string"){
if(!pattern8.test(data90)){
const err248 = {instancePath:instancePath+"/restore/overrides/database/password/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z_][A-Za-z0-9_]*$"},message:"must match pattern \""+"^[A-Za-z_][A-Za-z0-9_]*$"+"\"",schema:"^[A-Za-z_][A-Za-z0-9_]*$",parentSchema:schema41.oneOf[0].properties.env,data:data90};
if(vErrors === null){
vErrors = [err248];
}
else {
vErrors.push(err248);
}
errors++;
}
}
else {
const err249 = {instancePath:instancePath+"/restore/overrides/database/password/env",schemaPath:"#/$defs/secret/oneOf/0/properties/env/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[0].properties.env.type,parentSchema:schema41.oneOf[0].properties.env,data:data90};
if(vErrors === null){
vErrors = [err249];
}
else {
vErrors.push(err249);
}
errors++;
}
}
}
else {
const err250 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/0/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[0].type,parentSchema:schema41.oneOf[0],data:data89};
if(vErrors === null){
vErrors = [err250];
}
else {
vErrors.push(err250);
}
errors++;
}
var _valid6 = _errs283 === errors;
if(_valid6){
valid88 = true;
passing6 = 0;
var props6 = true;
}
const _errs288 = errors;
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
if(data89.file === undefined){
const err251 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/1/required",keyword:"required",params:{missingProperty: "file"},message:"must have required property '"+"file"+"'",schema:schema41.oneOf[1].required,parentSchema:schema41.oneOf[1],data:data89};
if(vErrors === null){
vErrors = [err251];
}
else {
vErrors.push(err251);
}
errors++;
}
for(const key37 in data89){
if(!(key37 === "file")){
const err252 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/1/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key37},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[1],data:data89};
if(vErrors === null){
vErrors = [err252];
}
else {
vErrors.push(err252);
}
errors++;
}
}
if(data89.file !== undefined){
let data91 = data89.file;
if(typeof data91 === "string"){
if(!pattern9.test(data91)){
const err253 = {instancePath:instancePath+"/restore/overrides/database/password/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema41.oneOf[1].properties.file,data:data91};
if(vErrors === null){
vErrors = [err253];
}
else {
vErrors.push(err253);
}
errors++;
}
}
else {
const err254 = {instancePath:instancePath+"/restore/overrides/database/password/file",schemaPath:"#/$defs/secret/oneOf/1/properties/file/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[1].properties.file.type,parentSchema:schema41.oneOf[1].properties.file,data:data91};
if(vErrors === null){
vErrors = [err254];
}
else {
vErrors.push(err254);
}
errors++;
}
}
}
else {
const err255 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/1/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[1].type,parentSchema:schema41.oneOf[1],data:data89};
if(vErrors === null){
vErrors = [err255];
}
else {
vErrors.push(err255);
}
errors++;
}
var _valid6 = _errs288 === errors;
if(_valid6 && valid88){
valid88 = false;
passing6 = [passing6, 1];
}
else {
if(_valid6){
valid88 = true;
passing6 = 1;
if(props6 !== true){
props6 = true;
}
}
const _errs293 = errors;
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
if(data89.command === undefined){
const err256 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/2/required",keyword:"required",params:{missingProperty: "command"},message:"must have required property '"+"command"+"'",schema:schema41.oneOf[2].required,parentSchema:schema41.oneOf[2],data:data89};
if(vErrors === null){
vErrors = [err256];
}
else {
vErrors.push(err256);
}
errors++;
}
for(const key38 in data89){
if(!((key38 === "command") || (key38 === "timeout"))){
const err257 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/2/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key38},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[2],data:data89};
if(vErrors === null){
vErrors = [err257];
}
else {
vErrors.push(err257);
}
errors++;
}
}
if(data89.command !== undefined){
let data92 = data89.command;
if(Array.isArray(data92)){
if(data92.length < 1){
const err258 = {instancePath:instancePath+"/restore/overrides/database/password/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema41.oneOf[2].properties.command,data:data92};
if(vErrors === null){
vErrors = [err258];
}
else {
vErrors.push(err258);
}
errors++;
}
const len17 = data92.length;
if(len17 > 0){
let data93 = data92[0];
if(typeof data93 === "string"){
if(func2(data93) < 1){
const err259 = {instancePath:instancePath+"/restore/overrides/database/password/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data93};
if(vErrors === null){
vErrors = [err259];
}
else {
vErrors.push(err259);
}
errors++;
}
}
else {
const err260 = {instancePath:instancePath+"/restore/overrides/database/password/command/0",schemaPath:"#/$defs/secret/oneOf/2/properties/command/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.prefixItems[0].type,parentSchema:schema41.oneOf[2].properties.command.prefixItems[0],data:data93};
if(vErrors === null){
vErrors = [err260];
}
else {
vErrors.push(err260);
}
errors++;
}
}
const len18 = data92.length;
var valid93 = len18 <= 1;
if(!valid93){
for(let i9=1; i9<len18; i9++){
let data94 = data92[i9];
const _errs300 = errors;
if(typeof data94 !== "string"){
const err261 = {instancePath:instancePath+"/restore/overrides/database/password/command/" + i9,schemaPath:"#/$defs/secret/oneOf/2/properties/command/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[2].properties.command.items.type,parentSchema:schema41.oneOf[2].properties.command.items,data:data94};
if(vErrors === null){
vErrors = [err261];
}
else {
vErrors.push(err261);
}
errors++;
}
var valid93 = _errs300 === errors;
}
}
}
else {
const err262 = {instancePath:instancePath+"/restore/overrides/database/password/command",schemaPath:"#/$defs/secret/oneOf/2/properties/command/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema41.oneOf[2].properties.command.type,parentSchema:schema41.oneOf[2].properties.command,data:data92};
if(vErrors === null){
vErrors = [err262];
}
else {
vErrors.push(err262);
}
errors++;
}
}
if(data89.timeout !== undefined){
let data95 = data89.timeout;
if(!(((typeof data95 == "number") && (!(data95 % 1) && !isNaN(data95))) && (isFinite(data95)))){
const err263 = {instancePath:instancePath+"/restore/overrides/database/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema41.oneOf[2].properties.timeout.type,parentSchema:schema41.oneOf[2].properties.timeout,data:data95};
if(vErrors === null){
vErrors = [err263];
}
else {
vErrors.push(err263);
}
errors++;
}
if((typeof data95 == "number") && (isFinite(data95))){
if(data95 > 3600 || isNaN(data95)){
const err264 = {instancePath:instancePath+"/restore/overrides/database/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/maximum",keyword:"maximum",params:{comparison: "<=", limit: 3600},message:"must be <= 3600",schema:3600,parentSchema:schema41.oneOf[2].properties.timeout,data:data95};
if(vErrors === null){
vErrors = [err264];
}
else {
vErrors.push(err264);
}
errors++;
}
if(data95 < 1 || isNaN(data95)){
const err265 = {instancePath:instancePath+"/restore/overrides/database/password/timeout",schemaPath:"#/$defs/secret/oneOf/2/properties/timeout/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema41.oneOf[2].properties.timeout,data:data95};
if(vErrors === null){
vErrors = [err265];
}
else {
vErrors.push(err265);
}
errors++;
}
}
}
}
else {
const err266 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/2/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[2].type,parentSchema:schema41.oneOf[2],data:data89};
if(vErrors === null){
vErrors = [err266];
}
else {
vErrors.push(err266);
}
errors++;
}
var _valid6 = _errs293 === errors;
if(_valid6 && valid88){
valid88 = false;
passing6 = [passing6, 2];
}
else {
if(_valid6){
valid88 = true;
passing6 = 2;
if(props6 !== true){
props6 = true;
}
}
const _errs304 = errors;
if(data89 && typeof data89 == "object" && !Array.isArray(data89)){
if(data89.credential === undefined){
const err267 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/3/required",keyword:"required",params:{missingProperty: "credential"},message:"must have required property '"+"credential"+"'",schema:schema41.oneOf[3].required,parentSchema:schema41.oneOf[3],data:data89};
if(vErrors === null){
vErrors = [err267];
}
else {
vErrors.push(err267);
}
errors++;
}
for(const key39 in data89){
if(!(key39 === "credential")){
const err268 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/3/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key39},message:"must NOT have additional properties",schema:false,parentSchema:schema41.oneOf[3],data:data89};
if(vErrors === null){
vErrors = [err268];
}
else {
vErrors.push(err268);
}
errors++;
}
}
if(data89.credential !== undefined){
let data96 = data89.credential;
if(typeof data96 === "string"){
if(!pattern10.test(data96)){
const err269 = {instancePath:instancePath+"/restore/overrides/database/password/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_.@-]+$"},message:"must match pattern \""+"^[A-Za-z0-9_.@-]+$"+"\"",schema:"^[A-Za-z0-9_.@-]+$",parentSchema:schema41.oneOf[3].properties.credential,data:data96};
if(vErrors === null){
vErrors = [err269];
}
else {
vErrors.push(err269);
}
errors++;
}
}
else {
const err270 = {instancePath:instancePath+"/restore/overrides/database/password/credential",schemaPath:"#/$defs/secret/oneOf/3/properties/credential/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.oneOf[3].properties.credential.type,parentSchema:schema41.oneOf[3].properties.credential,data:data96};
if(vErrors === null){
vErrors = [err270];
}
else {
vErrors.push(err270);
}
errors++;
}
}
}
else {
const err271 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf/3/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema41.oneOf[3].type,parentSchema:schema41.oneOf[3],data:data89};
if(vErrors === null){
vErrors = [err271];
}
else {
vErrors.push(err271);
}
errors++;
}
var _valid6 = _errs304 === errors;
if(_valid6 && valid88){
valid88 = false;
passing6 = [passing6, 3];
}
else {
if(_valid6){
valid88 = true;
passing6 = 3;
if(props6 !== true){
props6 = true;
}
}
}
}
}
if(!valid88){
const err272 = {instancePath:instancePath+"/restore/overrides/database/password",schemaPath:"#/$defs/secret/oneOf",keyword:"oneOf",params:{passingSchemas: passing6},message:"must match exactly one schema in oneOf",schema:schema41.oneOf,parentSchema:schema41,data:data89};
if(vErrors === null){
vErrors = [err272];
}
else {
vErrors.push(err272);
}
errors++;
}
else {
errors = _errs282;
if(vErrors !== null){
if(_errs282){
vErrors.length = _errs282;
}
else {
vErrors = null;
}
}
}
}
}
else {
const err273 = {instancePath:instancePath+"/restore/overrides/database",schemaPath:"#/properties/restore/properties/overrides/properties/database/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.restore.properties.overrides.properties.database.type,parentSchema:schema31.properties.restore.properties.overrides.properties.database,data:data83};
if(vErrors === null){
vErrors = [err273];
}
else {
vErrors.push(err273);
}
errors++;
}
}
if(data80.paths !== undefined){
let data97 = data80.paths;
if(data97 && typeof data97 == "object" && !Array.isArray(data97)){
for(const key40 in data97){
const _errs311 = errors;
if(typeof key40 === "string"){
if(!pattern9.test(key40)){
const err274 = {instancePath:instancePath+"/restore/overrides/paths",schemaPath:"#/$defs/absolutePath/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema68,data:key40,propertyName:key40};
if(vErrors === null){
vErrors = [err274];
}
else {
vErrors.push(err274);
}
errors++;
}
}
else {
const err275 = {instancePath:instancePath+"/restore/overrides/paths",schemaPath:"#/$defs/absolutePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.type,parentSchema:schema68,data:key40,propertyName:key40};
if(vErrors === null){
vErrors = [err275];
}
else {
vErrors.push(err275);
}
errors++;
}
var valid95 = _errs311 === errors;
if(!valid95){
const err276 = {instancePath:instancePath+"/restore/overrides/paths",schemaPath:"#/properties/restore/properties/overrides/properties/paths/propertyNames",keyword:"propertyNames",params:{propertyName: key40},message:"property name must be valid",schema:schema31.properties.restore.properties.overrides.properties.paths.propertyNames,parentSchema:schema31.properties.restore.properties.overrides.properties.paths,data:data97};
if(vErrors === null){
vErrors = [err276];
}
else {
vErrors.push(err276);
}
errors++;
}
}
for(const key41 in data97){
let data98 = data97[key41];
if(typeof data98 === "string"){
if(!pattern9.test(data98)){
const err277 = {instancePath:instancePath+"/restore/overrides/paths/" + key41.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/absolutePath/pattern",keyword:"pattern",params:{pattern: "^/"},message:"must match pattern \""+"^/"+"\"",schema:"^/",parentSchema:schema68,data:data98};
if(vErrors === null){
vErrors = [err277];
}
else {
vErrors.push(err277);
}
errors++;
}
}
else {
const err278 = {instancePath:instancePath+"/restore/overrides/paths/" + key41.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/$defs/absolutePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema68.type,parentSchema:schema68,data:data98};
if(vErrors === null){
vErrors = [err278];
}
else {
vErrors.push(err278);
}
errors++;
}
}
}
else {
const err279 = {instancePath:instancePath+"/restore/overrides/paths",schemaPath:"#/properties/restore/properties/overrides/properties/paths/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.restore.properties.overrides.properties.paths.type,parentSchema:schema31.properties.restore.properties.overrides.properties.paths,data:data97};
if(vErrors === null){
vErrors = [err279];
}
else {
vErrors.push(err279);
}
errors++;
}
}
}
else {
const err280 = {instancePath:instancePath+"/restore/overrides",schemaPath:"#/properties/restore/properties/overrides/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.restore.properties.overrides.type,parentSchema:schema31.properties.restore.properties.overrides,data:data80};
if(vErrors === null){
vErrors = [err280];
}
else {
vErrors.push(err280);
}
errors++;
}
}
}
else {
const err281 = {instancePath:instancePath+"/restore",schemaPath:"#/properties/restore/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.restore.type,parentSchema:schema31.properties.restore,data:data66};
if(vErrors === null){
vErrors = [err281];
}
else {
vErrors.push(err281);
}
errors++;
}
}
if(data.hooks !== undefined){
let data99 = data.hooks;
if(data99 && typeof data99 == "object" && !Array.isArray(data99)){
for(const key42 in data99){
if(!((((key42 === "before") || (key42 === "after")) || (key42 === "onSuccess")) || (key42 === "onFailure"))){
const err282 = {instancePath:instancePath+"/hooks",schemaPath:"#/properties/hooks/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key42},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.hooks,data:data99};
if(vErrors === null){
vErrors = [err282];
}
else {
vErrors.push(err282);
}
errors++;
}
}
if(data99.before !== undefined){
let data100 = data99.before;
if(Array.isArray(data100)){
if(data100.length < 1){
const err283 = {instancePath:instancePath+"/hooks/before",schemaPath:"#/$defs/argv/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33,data:data100};
if(vErrors === null){
vErrors = [err283];
}
else {
vErrors.push(err283);
}
errors++;
}
const len19 = data100.length;
if(len19 > 0){
let data101 = data100[0];
if(typeof data101 === "string"){
if(func2(data101) < 1){
const err284 = {instancePath:instancePath+"/hooks/before/0",schemaPath:"#/$defs/argv/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.prefixItems[0],data:data101};
if(vErrors === null){
vErrors = [err284];
}
else {
vErrors.push(err284);
}
errors++;
}
}
else {
const err285 = {instancePath:instancePath+"/hooks/before/0",schemaPath:"#/$defs/argv/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.prefixItems[0].type,parentSchema:schema33.prefixItems[0],data:data101};
if(vErrors === null){
vErrors = [err285];
}
else {
vErrors.push(err285);
}
errors++;
}
}
const len20 = data100.length;
var valid102 = len20 <= 1;
if(!valid102){
for(let i10=1; i10<len20; i10++){
let data102 = data100[i10];
const _errs326 = errors;
if(typeof data102 !== "string"){
const err286 = {instancePath:instancePath+"/hooks/before/" + i10,schemaPath:"#/$defs/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.items.type,parentSchema:schema33.items,data:data102};
if(vErrors === null){
vErrors = [err286];
}
else {
vErrors.push(err286);
}
errors++;
}
var valid102 = _errs326 === errors;
}
}
}
else {
const err287 = {instancePath:instancePath+"/hooks/before",schemaPath:"#/$defs/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data:data100};
if(vErrors === null){
vErrors = [err287];
}
else {
vErrors.push(err287);
}
errors++;
}
}
if(data99.after !== undefined){
let data103 = data99.after;
if(Array.isArray(data103)){
if(data103.length < 1){
const err288 = {instancePath:instancePath+"/hooks/after",schemaPath:"#/$defs/argv/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33,data:data103};
if(vErrors === null){
vErrors = [err288];
}
else {
vErrors.push(err288);
}
errors++;
}
const len21 = data103.length;
if(len21 > 0){
let data104 = data103[0];
if(typeof data104 === "string"){
if(func2(data104) < 1){
const err289 = {instancePath:instancePath+"/hooks/after/0",schemaPath:"#/$defs/argv/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.prefixItems[0],data:data104};
if(vErrors === null){
vErrors = [err289];
}
else {
vErrors.push(err289);
}
errors++;
}
}
else {
const err290 = {instancePath:instancePath+"/hooks/after/0",schemaPath:"#/$defs/argv/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.prefixItems[0].type,parentSchema:schema33.prefixItems[0],data:data104};
if(vErrors === null){
vErrors = [err290];
}
else {
vErrors.push(err290);
}
errors++;
}
}
const len22 = data103.length;
var valid105 = len22 <= 1;
if(!valid105){
for(let i11=1; i11<len22; i11++){
let data105 = data103[i11];
const _errs333 = errors;
if(typeof data105 !== "string"){
const err291 = {instancePath:instancePath+"/hooks/after/" + i11,schemaPath:"#/$defs/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.items.type,parentSchema:schema33.items,data:data105};
if(vErrors === null){
vErrors = [err291];
}
else {
vErrors.push(err291);
}
errors++;
}
var valid105 = _errs333 === errors;
}
}
}
else {
const err292 = {instancePath:instancePath+"/hooks/after",schemaPath:"#/$defs/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data:data103};
if(vErrors === null){
vErrors = [err292];
}
else {
vErrors.push(err292);
}
errors++;
}
}
if(data99.onSuccess !== undefined){
let data106 = data99.onSuccess;
if(Array.isArray(data106)){
if(data106.length < 1){
const err293 = {instancePath:instancePath+"/hooks/onSuccess",schemaPath:"#/$defs/argv/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33,data:data106};
if(vErrors === null){
vErrors = [err293];
}
else {
vErrors.push(err293);
}
errors++;
}
const len23 = data106.length;
if(len23 > 0){
let data107 = data106[0];
if(typeof data107 === "string"){
if(func2(data107) < 1){
const err294 = {instancePath:instancePath+"/hooks/onSuccess/0",schemaPath:"#/$defs/argv/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.prefixItems[0],data:data107};
if(vErrors === null){
vErrors = [err294];
}
else {
vErrors.push(err294);
}
errors++;
}
}
else {
const err295 = {instancePath:instancePath+"/hooks/onSuccess/0",schemaPath:"#/$defs/argv/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.prefixItems[0].type,parentSchema:schema33.prefixItems[0],data:data107};
if(vErrors === null){
vErrors = [err295];
}
else {
vErrors.push(err295);
}
errors++;
}
}
const len24 = data106.length;
var valid108 = len24 <= 1;
if(!valid108){
for(let i12=1; i12<len24; i12++){
let data108 = data106[i12];
const _errs340 = errors;
if(typeof data108 !== "string"){
const err296 = {instancePath:instancePath+"/hooks/onSuccess/" + i12,schemaPath:"#/$defs/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.items.type,parentSchema:schema33.items,data:data108};
if(vErrors === null){
vErrors = [err296];
}
else {
vErrors.push(err296);
}
errors++;
}
var valid108 = _errs340 === errors;
}
}
}
else {
const err297 = {instancePath:instancePath+"/hooks/onSuccess",schemaPath:"#/$defs/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data:data106};
if(vErrors === null){
vErrors = [err297];
}
else {
vErrors.push(err297);
}
errors++;
}
}
if(data99.onFailure !== undefined){
let data109 = data99.onFailure;
if(Array.isArray(data109)){
if(data109.length < 1){
const err298 = {instancePath:instancePath+"/hooks/onFailure",schemaPath:"#/$defs/argv/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema33,data:data109};
if(vErrors === null){
vErrors = [err298];
}
else {
vErrors.push(err298);
}
errors++;
}
const len25 = data109.length;
if(len25 > 0){
let data110 = data109[0];
if(typeof data110 === "string"){
if(func2(data110) < 1){
const err299 = {instancePath:instancePath+"/hooks/onFailure/0",schemaPath:"#/$defs/argv/prefixItems/0/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema33.prefixItems[0],data:data110};
if(vErrors === null){
vErrors = [err299];
}
else {
vErrors.push(err299);
}
errors++;
}
}
else {
const err300 = {instancePath:instancePath+"/hooks/onFailure/0",schemaPath:"#/$defs/argv/prefixItems/0/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.prefixItems[0].type,parentSchema:schema33.prefixItems[0],data:data110};
if(vErrors === null){
vErrors = [err300];
}
else {
vErrors.push(err300);
}
errors++;
}
}
const len26 = data109.length;
var valid111 = len26 <= 1;
if(!valid111){
for(let i13=1; i13<len26; i13++){
let data111 = data109[i13];
const _errs347 = errors;
if(typeof data111 !== "string"){
const err301 = {instancePath:instancePath+"/hooks/onFailure/" + i13,schemaPath:"#/$defs/argv/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema33.items.type,parentSchema:schema33.items,data:data111};
if(vErrors === null){
vErrors = [err301];
}
else {
vErrors.push(err301);
}
errors++;
}
var valid111 = _errs347 === errors;
}
}
}
else {
const err302 = {instancePath:instancePath+"/hooks/onFailure",schemaPath:"#/$defs/argv/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema33.type,parentSchema:schema33,data:data109};
if(vErrors === null){
vErrors = [err302];
}
else {
vErrors.push(err302);
}
errors++;
}
}
}
else {
const err303 = {instancePath:instancePath+"/hooks",schemaPath:"#/properties/hooks/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.hooks.type,parentSchema:schema31.properties.hooks,data:data99};
if(vErrors === null){
vErrors = [err303];
}
else {
vErrors.push(err303);
}
errors++;
}
}
if(data.verify !== undefined){
let data112 = data.verify;
if(data112 && typeof data112 == "object" && !Array.isArray(data112)){
for(const key43 in data112){
if(!(key43 === "spot")){
const err304 = {instancePath:instancePath+"/verify",schemaPath:"#/properties/verify/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key43},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.verify,data:data112};
if(vErrors === null){
vErrors = [err304];
}
else {
vErrors.push(err304);
}
errors++;
}
}
if(data112.spot !== undefined){
let data113 = data112.spot;
if(data113 && typeof data113 == "object" && !Array.isArray(data113)){
for(const key44 in data113){
if(!(((key44 === "count_tolerance") || (key44 === "sample")) || (key44 === "data_tolerance"))){
const err305 = {instancePath:instancePath+"/verify/spot",schemaPath:"#/properties/verify/properties/spot/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key44},message:"must NOT have additional properties",schema:false,parentSchema:schema31.properties.verify.properties.spot,data:data113};
if(vErrors === null){
vErrors = [err305];
}
else {
vErrors.push(err305);
}
errors++;
}
}
if(data113.count_tolerance !== undefined){
let data114 = data113.count_tolerance;
if((typeof data114 == "number") && (isFinite(data114))){
if(data114 > 100 || isNaN(data114)){
const err306 = {instancePath:instancePath+"/verify/spot/count_tolerance",schemaPath:"#/$defs/percent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema74,data:data114};
if(vErrors === null){
vErrors = [err306];
}
else {
vErrors.push(err306);
}
errors++;
}
if(data114 < 0 || isNaN(data114)){
const err307 = {instancePath:instancePath+"/verify/spot/count_tolerance",schemaPath:"#/$defs/percent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema74,data:data114};
if(vErrors === null){
vErrors = [err307];
}
else {
vErrors.push(err307);
}
errors++;
}
}
else {
const err308 = {instancePath:instancePath+"/verify/spot/count_tolerance",schemaPath:"#/$defs/percent/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema74.type,parentSchema:schema74,data:data114};
if(vErrors === null){
vErrors = [err308];
}
else {
vErrors.push(err308);
}
errors++;
}
}
if(data113.sample !== undefined){
let data115 = data113.sample;
if((typeof data115 == "number") && (isFinite(data115))){
if(data115 > 100 || isNaN(data115)){
const err309 = {instancePath:instancePath+"/verify/spot/sample",schemaPath:"#/$defs/percent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema74,data:data115};
if(vErrors === null){
vErrors = [err309];
}
else {
vErrors.push(err309);
}
errors++;
}
if(data115 < 0 || isNaN(data115)){
const err310 = {instancePath:instancePath+"/verify/spot/sample",schemaPath:"#/$defs/percent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema74,data:data115};
if(vErrors === null){
vErrors = [err310];
}
else {
vErrors.push(err310);
}
errors++;
}
}
else {
const err311 = {instancePath:instancePath+"/verify/spot/sample",schemaPath:"#/$defs/percent/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema74.type,parentSchema:schema74,data:data115};
if(vErrors === null){
vErrors = [err311];
}
else {
vErrors.push(err311);
}
errors++;
}
}
if(data113.data_tolerance !== undefined){
let data116 = data113.data_tolerance;
if((typeof data116 == "number") && (isFinite(data116))){
if(data116 > 100 || isNaN(data116)){
const err312 = {instancePath:instancePath+"/verify/spot/data_tolerance",schemaPath:"#/$defs/percent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema74,data:data116};
if(vErrors === null){
vErrors = [err312];
}
else {
vErrors.push(err312);
}
errors++;
}
if(data116 < 0 || isNaN(data116)){
const err313 = {instancePath:instancePath+"/verify/spot/data_tolerance",schemaPath:"#/$defs/percent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema74,data:data116};
if(vErrors === null){
vErrors = [err313];
}
else {
vErrors.push(err313);
}
errors++;
}
}
else {
const err314 = {instancePath:instancePath+"/verify/spot/data_tolerance",schemaPath:"#/$defs/percent/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema74.type,parentSchema:schema74,data:data116};
if(vErrors === null){
vErrors = [err314];
}
else {
vErrors.push(err314);
}
errors++;
}
}
}
else {
const err315 = {instancePath:instancePath+"/verify/spot",schemaPath:"#/properties/verify/properties/spot/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.verify.properties.spot.type,parentSchema:schema31.properties.verify.properties.spot,data:data113};
if(vErrors === null){
vErrors = [err315];
}
else {
vErrors.push(err315);
}
errors++;
}
}
}
else {
const err316 = {instancePath:instancePath+"/verify",schemaPath:"#/properties/verify/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.properties.verify.type,parentSchema:schema31.properties.verify,data:data112};
if(vErrors === null){
vErrors = [err316];
}
else {
vErrors.push(err316);
}
errors++;
}
}
}
else {
const err317 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema31.type,parentSchema:schema31,data};
if(vErrors === null){
vErrors = [err317];
}
else {
vErrors.push(err317);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}
validate20.evaluated = {"props":true,"dynamicProps":false,"dynamicItems":false};

