import { type FormEvent, type ReactNode, useMemo, useState } from 'react';
import { Link } from 'react-router';
import { ApiError } from '../api/client.ts';
import { type Municipality, type Network, ORGANISATION_KINDS, type OrganisationInput } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.tsx';
import { describeError } from '../lib/error-view.ts';
import {
  errorCount,
  FIELD_ORDER,
  type FieldErrors,
  type FieldName,
  type FormState,
  fieldId,
  serverErrors,
  toInput,
} from '../lib/organisation-form-state.ts';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { type ControlProps, FormField } from './form-field.tsx';

const LABELS: Record<FieldName, MessageKey> = {
  name: 'org.name',
  kind: 'org.kind',
  enterpriseNumber: 'org.enterpriseNumber',
  legalForm: 'org.legalForm',
  headcount: 'org.headcount',
  turnoverEur: 'org.turnover',
  balanceSheetEur: 'org.balance',
  naceCodes: 'org.nace',
  address: 'org.address',
  postcode: 'org.postcode',
  municipalityNis: 'org.municipality',
  website: 'org.website',
  description: 'org.description',
  keywords: 'org.keywords',
  membershipNetwork: 'membership.network',
  membershipJoinedOn: 'membership.joinedOn',
};

interface Props {
  initial: FormState;
  /** networks offered for an initial membership (creation only) */
  membershipNetworks?: Network[];
  submitLabel: string;
  onSubmit: (input: OrganisationInput) => Promise<void>;
  onCancel: () => void;
}

/** The organisation form (create and edit), with browser-side checks and the server's answers next to the fields. */
export function OrganisationForm({ initial, membershipNetworks, submitLabel, onSubmit, onCancel }: Props) {
  const { t, tx, parseNum } = useI18n();
  const [form, setForm] = useState<FormState>(initial);
  const [errors, setErrors] = useState<FieldErrors>({});
  /** the server's details that belong to no field (English) */
  const [other, setOther] = useState<string[]>([]);
  /** the server's verdict in the user's language, as the summary's title */
  const [headline, setHeadline] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  /** set when the server answers 409 on the name: the id of the likely duplicate, when it says */
  const [nameConflict, setNameConflict] = useState<{ id: string | null } | null>(null);
  const municipalities = useApi<{ items: Municipality[] }>('/reference/municipalities?region=all');

  const set = <K extends keyof FormState>(k: K, v: FormState[K]) => setForm((f) => ({ ...f, [k]: v }));

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const { input, errors: local } = toInput(
      form,
      parseNum,
      {
        nameRequired: t('form.nameRequired'),
        invalidNumber: t('form.invalidNumber'),
        invalidInteger: t('form.invalidInteger'),
      },
      membershipNetworks != null,
    );
    setOther([]);
    setHeadline(undefined);
    if (errorCount(local) > 0) {
      setErrors(local);
      return;
    }
    setBusy(true);
    try {
      await onSubmit(input);
      setErrors({});
    } catch (err) {
      const view = describeError(t, err);
      if (err instanceof ApiError && err.details.length > 0) {
        const s = serverErrors(err.details);
        setErrors(s.fields);
        setOther(s.other);
        // field errors alone read like the browser's own checks: "The form has n error(s)"
        const fieldsOnly =
          err.code === 'validation_failed' && s.other.length === 0 && errorCount(s.fields) > 0;
        setHeadline(fieldsOnly ? undefined : view.headline);
        const nameDetail = err.details.find((d) => d.path === 'name');
        setNameConflict(
          err.status === 409 && nameDetail ? { id: /#(\d+)/.exec(nameDetail.message)?.[1] ?? null } : null,
        );
      } else {
        setErrors({});
        setOther(view.details);
        setHeadline(view.headline);
      }
    } finally {
      setBusy(false);
    }
  };

  const summary: SummaryItem[] = useMemo(
    () => [
      ...FIELD_ORDER.flatMap((f) =>
        (errors[f] ?? []).map((message) => ({ fieldId: fieldId(f), label: t(LABELS[f]), message })),
      ),
      ...other.map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
    ],
    [errors, other, t],
  );

  const field = (
    name: FieldName,
    control: (p: ControlProps) => ReactNode,
    opts: { hint?: string; required?: boolean; wide?: boolean } = {},
  ) => (
    <FormField
      id={fieldId(name)}
      label={t(LABELS[name])}
      hint={opts.hint}
      errors={errors[name]}
      required={opts.required}
      className={opts.wide ? 'field-wide' : undefined}
    >
      {control}
    </FormField>
  );
  const textInput =
    (name: FieldName, extra: { inputMode?: 'numeric' | 'decimal' | 'url'; autoComplete?: string } = {}) =>
    (p: ControlProps) => (
      <input
        {...p}
        {...extra}
        type="text"
        value={String(form[name])}
        onChange={(e) => set(name, e.target.value)}
      />
    );

  return (
    <form className="org-form" onSubmit={submit} noValidate>
      <ErrorSummary items={summary} title={headline} />
      <fieldset>
        <legend>{t('form.sections.identity')}</legend>
        <div className="form-grid">
          {field('name', textInput('name', { autoComplete: 'organization' }), { required: true, wide: true })}
          {field(
            'kind',
            (p) => (
              <select
                {...p}
                value={form.kind}
                onChange={(e) => set('kind', e.target.value as FormState['kind'])}
              >
                {ORGANISATION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {tx(`kind.${k}`)}
                  </option>
                ))}
              </select>
            ),
            { required: true },
          )}
          {field('enterpriseNumber', textInput('enterpriseNumber', { inputMode: 'numeric' }), {
            hint: t('form.enterpriseHint'),
          })}
          {field('legalForm', textInput('legalForm'))}
        </div>
        {nameConflict && (
          <div className="checkbox">
            <input
              id="f-allowSimilarName"
              type="checkbox"
              checked={form.allowSimilarName}
              onChange={(e) => set('allowSimilarName', e.target.checked)}
            />
            <label htmlFor="f-allowSimilarName">{t('form.allowSimilar')}</label>
            {nameConflict.id && (
              <Link to={`/organisations/${nameConflict.id}`} target="_blank">
                {t('form.seeSimilar', { id: nameConflict.id })}{' '}
                <span className="visually-hidden">{t('common.newWindow')}</span>
              </Link>
            )}
          </div>
        )}
      </fieldset>
      <fieldset>
        <legend>{t('form.sections.size')}</legend>
        <div className="form-grid">
          {field('headcount', textInput('headcount', { inputMode: 'numeric' }))}
          {field('turnoverEur', textInput('turnoverEur', { inputMode: 'decimal' }), {
            hint: t('form.amountHint'),
          })}
          {field('balanceSheetEur', textInput('balanceSheetEur', { inputMode: 'decimal' }), {
            hint: t('form.amountHint'),
          })}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('form.sections.location')}</legend>
        <div className="form-grid">
          {field('address', textInput('address', { autoComplete: 'street-address' }), { wide: true })}
          {field('postcode', textInput('postcode', { inputMode: 'numeric', autoComplete: 'postal-code' }))}
          {field('municipalityNis', (p) => (
            <select
              {...p}
              value={form.municipalityNis}
              onChange={(e) => set('municipalityNis', e.target.value)}
            >
              <option value="">{t('form.municipalityNone')}</option>
              {form.municipalityNis && !municipalities.data && (
                <option value={form.municipalityNis}>{form.municipalityNis}</option>
              )}
              {(municipalities.data?.items ?? []).map((m) => (
                <option key={m.nis} value={m.nis}>
                  {m.nameFr}
                  {m.postcode ? ` (${m.postcode})` : ''}
                </option>
              ))}
            </select>
          ))}
        </div>
      </fieldset>
      <fieldset>
        <legend>{t('form.sections.activity')}</legend>
        <div className="form-grid">
          {field('naceCodes', textInput('naceCodes'), { hint: t('form.naceHint') })}
          {field('website', textInput('website', { inputMode: 'url', autoComplete: 'url' }), {
            hint: t('form.websiteHint'),
          })}
          {field('keywords', textInput('keywords'), { hint: t('form.listHint'), wide: true })}
          {field(
            'description',
            (p) => (
              <textarea
                {...p}
                rows={5}
                value={form.description}
                onChange={(e) => set('description', e.target.value)}
              />
            ),
            { wide: true },
          )}
        </div>
      </fieldset>
      {membershipNetworks && membershipNetworks.length > 0 && (
        <fieldset>
          <legend>{t('form.membershipLegend')}</legend>
          <div className="form-grid">
            {field('membershipNetwork', (p) => (
              <select
                {...p}
                value={form.membershipNetwork}
                onChange={(e) => set('membershipNetwork', e.target.value)}
              >
                <option value="">{t('form.membershipNone')}</option>
                {membershipNetworks.map((n) => (
                  <option key={n.slug} value={n.slug}>
                    {n.name}
                  </option>
                ))}
              </select>
            ))}
            {field('membershipJoinedOn', (p) => (
              <input
                {...p}
                type="date"
                value={form.membershipJoinedOn}
                onChange={(e) => set('membershipJoinedOn', e.target.value)}
              />
            ))}
          </div>
        </fieldset>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : submitLabel}
        </button>
        <button type="button" className="button button-secondary" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}
