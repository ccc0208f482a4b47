/**
 * Personal data (names, emails, phones, addresses) in the editor needs its own admin permission on
 * top of a route's read permission. Its name does not end in ".read", so Node-RED's read-only scope
 * ("read") never grants it; "*" and a user given it by name do. The editor asks for the /personal
 * form of a route only when RED.user.hasPermission says the user holds it.
 */
import type { NodeAPI } from 'node-red';
import type { Request, Response } from 'express';

export const PERSONAL_PERMISSION = 'hr-sync.personal';

/**
 * Registers GET `path` (personal fields masked) and GET `path`/personal (shown), the latter needing
 * both `permission` and PERSONAL_PERMISSION. Secret fields are masked on both.
 */
export function getWithPersonal(
  RED: NodeAPI,
  path: string,
  permission: string,
  handler: (personal: boolean) => (req: Request, res: Response) => void,
): void {
  RED.httpAdmin.get(path, RED.auth.needsPermission(permission), handler(false));
  // needsPermission takes a list too (each must be held); @types/node-red declares only a string.
  RED.httpAdmin.get(
    `${path}/personal`,
    RED.auth.needsPermission([permission, PERSONAL_PERMISSION] as unknown as string),
    handler(true),
  );
}
