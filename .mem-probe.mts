import { PGlite } from '@electric-sql/pglite';
import { PGLITE_EXTENSIONS } from '/work/main/src/core/db/database.ts';
let t = performance.now();
const p = await PGlite.create({ extensions: PGLITE_EXTENSIONS });
console.log('mem ext', performance.now() - t);
t = performance.now();
const q = await PGlite.create();
console.log('mem plain', performance.now() - t);
