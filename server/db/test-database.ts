import { databaseHost, databaseName, isLocalDatabase } from "./urls";

/**
 * The test set-up refuses any database that is not on this machine or not made for tests, so a
 * mistyped DATABASE_URL can never have its data dropped.
 */
export function assertTestDatabase(url: string): void {
  if (!isLocalDatabase(url)) {
    throw new Error(`Refusing to run tests against ${databaseHost(url)}: only a local database is allowed.`);
  }
  if (!databaseName(url).endsWith("_test")) {
    throw new Error(`Refusing to run tests against database "${databaseName(url)}": its name must end in _test.`);
  }
}
