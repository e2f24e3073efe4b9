import { fileURLToPath } from 'node:url';
// Imported only so that the build copies the schema beside the compiled code (dist/schemas).
import '../../schemas/backup-plan.schema.json' with { type: 'json' };

/** Where the plan schema lies on this machine, for the `$schema` modeline that `init` writes. */
export const schemaFile = fileURLToPath(new URL('../../schemas/backup-plan.schema.json', import.meta.url));
