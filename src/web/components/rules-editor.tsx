import { useMemo, useRef, useState } from 'react';
import { bi, biLang, type CallDetail, REGIONS, RULE_KINDS, type Rule, type RuleKind } from '../api/calls.ts';
import { ApiError, send } from '../api/client.ts';
import { ORGANISATION_KINDS } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { describeError } from '../lib/error-view.ts';
import { describeRule } from '../lib/rule-words.ts';
import {
  type EditRule,
  newRule,
  numberParams,
  ruleFieldId,
  ruleServerErrors,
  toEditRule,
  toRuleSet,
  uniqueRuleId,
} from '../lib/rules-editor-state.ts';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { FormField } from './form-field.tsx';

const SCOPES = ['all', 'at_least', 'max_outside', 'coordinator'] as const;

/**
 * The rules editor of a call (its managers): each rule as a small form — its numbers (minimum,
 * maximum, rates in %), the organisation kinds it counts, its region and scope — with what it
 * asks in plain language; rules can be removed and added; raw JSON is the advanced fallback.
 * Saving sends the whole rule set (PATCH /calls/:id); the server's checks come back next to the
 * fields.
 */
export function RulesEditor({ call, onSaved }: { call: CallDetail; onSaved: () => void }) {
  const i18n = useI18n();
  const { t, tx, lang, num, parseNum } = i18n;
  const fmt = (n: number) => num(n, 2);
  const [rules, setRules] = useState<EditRule[]>(() => call.rules.rules.map((r) => toEditRule(r, fmt)));
  const [errors, setErrors] = useState<Record<string, string[]>>({});
  const [other, setOther] = useState<string[]>([]);
  const [headline, setHeadline] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const [addKind, setAddKind] = useState<RuleKind>('min_partners_of_kinds');
  const [json, setJson] = useState('');
  const [jsonError, setJsonError] = useState<string | null>(null);
  const listRef = useRef<HTMLHeadingElement>(null);

  const setRule = (i: number, next: EditRule) => {
    setRules((rs) => rs.map((r, j) => (j === i ? next : r)));
    setSaved(null);
  };
  const setParams = (i: number, e: EditRule, patch: Record<string, unknown>) => {
    const rule = { ...e.rule, params: { ...e.rule.params, ...patch } } as Rule;
    const fresh = toEditRule(rule, fmt);
    setRule(i, { rule, text: { ...fresh.text, ...e.text } });
  };
  const setText = (i: number, e: EditRule, key: string, value: string) =>
    setRule(i, { ...e, text: { ...e.text, [key]: value } });

  const known = useMemo(() => {
    const ids = new Set<string>();
    rules.forEach((e, i) => {
      ids.add(ruleFieldId(i, 'remove'));
      for (const p of numberParams(e.rule)) ids.add(ruleFieldId(i, p.key));
      if ('kinds' in e.rule.params) ids.add(ruleFieldId(i, 'kinds'));
      if ('scope' in e.rule.params) ids.add(ruleFieldId(i, 'scope'));
      if ('region' in e.rule.params) ids.add(ruleFieldId(i, 'region'));
    });
    return ids;
  }, [rules]);

  const labelOfId = (id: string): string => {
    const m = /^rules-(\d+)-(.+)$/.exec(id);
    const e = m ? rules[Number(m[1])] : undefined;
    if (!m || !e) return id;
    const title = e.rule.label ? bi(lang, e.rule.label) : tx(`rules.kind.${e.rule.kind}`);
    const cap = /^caps-(\d+)-maxRate$/.exec(m[2] ?? '');
    const what = cap ? t('rules.capRate', { n: Number(cap[1]) + 1 }) : tx(`rules.param.${m[2]}`);
    return `${title} — ${what}`;
  };

  const save = async () => {
    setSaved(null);
    setOther([]);
    setHeadline(undefined);
    const { ruleSet, errors: local } = toRuleSet(call.rules, rules, parseNum, {
      required: t('submit.required'),
      invalidNumber: t('form.invalidNumber'),
      invalidInteger: t('form.invalidInteger'),
      invalidRate: t('rules.invalidRate'),
    });
    if (Object.keys(local).length) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      await send('PATCH', `/calls/${call.id}`, { rules: ruleSet });
      setErrors({});
      setSaved(t('rules.saved'));
      onSaved();
    } catch (err) {
      const view = describeError(t, err);
      if (err instanceof ApiError && err.details.length > 0) {
        const s = ruleServerErrors(err.details, known);
        setErrors(s.fields);
        setOther(s.other);
        setHeadline(s.other.length ? view.headline : t('rules.invalid', { n: err.details.length }));
      } else {
        setErrors({});
        setOther(view.details);
        setHeadline(view.headline);
      }
    } finally {
      setBusy(false);
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: labels follow the rules the errors were computed on
  const summary: SummaryItem[] = useMemo(
    () => [
      ...Object.entries(errors).flatMap(([id, list]) =>
        list.map((message) => ({ fieldId: id, label: labelOfId(id), message, lang: undefined })),
      ),
      ...other.map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
    ],
    [errors, other],
  );

  const add = () => {
    const id = uniqueRuleId(
      addKind,
      rules.map((r) => r.rule.id),
    );
    setRules((rs) => [...rs, toEditRule(newRule(addKind, id), fmt)]);
    setSaved(t('rules.added', { rule: tx(`rules.kind.${addKind}`) }));
  };
  const remove = (i: number) => {
    const e = rules[i];
    setRules((rs) => rs.filter((_, j) => j !== i));
    setErrors({});
    setSaved(
      e
        ? t('rules.removed', {
            rule: e.rule.label ? bi(lang, e.rule.label) : tx(`rules.kind.${e.rule.kind}`),
          })
        : null,
    );
    listRef.current?.focus();
  };

  const numberField = (i: number, e: EditRule, key: string, unit: string) => {
    const id = ruleFieldId(i, key);
    const cap = /^caps\.(\d+)\.maxRate$/.exec(key);
    const label = cap ? t('rules.capRate', { n: Number(cap[1]) + 1 }) : tx(`rules.param.${key}`);
    return (
      <FormField key={key} id={id} label={label} hint={tx(`rules.unit.${unit}`)} errors={errors[id]}>
        {(p) => (
          <input
            {...p}
            type="text"
            inputMode="decimal"
            size={12}
            value={e.text[key] ?? ''}
            onChange={(ev) => setText(i, e, key, ev.target.value)}
          />
        )}
      </FormField>
    );
  };

  return (
    <div className="rules-editor">
      <ErrorSummary items={summary} title={headline} />
      <p className="visually-hidden" role="status">
        {saved ?? ''}
      </p>
      {saved && (
        <p className="notice notice-success" aria-hidden="true">
          {saved}
        </p>
      )}
      <h3 id="rules-editor-list" ref={listRef} tabIndex={-1}>
        {t('rules.editorRules', { n: rules.length })}
      </h3>
      <ol className="rules-editor-list">
        {rules.map((e, i) => {
          const r = e.rule;
          const title = r.label ? bi(lang, r.label) : tx(`rules.kind.${r.kind}`);
          const params = r.params as unknown as Record<string, unknown>;
          const kinds = Array.isArray(params.kinds) ? (params.kinds as string[]) : null;
          return (
            <li key={r.id}>
              <fieldset className="rule-fieldset">
                <legend>
                  <span lang={r.label ? biLang(lang) : undefined}>{title}</span>
                  {r.label && <span className="muted small"> ({tx(`rules.kind.${r.kind}`)})</span>}
                </legend>
                <p className="rule-say">{describeRule(i18n, r)}</p>
                <div className="form-grid">
                  {'region' in params && (
                    <FormField
                      id={ruleFieldId(i, 'region')}
                      label={t('rules.param.region')}
                      errors={errors[ruleFieldId(i, 'region')]}
                    >
                      {(p) => (
                        <select
                          {...p}
                          value={String(params.region)}
                          onChange={(ev) => setParams(i, e, { region: ev.target.value })}
                        >
                          {REGIONS.map((x) => (
                            <option key={x} value={x}>
                              {tx(`region.${x}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </FormField>
                  )}
                  {'scope' in params && (
                    <FormField
                      id={ruleFieldId(i, 'scope')}
                      label={t('rules.param.scope')}
                      errors={errors[ruleFieldId(i, 'scope')]}
                    >
                      {(p) => (
                        <select
                          {...p}
                          value={String(params.scope)}
                          onChange={(ev) => {
                            const scope = ev.target.value;
                            const patch: Record<string, unknown> = { scope };
                            if (scope === 'at_least' && params.min == null) patch.min = 1;
                            if (scope === 'max_outside' && params.max == null) patch.max = 0;
                            setParams(i, e, patch);
                          }}
                        >
                          {[
                            ...SCOPES,
                            ...(r.kind === 'labelling_network_membership' ? ['not_required'] : []),
                          ].map((x) => (
                            <option key={x} value={x}>
                              {tx(`rules.scope.${x}`)}
                            </option>
                          ))}
                        </select>
                      )}
                    </FormField>
                  )}
                  {numberParams(r).map((p) => numberField(i, e, p.key, p.unit))}
                </div>
                {r.kind === 'funding_rate_caps' && r.params.caps.length > 0 && (
                  <ul className="hint cap-list">
                    {r.params.caps.map((c, j) => (
                      // biome-ignore lint/suspicious/noArrayIndexKey: caps are positional (first match applies)
                      <li key={j}>
                        {t('rules.capRate', { n: j + 1 })} —{' '}
                        {[
                          c.kinds?.map((k) => tx(`kind.${k}`)).join(', '),
                          c.sizeClasses?.map((s) => tx(`size.${s ?? 'unknown'}`)).join(', '),
                          c.regions?.map((x) => tx(`region.${x}`)).join(', '),
                        ]
                          .filter(Boolean)
                          .join(' · ') || t('rules.anyPartner')}
                      </li>
                    ))}
                  </ul>
                )}
                {kinds && (
                  <fieldset className="checkbox-group" id={ruleFieldId(i, 'kinds')} tabIndex={-1}>
                    <legend>{t('rules.param.kinds')}</legend>
                    {errors[ruleFieldId(i, 'kinds')] && (
                      <span className="field-error">{errors[ruleFieldId(i, 'kinds')]?.join(' ; ')}</span>
                    )}
                    <div className="checkbox-list">
                      {ORGANISATION_KINDS.map((k) => (
                        <div className="checkbox" key={k}>
                          <input
                            id={`${ruleFieldId(i, 'kinds')}-${k}`}
                            type="checkbox"
                            checked={kinds.includes(k)}
                            onChange={(ev) =>
                              setParams(i, e, {
                                kinds: ev.target.checked ? [...kinds, k] : kinds.filter((x) => x !== k),
                              })
                            }
                          />
                          <label htmlFor={`${ruleFieldId(i, 'kinds')}-${k}`}>{tx(`kind.${k}`)}</label>
                        </div>
                      ))}
                    </div>
                  </fieldset>
                )}
                <div className="row-actions">
                  <button
                    id={ruleFieldId(i, 'remove')}
                    type="button"
                    className="button button-danger-quiet button-small"
                    onClick={() => remove(i)}
                  >
                    {t('rules.remove')}
                    <span className="visually-hidden"> — {title}</span>
                  </button>
                </div>
              </fieldset>
            </li>
          );
        })}
      </ol>
      <div className="inline-form">
        <FormField id="rules-add-kind" label={t('rules.addKind')}>
          {(p) => (
            <select {...p} value={addKind} onChange={(e) => setAddKind(e.target.value as RuleKind)}>
              {RULE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {tx(`rules.kind.${k}`)}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <button type="button" className="button button-secondary" onClick={add}>
          {t('rules.add')}
        </button>
      </div>
      <details
        className="rules-json"
        onToggle={(ev) => {
          if (!ev.currentTarget.open) return;
          const { ruleSet } = toRuleSet(call.rules, rules, parseNum, {
            required: '',
            invalidNumber: '',
            invalidInteger: '',
            invalidRate: '',
          });
          setJson(JSON.stringify(ruleSet, null, 2));
          setJsonError(null);
        }}
      >
        <summary>{t('rules.advanced')}</summary>
        <FormField
          id="rules-json"
          label={t('rules.json')}
          hint={t('rules.jsonHint')}
          errors={jsonError ? [jsonError] : undefined}
        >
          {(p) => (
            <textarea
              {...p}
              rows={14}
              className="mono"
              value={json}
              onChange={(e) => setJson(e.target.value)}
            />
          )}
        </FormField>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            try {
              const parsed = JSON.parse(json) as { rules?: unknown };
              if (!Array.isArray(parsed.rules)) throw new Error('rules');
              setRules((parsed.rules as Rule[]).map((r) => toEditRule(r, fmt)));
              setJsonError(null);
              setSaved(t('rules.jsonApplied'));
            } catch {
              setJsonError(t('rules.jsonInvalid'));
            }
          }}
        >
          {t('rules.jsonApply')}
        </button>
      </details>
      <div className="form-actions">
        <button type="button" className="button button-primary" disabled={busy} onClick={() => void save()}>
          {busy ? t('common.saving') : t('rules.save')}
        </button>
        <button
          type="button"
          className="button button-secondary"
          onClick={() => {
            setRules(call.rules.rules.map((r) => toEditRule(r, fmt)));
            setErrors({});
            setOther([]);
            setHeadline(undefined);
            setSaved(t('rules.reset'));
          }}
        >
          {t('rules.resetButton')}
        </button>
      </div>
    </div>
  );
}
