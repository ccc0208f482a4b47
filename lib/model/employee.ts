import { z } from 'zod';
import { ExternalId, IsoDate, Text } from './primitives';
import { HrisSystem } from './systems';

// Merge's ACTIVE|PENDING|INACTIVE: "pending" is an employee created before their start date.
export const EmployeeStatus = z.enum(['pending', 'active', 'terminated']);
export type EmployeeStatus = z.infer<typeof EmployeeStatus>;

export const Employee = z
  .object({
    /** The HRIS's id for the employee (BambooHR's id from the Location header). */
    id: ExternalId,
    system: HrisSystem,
    /** The number people see on payslips, when the HRIS keeps one apart from its id. */
    employeeNumber: Text.optional(),
    personGuid: z.uuid().optional(),
    workEmail: z.email({ error: 'must be an email address' }),
    status: EmployeeStatus,
    hireDate: IsoDate,
    terminationDate: IsoDate.optional(),
  })
  .refine((e) => e.terminationDate === undefined || e.terminationDate >= e.hireDate, {
    path: ['terminationDate'],
    message: 'must not be before the hire date',
  });
export type Employee = z.infer<typeof Employee>;
