/**
 * The one list of the vendors the package talks to, by what each does for a flow: an ATS source
 * (webhooks and polls), an HRIS target, an ATS that learns the employee id, a system that can erase a
 * person. Each vendor lives in its own folder (`lib/vendors/<vendor>/`); its facts and their sources
 * are in `docs/vendors/<vendor>.md`.
 */
import type { HttpClientOptions } from '../http';
import { ashbyEraser } from './ashby/erasure';
import { ashby } from './ashby/source';
import { ashbyHttpOptions, ashbyWriteBack } from './ashby/writeBack';
import type { AtsSource, AtsVendor } from './ats/types';
import { passthrough } from './ats/passthrough';
import { bamboohr, bamboohrHttpOptions, type BambooConnection } from './bamboohr/target';
import { checkrEraser } from './checkr/erasure';
import { checkr } from './checkr/events';
import { noApiEraser } from './erasure/noApi';
import type { Eraser } from './erasure/types';
import { generic, genericHttpOptions, type GenericConnection } from './generic/target';
import { greenhouseEraser } from './greenhouse/erasure';
import { greenhouse } from './greenhouse/source';
import { greenhouseHttpOptions, greenhouseWriteBack } from './greenhouse/writeBack';
import { hibob, hibobHttpOptions, type HibobConnection } from './hibob/target';
import type { HrisTarget } from './hris/types';
import { lever } from './lever/source';
import { leverHttpOptions, leverWriteBack } from './lever/writeBack';
import { personio, personioHttpOptions, type PersonioConnection } from './personio/target';
import { smartrecruiters } from './smartrecruiters/source';
import { workable } from './workable/source';
import type { AtsWriteBack, WriteBackConnection } from './writeback/types';

const sources: Record<AtsVendor, AtsSource> = {
  greenhouse,
  lever,
  ashby,
  workable,
  smartrecruiters,
  checkr,
  'standard-webhooks': passthrough('standard-webhooks'),
  generic: passthrough('generic'),
};

/** The module that knows the vendor's events and API. */
export const atsSourceFor = (vendor: AtsVendor): AtsSource => sources[vendor];

export type HrisConnection = BambooConnection | HibobConnection | PersonioConnection | GenericConnection;
export type { BambooConnection, GenericConnection, HibobConnection, PersonioConnection };

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

/** The ATS module that writes the employee id (and check results) back, and its HTTP setup. */
export function connectWriteBack(conn: WriteBackConnection): { writeBack: AtsWriteBack; http: HttpClientOptions } {
  switch (conn.system) {
    case 'greenhouse':
      return { writeBack: greenhouseWriteBack(conn), http: greenhouseHttpOptions(conn) };
    case 'ashby':
      return { writeBack: ashbyWriteBack(conn), http: ashbyHttpOptions(conn) };
    case 'lever':
      return { writeBack: leverWriteBack(conn), http: leverHttpOptions(conn) };
  }
}

const ERASERS: Record<string, Eraser> = { greenhouse: greenhouseEraser, ashby: ashbyEraser, checkr: checkrEraser };

/** The eraser for a system of the identity graph; one without an erasure API hands the step to a person. */
export const eraserFor = (system: string): Eraser => ERASERS[system] ?? noApiEraser(system);

/** Whether a system's erasure is an API call at all (else it is always a manual step). */
export const hasErasureApi = (system: string): boolean => system in ERASERS;
