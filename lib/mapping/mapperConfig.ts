import { transformFunctions } from '../transform/functions';
import { type TableMapping, compileTable } from './compileTable';
import { type Coverage, compileCoverage } from './coverage';
import { type CompiledMapping, compileJsonataMapping } from './jsonataMapping';
import { MappingTable } from './mappingTable';
import type { PlanOptions } from './tablePlan';

export type MapperMode = 'table' | 'jsonata';

export interface MapperConfig {
  mode?: unknown;
  rows?: unknown;
  expression?: unknown;
}

/**
 * The mode a mapper runs in. A node saved before tables existed has only `expression` and no mode,
 * and keeps running its JSONata; the editor gives new nodes `table`.
 */
export function mapperMode(config: MapperConfig): MapperMode {
  if (config.mode === 'table' || config.mode === 'jsonata') return config.mode;
  return Array.isArray(config.rows) && config.rows.length > 0 ? 'table' : 'jsonata';
}

/** `coverage` lists the canonical values no row sends; null where it cannot be known (JSONata). */
export type CompiledMapper =
  | { mode: 'table'; mapping: TableMapping; coverage: Coverage | null }
  | { mode: 'jsonata'; mapping: CompiledMapping; coverage: null };

/** Compiles a mapper's configuration once, on deploy or for a preview; throws an HrError naming what is wrong. */
export function compileMapper(config: MapperConfig, options: Pick<PlanOptions, 'env'> = {}): CompiledMapper {
  if (mapperMode(config) === 'table') {
    const mapping = compileTable(config.rows, { ...options, functions: transformFunctions });
    return { mode: 'table', mapping, coverage: compileCoverage(MappingTable.parse(config.rows)) };
  }
  return {
    mode: 'jsonata',
    mapping: compileJsonataMapping(typeof config.expression === 'string' ? config.expression : '', transformFunctions),
    coverage: null,
  };
}
