import { applyD1Migrations } from 'cloudflare:test';
import { env } from 'cloudflare:workers';

// The D1 run's database: migrations applied with the pool's helper, then the corpus loaded,
// once (the statements are the ones `npm run d1:load` runs, from scripts/d1/corpus-sql.ts).
declare global {
  namespace Cloudflare {
    interface Env {
      DB?: D1Database;
      SPARE_DB?: D1Database;
      EMPTY_DB?: D1Database;
      TEST_MIGRATIONS?: Parameters<typeof applyD1Migrations>[1];
      TEST_CORPUS?: string[];
      ADD_DB?: D1Database;
      TEST_ADDITION?: { base: string[]; add: string[] };
    }
  }
}

const db = env.DB as D1Database;
await applyD1Migrations(db, env.TEST_MIGRATIONS ?? []);
const loaded = await db.prepare('SELECT COUNT(*) AS n FROM meta').first<{ n: number }>();
if (!loaded?.n) {
  await db.batch((env.TEST_CORPUS ?? []).map((sql) => db.prepare(sql)));
}
