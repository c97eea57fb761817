import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * The better-sqlite3 build for the running Node. Node 24 aborts the process in better-sqlite3
 * 12's Statement destructor ("RemoveEnvironmentCleanupHook: Assertion failed: (env) != nullptr"),
 * from a garbage collection as well as at exit (WiseLibs/better-sqlite3#1515); 13 moved to Node-API,
 * which does not. 13 needs Node 22 and crashes Node 20, which these machines still run. So both
 * are installed (13 under the alias better-sqlite3-napi, with its prebuilt Node-API binary) and the
 * running Node picks: 13 from Node 22 on, 12 before. Their JavaScript API is the same.
 */
export function sqliteDriverFor(nodeVersion: string = process.versions.node): unknown {
  return nodeMajor(nodeVersion) >= 22 ? require('better-sqlite3-napi') : require('better-sqlite3');
}

export const nodeMajor = (version: string): number => Number(version.split('.')[0]);
