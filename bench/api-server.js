// The server process of bench:api: the real app (src/server/app.ts, built) over a given database, on a free
// loopback port. Prints one JSON line {"url": …} when listening; stops on SIGTERM.
// usage: node bench/api-server.js <file.db | postgres://…>
import { openDatabase } from "../dist/db/database.js";
import { buildApp } from "../dist/server/app.js";

const target = process.argv[2];
const handle = await openDatabase(
  /^postgres/.test(target) ? { databaseUrl: target } : { sqliteFile: target },
);
const { app } = await buildApp({ db: handle.db, secureCookies: false });
const url = await app.listen({ host: "127.0.0.1", port: 0 });
console.log(JSON.stringify({ url, pid: process.pid, engine: handle.engine }));
process.on("SIGTERM", async () => {
  await app.close();
  await handle.close();
  process.exit(0);
});
