import { type FormEvent, useEffect, useId, useMemo, useRef, useState } from 'react';
import { ApiError, send } from '../api/client.ts';
import type { Person } from '../api/types.ts';
import { type MessageKey, useI18n } from '../i18n/i18n.tsx';
import { describeError, detailText } from '../lib/error-view.ts';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { EditableSection, RowDeleteButton } from './editable-section.tsx';
import { ErrorSummary, type SummaryItem } from './error-summary.tsx';
import { FormField } from './form-field.tsx';
import { TableScroll } from './table-scroll.tsx';

const PERSON_FIELDS = ['firstName', 'lastName', 'email', 'phone', 'jobTitle'] as const;
type PersonField = (typeof PERSON_FIELDS)[number];
type PersonForm = Record<PersonField, string>;
type PersonErrors = Partial<Record<PersonField, string[]>>;

const LABELS: Record<PersonField, MessageKey> = {
  firstName: 'person.firstName',
  lastName: 'person.lastName',
  email: 'person.email',
  phone: 'person.phone',
  jobTitle: 'person.jobTitle',
};

const EMPTY: PersonForm = { firstName: '', lastName: '', email: '', phone: '', jobTitle: '' };
/** The server's rule (people.service.ts): something@something.something, no spaces. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

const fieldIdOf = (id: string, f: PersonField) => `${id}-${f}`;

/** Add a contact: POST /organisations/:id/people. */
function AddPersonForm({
  organisationId,
  onDone,
  onCancel,
}: {
  organisationId: number;
  onDone: () => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [form, setForm] = useState<PersonForm>(EMPTY);
  const [errors, setErrors] = useState<PersonErrors>({});
  /** the server's details that belong to no field (English) */
  const [other, setOther] = useState<string[]>([]);
  /** the server's verdict in the user's language, as the summary's title */
  const [headline, setHeadline] = useState<string | undefined>(undefined);
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);

  useEffect(() => first.current?.focus(), []);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const local: PersonErrors = {};
    if (form.firstName.trim() === '') local.firstName = [t('people.firstNameRequired')];
    if (form.lastName.trim() === '') local.lastName = [t('people.lastNameRequired')];
    if (form.email.trim() !== '' && !EMAIL.test(form.email.trim())) local.email = [t('people.invalidEmail')];
    setOther([]);
    setHeadline(undefined);
    setErrors(local);
    if (Object.keys(local).length > 0) return;
    setBusy(true);
    try {
      const blank = (s: string) => (s.trim() === '' ? null : s.trim());
      await send('POST', `/organisations/${organisationId}/people`, {
        firstName: form.firstName.trim(),
        lastName: form.lastName.trim(),
        email: blank(form.email),
        phone: blank(form.phone),
        jobTitle: blank(form.jobTitle),
      });
      onDone();
    } catch (err) {
      const view = describeError(t, err);
      const fields: PersonErrors = {};
      const rest: string[] = [];
      for (const d of err instanceof ApiError ? err.details : []) {
        const f = PERSON_FIELDS.find((k) => d.path === k);
        if (f) fields[f] = [...(fields[f] ?? []), d.message];
        else rest.push(detailText(d));
      }
      const mapped = Object.keys(fields).length > 0;
      setErrors(fields);
      setOther(mapped ? rest : view.details);
      // field errors alone read like the browser's own checks: "The form has n error(s)"
      const fieldsOnly =
        err instanceof ApiError && err.code === 'validation_failed' && mapped && rest.length === 0;
      setHeadline(fieldsOnly ? undefined : view.headline);
      setBusy(false);
    }
  };

  const summary: SummaryItem[] = useMemo(
    () => [
      ...PERSON_FIELDS.flatMap((f) =>
        (errors[f] ?? []).map((message) => ({ fieldId: fieldIdOf(id, f), label: t(LABELS[f]), message })),
      ),
      ...other.map((message) => ({ fieldId: null, label: '', message, lang: 'en' })),
    ],
    [errors, other, id, t],
  );

  const input = (
    f: PersonField,
    type: 'text' | 'email' | 'tel',
    opts: { required?: boolean; maxLength: number; hint?: string },
  ) => (
    <FormField
      id={fieldIdOf(id, f)}
      label={t(LABELS[f])}
      errors={errors[f]}
      required={opts.required}
      hint={opts.hint}
    >
      {(p) => (
        <input
          {...p}
          ref={f === 'firstName' ? first : undefined}
          type={type}
          autoComplete="off"
          maxLength={opts.maxLength}
          value={form[f]}
          onChange={(e) => setForm((s) => ({ ...s, [f]: e.target.value }))}
        />
      )}
    </FormField>
  );

  return (
    <form
      className="card add-person"
      onSubmit={submit}
      noValidate
      aria-labelledby={`${id}-title`}
      aria-busy={busy}
    >
      <h3 id={`${id}-title`}>{t('people.add')}</h3>
      <ErrorSummary items={summary} title={headline} />
      <div className="form-grid">
        {input('firstName', 'text', { required: true, maxLength: 200 })}
        {input('lastName', 'text', { required: true, maxLength: 200 })}
        {input('jobTitle', 'text', { maxLength: 200 })}
        {input('email', 'email', { maxLength: 300, hint: t('people.emailHint') })}
        {input('phone', 'tel', { maxLength: 50, hint: t('people.phoneHint') })}
      </div>
      <div className="form-actions">
        <button type="submit" className="button button-primary" disabled={busy}>
          {busy ? t('common.saving') : t('people.submit')}
        </button>
        <button type="button" className="button button-link" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/**
 * The contacts of an organisation (personal data: the server sends them only to those who may
 * read them, who may also add and delete them).
 */
export function PeopleSection({
  organisationId,
  people,
  canEdit,
  onChanged,
}: {
  organisationId: number;
  people: Person[];
  canEdit: boolean;
  onChanged: () => void;
}) {
  const { t } = useI18n();
  const [adding, setAdding] = useState(false);
  const [deleting, setDeleting] = useState<Person | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const fullName = (p: Person) => `${p.firstName} ${p.lastName}`;

  return (
    <EditableSection
      titleId="people-title"
      title={t('org.people')}
      headingRef={heading}
      message={message}
      intro={<p className="muted small">{t('people.privacy')}</p>}
    >
      {people.length === 0 ? (
        <p className="empty">{t('org.peopleNone')}</p>
      ) : (
        <TableScroll label={t('org.people')}>
          <table className="data-table people">
            <caption className="visually-hidden">{t('org.people')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('person.name')}</th>
                <th scope="col">{t('person.jobTitle')}</th>
                <th scope="col">{t('person.email')}</th>
                <th scope="col">{t('person.phone')}</th>
                {canEdit && <th scope="col">{t('common.actions')}</th>}
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.id}>
                  <th scope="row">{fullName(p)}</th>
                  <td>{p.jobTitle ?? '—'}</td>
                  <td>{p.email ? <a href={`mailto:${p.email}`}>{p.email}</a> : '—'}</td>
                  <td>{p.phone ? <a href={`tel:${p.phone.replace(/[^\d+]/g, '')}`}>{p.phone}</a> : '—'}</td>
                  {canEdit && (
                    <td>
                      <RowDeleteButton
                        what={fullName(p)}
                        onClick={() => {
                          setMessage(null);
                          setDeleting(p);
                        }}
                      />
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      {canEdit &&
        (adding ? (
          <AddPersonForm
            organisationId={organisationId}
            onDone={() => {
              setAdding(false);
              setMessage(t('people.added'));
              onChanged();
              heading.current?.focus();
            }}
            onCancel={() => {
              setAdding(false);
              // the button is back on the next render
              requestAnimationFrame(() => addButton.current?.focus());
            }}
          />
        ) : (
          <p className="section-actions">
            <button
              ref={addButton}
              type="button"
              className="button button-secondary"
              onClick={() => {
                setMessage(null);
                setAdding(true);
              }}
            >
              <span aria-hidden="true">+ </span>
              {t('people.add')}
            </button>
          </p>
        ))}
      {deleting && (
        <ConfirmDialog
          title={t('people.deleteTitle', { name: fullName(deleting) })}
          confirmLabel={t('people.deleteConfirm')}
          onConfirm={async () => {
            await send('DELETE', `/people/${deleting.id}`);
          }}
          onDone={() => {
            setDeleting(null);
            setMessage(t('people.deleted', { name: fullName(deleting) }));
            onChanged();
          }}
          onCancel={() => setDeleting(null)}
          focusAfterConfirm={() => heading.current}
        >
          <p>{t('people.deleteText')}</p>
        </ConfirmDialog>
      )}
    </EditableSection>
  );
}
