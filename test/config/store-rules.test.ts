import { describe, expect, it } from 'vitest';
import type { CellsConfig, DatabaseEntry } from '../../src/cells/cells-config.js';
import type { PlanFacts } from '../../src/config/plan-facts.js';
import type { PlanFile } from '../../src/config/plan.js';
import { checkStores } from '../../src/config/store-rules.js';
import { makePlan } from '../plan/builders.js';

const mysql: DatabaseEntry = { id: 'main', driver: 'mysql', dsn: 'pydio:cells@tcp(localhost:3306)/cells' };
const facts = (databases: readonly DatabaseEntry[]): PlanFacts => {
  const config = { databases, defaultDatabase: mysql, datasources: [] } as unknown as CellsConfig;
  return { realPaths: new Map(), targets: new Map(), targetFileSystems: new Map(), workingDir: { kind: 'cells', config } };
};
const messages = (stores: PlanFile['stores'], databases: readonly DatabaseEntry[]): string[] =>
  checkStores(makePlan({ stores, workingDir: '/srv/cells' }), facts(databases)).map((problem) => problem.message);

describe('checkStores', () => {
  it('needs nothing declared for the default MySQL database (and entries with its DSN) and Bolt/Bleve files inside the working dir', () => {
    const databases: DatabaseEntry[] = [
      mysql,
      { id: 'pydio.grpc.jobs', driver: 'mysql', dsn: mysql.dsn },
      { id: 'pydio.grpc.chat', driver: 'boltdb', dsn: '/srv/cells/services/pydio.grpc.chat/chat.db' },
      { id: 'pydio.grpc.search', driver: 'bleve', dsn: '/srv/cells/services/pydio.grpc.search/searchengine.bleve?rotationSize=-1' },
    ];
    expect(messages({}, databases)).toEqual([]);
  });

  it('refuses an undeclared MongoDB, a second MySQL and a Bolt file outside the working dir', () => {
    const databases: DatabaseEntry[] = [
      mysql,
      { id: 'documents', driver: 'mongodb', dsn: 'mongodb://127.0.0.1/cells' },
      { id: 'logs', driver: 'mysql', dsn: 'logs@tcp(10.0.0.9:3306)/logs' },
      { id: 'pydio.grpc.chat', driver: 'boltdb', dsn: '/var/lib/chat.db' },
    ];
    expect(messages({}, databases).map((message) => message.slice(0, message.indexOf(' is in pydio.json')))).toEqual([
      'database "documents" (driver mongodb)',
      'database "logs" (driver mysql)',
      'database "pydio.grpc.chat" (driver boltdb)',
    ]);
    const declared = { backup: 'skip', reason: 'elsewhere' } as const;
    expect(messages({ documents: declared, logs: declared, 'pydio.grpc.chat': declared }, databases)).toEqual([]);
  });

  it('refuses a declared store that pydio.json does not hold', () => {
    expect(messages({ documets: { backup: 'skip', reason: 'x' } }, [mysql, { id: 'documents', driver: 'mongodb', dsn: 'mongodb://h/c' }])).toEqual([
      expect.stringContaining('database "documents" (driver mongodb) is in pydio.json but not in the plan'),
      expect.stringMatching(/^stores\.documets is not a database of pydio\.json that needs declaring.*documents/),
    ]);
  });
});
