import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { send } from '../api/client.ts';
import type { Membership, Network, OrganisationDetail } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { useAuth } from '../auth/auth-context.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { NetworkKindBadge } from './badges.tsx';
import { ConfirmDialog } from './confirm-dialog.tsx';
import { EditableSection, RowDeleteButton } from './editable-section.tsx';
import { AddMembershipForm, EndMembershipForm } from './membership-forms.tsx';
import { MembershipTimeline } from './membership-timeline.tsx';
import { TableScroll } from './table-scroll.tsx';

/**
 * The memberships of one organisation: the timeline, the same periods as a table, and for the
 * managers of a network the forms to add a period or end one, and to delete one entered by mistake.
 */
export function MembershipsSection({ org, onChanged }: { org: OrganisationDetail; onChanged: () => void }) {
  const { t, date } = useI18n();
  const { me } = useAuth();
  const [ending, setEnding] = useState<number | null>(null);
  const [deleting, setDeleting] = useState<Membership | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const managed = new Set(org.permissions.managedNetworkIds);
  const mayManage = (networkId: number) => me.isAdmin || managed.has(networkId);
  const canAdd = me.isAdmin || org.permissions.managedNetworkIds.length > 0;
  const networks = useApi<{ items: Network[] }>(canAdd ? '/networks' : null);
  const addable = (networks.data?.items ?? []).filter((n) => mayManage(n.id));
  const anyAction = org.memberships.some((m) => mayManage(m.networkId));

  const period = (m: Membership) =>
    t('timeline.period', {
      network: m.networkName,
      from: date(m.joinedOn),
      to: m.leftOn ? date(m.leftOn) : t('common.today'),
    });

  const done = (msg: string) => {
    setEnding(null);
    setMessage(msg);
    onChanged();
  };

  return (
    <EditableSection
      titleId="memberships-title"
      title={t('timeline.title')}
      headingRef={heading}
      message={message}
    >
      {org.memberships.length === 0 ? (
        <p className="empty">{t('timeline.none')}</p>
      ) : (
        <>
          <MembershipTimeline memberships={org.memberships} />
          <TableScroll label={t('timeline.tableCaption')}>
            <table className="data-table memberships">
              <caption className="visually-hidden">{t('timeline.tableCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('timeline.network')}</th>
                  <th scope="col">{t('timeline.joined')}</th>
                  <th scope="col">{t('timeline.left')}</th>
                  <th scope="col">{t('timeline.status')}</th>
                  {anyAction && <th scope="col">{t('timeline.actions')}</th>}
                </tr>
              </thead>
              <tbody>
                {org.memberships.map((m) => (
                  <tr key={m.id}>
                    <th scope="row">
                      <Link to={`/reseaux/${m.networkSlug}`}>{m.networkName}</Link>{' '}
                      <NetworkKindBadge kind={m.networkKind} />
                    </th>
                    <td>{date(m.joinedOn)}</td>
                    <td>{m.leftOn ? date(m.leftOn) : '—'}</td>
                    <td>
                      <span className={`status-pill ${m.leftOn ? 'is-ended' : 'is-active'}`}>
                        {t(m.leftOn ? 'timeline.ended' : 'timeline.active')}
                      </span>
                    </td>
                    {anyAction && (
                      <td>
                        {ending === m.id ? (
                          <EndMembershipForm membership={m} onDone={done} onCancel={() => setEnding(null)} />
                        ) : mayManage(m.networkId) ? (
                          <div className="row-actions">
                            {m.leftOn == null && (
                              <button
                                type="button"
                                className="button button-secondary button-small"
                                onClick={() => {
                                  setMessage(null);
                                  setEnding(m.id);
                                }}
                              >
                                {t('timeline.end')}
                                <span className="visually-hidden"> — {m.networkName}</span>
                              </button>
                            )}
                            <RowDeleteButton
                              what={period(m)}
                              onClick={() => {
                                setMessage(null);
                                setDeleting(m);
                              }}
                            />
                          </div>
                        ) : null}
                      </td>
                    )}
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
      {canAdd && addable.length > 0 && (
        <AddMembershipForm organisationId={org.id} networks={addable} onDone={done} />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('membership.deleteTitle')}
          confirmLabel={t('membership.deleteConfirm')}
          onConfirm={async () => {
            await send('DELETE', `/memberships/${deleting.id}`);
          }}
          onDone={() => {
            setDeleting(null);
            done(t('membership.deleted'));
          }}
          onCancel={() => setDeleting(null)}
          focusAfterConfirm={() => heading.current}
        >
          <p>
            <strong>{period(deleting)}</strong>
          </p>
          <p>{t('membership.deleteText')}</p>
        </ConfirmDialog>
      )}
    </EditableSection>
  );
}
