import { ashbyEraser } from './ashby';
import { checkrEraser } from './checkr';
import { greenhouseEraser } from './greenhouse';
import { noApiEraser } from './noApi';
import type { Eraser } from './types';

export * from './types';
export { manual } from './call';

const WITH_API: Record<string, Eraser> = { greenhouse: greenhouseEraser, ashby: ashbyEraser, checkr: checkrEraser };

/** The eraser for a system of the identity graph; one without an erasure API hands the step to a person. */
export const eraserFor = (system: string): Eraser => WITH_API[system] ?? noApiEraser(system);

/** Whether a system's erasure is an API call at all (else it is always a manual step). */
export const hasErasureApi = (system: string): boolean => system in WITH_API;
