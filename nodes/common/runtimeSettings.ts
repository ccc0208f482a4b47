import type { NodeAPI } from 'node-red';

/** A numeric runtime setting a node set declares (settings.js): its default, and whether the editor may read it. */
export interface NumberSetting {
  value: number;
  exportable: boolean;
}

/** A positive number, else the fallback (unset, empty, zero, negative or unreadable). */
export const positiveOr = (value: unknown, fallback: number): number => (Number(value) > 0 ? Number(value) : fallback);

/** Reads a node set's numeric runtime settings: a positive number in settings.js, else the declared default. */
export const settingsReader =
  <K extends string>(RED: NodeAPI, declared: Record<K, NumberSetting>) =>
  (name: K): number =>
    positiveOr((RED.settings as unknown as Record<string, unknown>)[name], declared[name].value);
