/**
 * Runs the rules on a schedule and turns their verdicts into alerts: one when a check starts
 * failing, one when it has been clean for `cleanPeriodMs`, nothing in between, so a broken vendor
 * gives two messages, not one every five minutes. A check that disappears (a credential removed
 * from the registry) counts as clean.
 */
import { z } from 'zod';
import type { Alert, AlertSource, Translate } from '../alert/alert';
import type { Counters } from '../store/types';
import type { CredentialExpiry } from './credentials';
import { evaluateRule, type Check } from './evaluate';
import type { HealthRule } from './rules';

export interface MonitorOptions {
  rules: readonly HealthRule[];
  /** How long a failing check must stay clean before it counts as recovered. */
  cleanPeriodMs: number;
  /** Texts from the health node's catalogue: `rules.<kind>.firing` and `rules.<kind>.recovered`. */
  t: Translate;
  /** The health node, so alerts link to it and group by it. */
  source: AlertSource;
  credentials(): readonly CredentialExpiry[];
}

export interface CheckState {
  ruleId: string;
  subject: string;
  failing: boolean;
  since: string;
  params: Record<string, string | number>;
}

export interface HealthMonitor {
  /** Evaluates every rule now; returns the alerts for checks that changed state. */
  evaluate(counters: Counters, now: Date): Promise<Alert[]>;
  /** Checks that are failing or recovering now, for the status and the metrics endpoint. */
  states(): CheckState[];
  /**
   * The failing and recovering checks as text to keep across a restart, so that a check still failing
   * afterwards is not announced again and one that recovered meanwhile is announced as recovered.
   */
  save(): string;
  /** Takes back what save() returned; checks of rules no longer configured, or text it cannot read, are left out. */
  restore(saved: string | null): void;
}

const Saved = z.array(
  z.object({
    ruleId: z.string(),
    subject: z.string(),
    since: z.number(),
    cleanSince: z.number().optional(),
    params: z.record(z.string(), z.union([z.string(), z.number()])),
  }),
);

interface State {
  rule: HealthRule;
  subject: string;
  since: number;
  /** While failing: when the check was first seen clean again, if it still is. */
  cleanSince?: number;
  params: Record<string, string | number>;
}

const key = (ruleId: string, subject: string) => `${ruleId}\u0000${subject}`;

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function createMonitor(options: MonitorOptions): HealthMonitor {
  const states = new Map<string, State>();

  const alertFor = (check: Pick<Check, 'rule' | 'subject' | 'params'>, recovered: boolean, now: Date): Alert => {
    const { rule } = check;
    const at = now.toISOString();
    const params: Record<string, string | number> = { ...check.params, subject: check.params.subject || '—' };
    if (typeof params.period === 'string') params.period = options.t(`rules.period.${params.period}`);
    return {
      severity: recovered ? 'info' : rule.severity,
      category: rule.category,
      code: `health.${rule.id}${recovered ? '.recovered' : ''}`,
      title: options.t(`rules.${rule.kind}.${recovered ? 'recovered' : 'firing'}`, params),
      source: options.source,
      ...(check.subject ? { subject: check.subject } : {}),
      people: [],
      peopleCount: 0,
      links: {},
      facts: [{ label: options.t('rules.ruleLabel'), value: rule.id }],
      firstAt: at,
      lastAt: at,
      count: 1,
    };
  };

  return {
    async evaluate(counters, now) {
      const t = now.getTime();
      const checks = (
        await Promise.all(options.rules.map((rule) => evaluateRule(rule, counters, now, options.credentials())))
      ).flat();
      const seen = new Set<string>();
      const alerts: Alert[] = [];
      for (const check of checks) {
        const k = key(check.rule.id, check.subject);
        seen.add(k);
        const state = states.get(k);
        if (check.failing) {
          if (!state) alerts.push(alertFor(check, false, now));
          states.set(k, { rule: check.rule, subject: check.subject, since: state?.since ?? t, params: check.params });
        } else if (state) {
          settleClean(k, state, check.params, t, now, alerts);
        }
      }
      for (const [k, state] of states) if (!seen.has(k)) settleClean(k, state, state.params, t, now, alerts);
      return alerts;
    },
    states: () =>
      [...states.values()].map((s) => ({
        ruleId: s.rule.id,
        subject: s.subject,
        failing: s.cleanSince === undefined,
        since: new Date(s.since).toISOString(),
        params: s.params,
      })),
    save: () => JSON.stringify([...states.values()].map(({ rule, ...s }) => ({ ruleId: rule.id, ...s }))),
    restore(saved) {
      const parsed = saved === null ? undefined : Saved.safeParse(safeJson(saved));
      if (!parsed?.success) return;
      const rules = new Map(options.rules.map((r) => [r.id, r]));
      for (const { ruleId, ...s } of parsed.data) {
        const rule = rules.get(ruleId);
        if (rule) states.set(key(ruleId, s.subject), { rule, ...s });
      }
    },
  };

  function settleClean(k: string, state: State, params: Check['params'], t: number, now: Date, alerts: Alert[]) {
    const cleanSince = state.cleanSince ?? t;
    if (t - cleanSince >= options.cleanPeriodMs) {
      states.delete(k);
      alerts.push(alertFor({ rule: state.rule, subject: state.subject, params }, true, now));
    } else {
      states.set(k, { ...state, cleanSince });
    }
  }
}
