import { type FormEvent, useEffect, useId, useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { SEARCH_TYPES, type SearchAnswer, type SearchType } from '../api/search-types.ts';
import { useApi } from '../api/use-api.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { withParams } from '../lib/organisation-query.ts';
import { readSearchQuery, resultPath, searchApiPath } from '../lib/search-query.ts';
import { HighlightedSnippet } from './highlighted-snippet.tsx';
import { Pagination } from './pagination.tsx';
import { SearchFacets } from './search-facets.tsx';
import { ErrorMessage, Loading } from './status.tsx';

/** Type tabs: every type with results (people only for those allowed to read them). */
function TypeTabs({ answer, current }: { answer: SearchAnswer; current: SearchType | null }) {
  const { t, tx, num } = useI18n();
  const [sp] = useSearchParams();
  const counts = answer.facets.type;
  const all = Object.values(counts).reduce((a, b) => a + b, 0);
  const href = (type: SearchType | null) => `?${withParams(sp, { type, page: null }).toString()}`;
  const shown = SEARCH_TYPES.filter((ty) => (counts[ty] ?? 0) > 0 || ty === current);
  return (
    <nav aria-label={t('fts.types')}>
      <ul className="search-tabs">
        <li>
          <Link to={href(null)} aria-current={current === null ? 'page' : undefined}>
            {t('fts.all', { n: num(all) })}
          </Link>
        </li>
        {shown.map((ty) => (
          <li key={ty}>
            <Link to={href(ty)} aria-current={current === ty ? 'page' : undefined}>
              {tx(`fts.type.${ty}`, { n: num(counts[ty] ?? 0) })}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Hits({ answer }: { answer: SearchAnswer }) {
  const { tx } = useI18n();
  return (
    <ol className="search-hits" start={(answer.page - 1) * answer.pageSize + 1}>
      {answer.items.map((h) => {
        const path = resultPath(h.type, h.id);
        return (
          <li key={`${h.type}-${h.id}`} className="search-hit">
            <h2>
              <span className="type-badge">{tx(`fts.badge.${h.type}`)}</span>
              {path ? <Link to={path}>{h.title}</Link> : h.title}
            </h2>
            <HighlightedSnippet className="snippet" html={h.snippet} />
          </li>
        );
      })}
    </ol>
  );
}

/**
 * Full-text search over organisations, visible projects and (for those allowed) people: the
 * query, type and facet filters live in the URL, so a search can be shared or bookmarked.
 */
export function FullTextSearch() {
  const { t, num } = useI18n();
  const id = useId();
  const [sp, setSp] = useSearchParams();
  const query = readSearchQuery(sp);
  const [text, setText] = useState(query.q);
  useEffect(() => setText(query.q), [query.q]);
  const path = searchApiPath(query);
  const answer = useApi<SearchAnswer>(path);
  const data = path ? answer.data : undefined;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = text.trim();
    setSp(withParams(sp, { q: q || null, page: null }));
  };
  const setFilter = (param: string, value: string | null) =>
    setSp(withParams(sp, { [param]: value, page: null }));

  return (
    <>
      <form className="search-main-form" aria-label={t('fts.formLabel')} onSubmit={submit}>
        <div className="field">
          <label htmlFor={`${id}-q`}>{t('fts.q')}</label>
          <input
            id={`${id}-q`}
            type="search"
            value={text}
            maxLength={200}
            aria-describedby={`${id}-hint`}
            onChange={(e) => setText(e.target.value)}
          />
          <span id={`${id}-hint`} className="hint">
            {t('fts.hint')}
          </span>
        </div>
        <button type="submit" className="button">
          {t('fts.submit')}
        </button>
      </form>
      {!path && <p className="muted">{t('fts.empty')}</p>}
      {path && answer.error && <ErrorMessage error={answer.error} onRetry={answer.reload} />}
      {path && !data && !answer.error && <Loading />}
      {data && (
        <>
          <TypeTabs answer={data} current={query.type} />
          {data.suggestion && (
            <p className="notice notice-info">
              {t('fts.didYouMean')}{' '}
              <Link to={`?${withParams(sp, { q: data.suggestion, page: null }).toString()}`}>
                {data.suggestion}
              </Link>
            </p>
          )}
          <div className="search-layout">
            <SearchFacets facets={data.facets} filters={query.filters} onChange={setFilter} />
            <section aria-labelledby={`${id}-count`} aria-busy={answer.loading || undefined}>
              <p id={`${id}-count`} className="results-count" role="status">
                {t('fts.count', { n: `${num(data.total)}${data.totalIsEstimate ? '+' : ''}`, q: query.q })}
              </p>
              {data.total === 0 ? (
                <p className="muted">{t('fts.none')}</p>
              ) : (
                <>
                  <Hits answer={data} />
                  <Pagination page={query.page} pageSize={query.pageSize} total={data.total} />
                </>
              )}
            </section>
          </div>
        </>
      )}
    </>
  );
}
