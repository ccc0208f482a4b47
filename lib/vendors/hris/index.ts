import type { HttpClientOptions } from '../../http';
import { bamboohr, bamboohrHttpOptions, type BambooConnection } from './bamboohr';
import { generic, genericHttpOptions, type GenericConnection } from './generic';
import { hibob, hibobHttpOptions, type HibobConnection } from './hibob';
import { personio, personioHttpOptions, type PersonioConnection } from './personio';
import type { HrisTarget } from './types';

export type HrisConnection = BambooConnection | HibobConnection | PersonioConnection | GenericConnection;
export type { BambooConnection, GenericConnection, HibobConnection, PersonioConnection };
export * from './types';

/** The vendor module for a connection, and how its HTTP client must be set up (base URL, auth). */
export function connectHris(conn: HrisConnection): { target: HrisTarget; http: HttpClientOptions } {
  switch (conn.system) {
    case 'bamboohr':
      return { target: bamboohr(conn), http: bamboohrHttpOptions(conn) };
    case 'hibob':
      return { target: hibob(), http: hibobHttpOptions(conn) };
    case 'personio':
      return { target: personio(conn), http: personioHttpOptions(conn) };
    case 'generic':
      return { target: generic(conn), http: genericHttpOptions(conn) };
  }
}
