import '../calls.css';
import '../search.css';
import { type FormEvent, useId, useState } from 'react';
import { send } from '../api/client.ts';
import type { PartnersAnswer, PartnersRequest } from '../api/search-types.ts';
import { type Network, ORGANISATION_KINDS } from '../api/types.ts';
import { useApi } from '../api/use-api.ts';
import { OrganisationPicker, type PickedOrganisation } from '../components/organisation-picker.tsx';
import { CandidateList } from '../components/partner-candidates.tsx';
import { Shortlist } from '../components/partner-shortlist.tsx';
import { ErrorMessage, Loading } from '../components/status.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { useShortlist } from '../lib/shortlist.ts';
import { usePageTitle } from '../lib/use-page-title.ts';

/** "aéronautique; composites, drones" → ["aéronautique", "composites", "drones"] */
export function splitKeywords(text: string): string[] {
  return text
    .split(/[;,\n]/)
    .map((s) => s.trim())
    .filter((s) => s !== '');
}

/**
 * The partner assistant: describe a project idea, get organisations ranked for it with the reasons
 * of each score, keep the interesting ones on a shortlist and download it.
 */
export function PartnersPage() {
  const { t, tx, pct } = useI18n();
  usePageTitle(t('partners.title'));
  const id = useId();
  const networks = useApi<{ items: Network[] }>('/networks');
  const [text, setText] = useState('');
  const [keywords, setKeywords] = useState('');
  const [nets, setNets] = useState<string[]>([]);
  const [kinds, setKinds] = useState<string[]>([]);
  const [consortium, setConsortium] = useState<PickedOrganisation[]>([]);
  const [novelty, setNovelty] = useState(0.1);
  const [answer, setAnswer] = useState<PartnersAnswer | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const [missing, setMissing] = useState(false);
  const [busy, setBusy] = useState(false);
  const shortlist = useShortlist();

  const toggle = (list: string[], v: string, on: boolean) =>
    on ? [...list, v] : list.filter((x) => x !== v);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const body: PartnersRequest = {
      text: text.trim() || undefined,
      keywords: splitKeywords(keywords),
      networks: nets.length ? nets : undefined,
      kinds: kinds.length ? kinds : undefined,
      consortium: consortium.length ? consortium.map((c) => c.id) : undefined,
      noveltyWeight: novelty,
      limit: 10,
    };
    if (!body.text && body.keywords?.length === 0 && !body.consortium) {
      setMissing(true);
      document.getElementById(`${id}-text`)?.focus();
      return;
    }
    setMissing(false);
    setBusy(true);
    setError(null);
    try {
      setAnswer(await send<PartnersAnswer>('POST', '/matchmaking/partners', body));
    } catch (err) {
      setError(err instanceof Error ? err : new Error(String(err)));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <div className="page-header">
        <h1>{t('partners.title')}</h1>
        <p className="lead">{t('partners.intro')}</p>
      </div>
      <form className="partner-form" onSubmit={submit} noValidate aria-labelledby={`${id}-form-title`}>
        <h2 id={`${id}-form-title`}>{t('partners.formTitle')}</h2>
        <div className="field field-wide">
          <label htmlFor={`${id}-text`}>{t('partners.text')}</label>
          <textarea
            id={`${id}-text`}
            rows={4}
            value={text}
            maxLength={20000}
            aria-describedby={`${id}-text-hint`}
            aria-invalid={missing || undefined}
            onChange={(e) => setText(e.target.value)}
          />
          <span id={`${id}-text-hint`} className={missing ? 'field-error' : 'hint'}>
            {missing ? t('partners.missing') : t('partners.textHint')}
          </span>
        </div>
        <div className="field field-wide">
          <label htmlFor={`${id}-kw`}>{t('partners.keywords')}</label>
          <input
            id={`${id}-kw`}
            type="text"
            value={keywords}
            aria-describedby={`${id}-kw-hint`}
            onChange={(e) => setKeywords(e.target.value)}
          />
          <span id={`${id}-kw-hint`} className="hint">
            {t('partners.keywordsHint')}
          </span>
        </div>
        <fieldset className="checkbox-group">
          <legend>{t('partners.networks')}</legend>
          <div className="checkbox-row">
            {(networks.data?.items ?? []).map((n) => (
              <div className="checkbox" key={n.slug}>
                <input
                  id={`${id}-net-${n.slug}`}
                  type="checkbox"
                  checked={nets.includes(n.slug)}
                  onChange={(e) => setNets(toggle(nets, n.slug, e.target.checked))}
                />
                <label htmlFor={`${id}-net-${n.slug}`}>{n.name}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <fieldset className="checkbox-group">
          <legend>{t('partners.kinds')}</legend>
          <div className="checkbox-row">
            {ORGANISATION_KINDS.map((k) => (
              <div className="checkbox" key={k}>
                <input
                  id={`${id}-kind-${k}`}
                  type="checkbox"
                  checked={kinds.includes(k)}
                  onChange={(e) => setKinds(toggle(kinds, k, e.target.checked))}
                />
                <label htmlFor={`${id}-kind-${k}`}>{tx(`kind.${k}`)}</label>
              </div>
            ))}
          </div>
        </fieldset>
        <OrganisationPicker picked={consortium} onChange={setConsortium} />
        <div className="field">
          <label htmlFor={`${id}-novelty`}>{t('partners.novelty')}</label>
          <input
            id={`${id}-novelty`}
            type="range"
            min={0}
            max={1}
            step={0.1}
            value={novelty}
            aria-valuetext={pct(novelty)}
            aria-describedby={`${id}-novelty-hint`}
            onChange={(e) => setNovelty(Number(e.target.value))}
          />
          <output htmlFor={`${id}-novelty`}>{pct(novelty)}</output>
          <span id={`${id}-novelty-hint`} className="hint">
            {t('partners.noveltyHint')}
          </span>
        </div>
        <div className="form-actions">
          <button type="submit" className="button button-primary" disabled={busy}>
            {t('partners.submit')}
          </button>
        </div>
      </form>
      <section aria-labelledby={`${id}-results`} aria-busy={busy || undefined}>
        <h2 id={`${id}-results`}>{t('partners.results')}</h2>
        {busy && <Loading />}
        {error && <ErrorMessage error={error} />}
        <p className="visually-hidden" role="status">
          {answer && !busy ? t('partners.found', { n: answer.items.length }) : ''}
        </p>
        {!answer && !busy && <p className="muted">{t('partners.noneYet')}</p>}
        {answer && answer.items.length === 0 && <p className="muted">{t('partners.none')}</p>}
        {answer && answer.items.length > 0 && (
          <CandidateList
            items={answer.items}
            weights={answer.weights}
            action={(c) => ({
              label: t('partners.shortlistAdd'),
              doneLabel: t('partners.shortlisted'),
              done: shortlist.items.some((x) => x.organisationId === c.organisationId),
              onClick: () =>
                shortlist.add({
                  organisationId: c.organisationId,
                  name: c.name,
                  kind: c.kind,
                  sizeClass: c.sizeClass,
                  networks: c.networks,
                  score: c.score,
                }),
            })}
          />
        )}
      </section>
      <Shortlist shortlist={shortlist} />
    </>
  );
}
