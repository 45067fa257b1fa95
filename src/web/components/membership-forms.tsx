import { type FormEvent, useId, useState } from 'react';
import { send } from '../api/client.ts';
import type { Membership, Network } from '../api/types.ts';
import { todayIso } from '../i18n/format.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { FormField } from './form-field.tsx';
import { ErrorText } from './status.tsx';

function useSubmit(onDone: (message: string) => void) {
  const [busy, setBusy] = useState(false);
  /** the failed request, shown with ErrorText */
  const [error, setError] = useState<unknown>(null);
  const run = async (work: () => Promise<unknown>, message: string) => {
    setBusy(true);
    setError(null);
    try {
      await work();
      onDone(message);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, run };
}

/** End an open membership: PATCH /memberships/:id { leftOn }. */
export function EndMembershipForm({
  membership,
  onDone,
  onCancel,
}: {
  membership: Membership;
  onDone: (message: string) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [leftOn, setLeftOn] = useState(todayIso());
  const { busy, error, run } = useSubmit(onDone);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(() => send('PATCH', `/memberships/${membership.id}`, { leftOn }), t('membership.ended'));
  };
  return (
    <form className="inline-form" onSubmit={submit}>
      <FormField
        id={`${id}-left`}
        label={t('timeline.endDate', { network: membership.networkName })}
        describedBy={error != null ? `${id}-err` : undefined}
        invalid={error != null}
      >
        {(p) => (
          <input
            {...p}
            type="date"
            required
            min={membership.joinedOn}
            value={leftOn}
            onChange={(e) => setLeftOn(e.target.value)}
          />
        )}
      </FormField>
      {error != null && (
        <p id={`${id}-err`} className="field-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
      <div className="form-actions">
        <button type="submit" className="button button-primary button-small" disabled={busy}>
          {busy ? t('common.saving') : t('timeline.endSubmit')}
        </button>
        <button type="button" className="button button-link button-small" onClick={onCancel}>
          {t('common.cancel')}
        </button>
      </div>
    </form>
  );
}

/** Add a membership period: POST /organisations/:id/memberships { network, joinedOn }. */
export function AddMembershipForm({
  organisationId,
  networks,
  onDone,
}: {
  organisationId: number;
  networks: Network[];
  onDone: (message: string) => void;
}) {
  const { t } = useI18n();
  const id = useId();
  const [network, setNetwork] = useState(networks[0]?.slug ?? '');
  const [joinedOn, setJoinedOn] = useState(todayIso());
  const { busy, error, run } = useSubmit(onDone);
  if (networks.length === 0) return null;
  const submit = (e: FormEvent) => {
    e.preventDefault();
    void run(
      () => send('POST', `/organisations/${organisationId}/memberships`, { network, joinedOn }),
      t('membership.added'),
    );
  };
  return (
    <form className="card add-membership" onSubmit={submit} aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('membership.add')}</h3>
      <div className="form-row">
        <FormField id={`${id}-net`} label={t('membership.network')}>
          {(p) => (
            <select {...p} value={network} onChange={(e) => setNetwork(e.target.value)}>
              {networks.map((n) => (
                <option key={n.slug} value={n.slug}>
                  {n.name}
                </option>
              ))}
            </select>
          )}
        </FormField>
        <FormField id={`${id}-joined`} label={t('membership.joinedOn')}>
          {(p) => (
            <input
              {...p}
              type="date"
              required
              min="1990-01-01"
              value={joinedOn}
              onChange={(e) => setJoinedOn(e.target.value)}
            />
          )}
        </FormField>
        <div className="field field-button">
          <button type="submit" className="button button-primary" disabled={busy}>
            {busy ? t('common.saving') : t('membership.submit')}
          </button>
        </div>
      </div>
      {error != null && (
        <p className="field-error" role="alert">
          <ErrorText error={error} />
        </p>
      )}
    </form>
  );
}
