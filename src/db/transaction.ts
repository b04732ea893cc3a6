/**
 * Units of work: a service that must write several rows at once receives `transact`, which runs its work
 * with repositories bound to one transaction — all of it is stored, or none of it.
 */
import type { Db } from "./database.js";

export type UnitOfWork<R> = <T>(work: (repos: R) => Promise<T>) => Promise<T>;

export function unitOfWork<R>(db: Db, make: (db: Db) => R): UnitOfWork<R> {
  return (work) => db.transaction().execute((trx) => work(make(trx)));
}
