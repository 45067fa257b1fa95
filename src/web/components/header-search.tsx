import '../search.css';
import { type FormEvent, type KeyboardEvent, useEffect, useId, useState } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { api } from '../api/client.ts';
import type { Suggestion, SuggestionType } from '../api/search-types.ts';
import type { Network } from '../api/types.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { resultPath } from '../lib/search-query.ts';

const GROUP_ORDER: SuggestionType[] = ['organisation', 'project', 'network'];
/** Wait this long after the last key before asking for suggestions. */
const DEBOUNCE_MS = 150;

/** Suggestions in display order (grouped by type, the server's order kept inside a group). */
function grouped(items: Suggestion[]): { type: SuggestionType; items: Suggestion[] }[] {
  return GROUP_ORDER.map((type) => ({ type, items: items.filter((s) => s.type === type) })).filter(
    (g) => g.items.length > 0,
  );
}

/**
 * The header's search box: a WAI-ARIA 1.2 combobox (list autocomplete) with suggestions from
 * /search/autocomplete, grouped by type. Arrow keys move through the suggestions
 * (aria-activedescendant keeps the focus in the field), Enter opens the chosen one or, with none
 * chosen, the search page; Escape closes the list, then clears the field.
 */
export function HeaderSearch() {
  const { t, tx } = useI18n();
  const navigate = useNavigate();
  const { pathname } = useLocation();
  const id = useId();
  const listId = `${id}-list`;
  const [q, setQ] = useState('');
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);

  useEffect(() => {
    const text = q.trim();
    if (text.length < 2) {
      setItems([]);
      return;
    }
    const ctrl = new AbortController();
    const timer = setTimeout(() => {
      api<{ items: Suggestion[] }>(`/search/autocomplete?q=${encodeURIComponent(text)}&limit=8`, {
        signal: ctrl.signal,
      })
        .then((d) => {
          // a slower, older answer never replaces a newer one: the next keystroke aborted it
          if (ctrl.signal.aborted) return;
          setItems(d.items);
          setActive(-1);
        })
        .catch(() => {
          // suggestions are a convenience: on failure, Enter still searches
        });
    }, DEBOUNCE_MS);
    return () => {
      clearTimeout(timer);
      ctrl.abort();
    };
  }, [q]);

  // a new page closes the list
  useEffect(() => {
    void pathname;
    setOpen(false);
  }, [pathname]);

  const groups = grouped(items);
  const flat = groups.flatMap((g) => g.items);
  const expanded = open && flat.length > 0;
  const optionId = (i: number) => `${id}-opt-${i}`;

  const choose = async (s: Suggestion) => {
    setOpen(false);
    setQ('');
    const path = resultPath(s.type, s.id);
    if (path) {
      navigate(path);
      return;
    }
    // a network suggestion carries its id: its page is under its slug
    try {
      const { items: networks } = await api<{ items: Network[] }>('/networks');
      const n = networks.find((x) => x.id === s.id);
      navigate(n ? `/reseaux/${n.slug}` : `/recherche?q=${encodeURIComponent(s.label)}`);
    } catch {
      navigate(`/recherche?q=${encodeURIComponent(s.label)}`);
    }
  };

  const searchAll = () => {
    const text = q.trim();
    if (!text) return;
    setOpen(false);
    navigate(`/recherche?q=${encodeURIComponent(text)}`);
  };

  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    switch (e.key) {
      case 'ArrowDown':
      case 'ArrowUp': {
        if (flat.length === 0) return;
        e.preventDefault();
        const down = e.key === 'ArrowDown';
        if (!expanded) {
          setOpen(true);
          setActive(down ? 0 : flat.length - 1);
          return;
        }
        setActive((a) => (down ? (a + 1) % flat.length : a <= 0 ? flat.length - 1 : a - 1));
        return;
      }
      case 'Enter': {
        const s = expanded && active >= 0 ? flat[active] : undefined;
        if (s) {
          e.preventDefault();
          void choose(s);
        }
        return; // otherwise the form submits: the search page
      }
      case 'Escape':
        if (expanded) {
          e.preventDefault();
          setOpen(false);
          setActive(-1);
        } else if (q) {
          e.preventDefault();
          setQ('');
        }
        return;
      default:
    }
  };

  const submit = (e: FormEvent) => {
    e.preventDefault();
    searchAll();
  };

  let k = -1;
  return (
    // biome-ignore lint/a11y/useSemanticElements: the <search> element is not yet exposed as a landmark by every screen reader
    <form className="header-search" role="search" aria-label={t('gsearch.landmark')} onSubmit={submit}>
      <label htmlFor={`${id}-input`} className="visually-hidden">
        {t('gsearch.label')}
      </label>
      <div className="header-search-box">
        <input
          id={`${id}-input`}
          type="text"
          role="combobox"
          autoComplete="off"
          spellCheck={false}
          aria-autocomplete="list"
          aria-expanded={expanded}
          aria-controls={listId}
          aria-activedescendant={expanded && active >= 0 ? optionId(active) : undefined}
          aria-describedby={`${id}-hint`}
          placeholder={t('gsearch.placeholder')}
          value={q}
          maxLength={200}
          onChange={(e) => {
            setQ(e.target.value);
            setOpen(true);
            setActive(-1);
          }}
          onFocus={() => setOpen(true)}
          onBlur={() => setOpen(false)}
          onKeyDown={onKeyDown}
        />
        <span id={`${id}-hint`} className="visually-hidden">
          {t('gsearch.hint')}
        </span>
        <div
          id={listId}
          role="listbox"
          aria-label={t('gsearch.suggestions')}
          className="suggestions"
          hidden={!expanded}
        >
          {groups.map((g) => (
            // biome-ignore lint/a11y/useSemanticElements: inside a listbox, a group of options is role="group" (a fieldset is not allowed)
            <div key={g.type} role="group" aria-labelledby={`${id}-g-${g.type}`}>
              <div id={`${id}-g-${g.type}`} className="suggestions-group">
                {tx(`gsearch.group.${g.type}`)}
              </div>
              {g.items.map((s) => {
                k += 1;
                const i = k;
                return (
                  // biome-ignore lint/a11y/useFocusableInteractive: the focus stays in the combobox, which points at the option with aria-activedescendant
                  // biome-ignore lint/a11y/useKeyWithClickEvents: the keyboard works from the combobox (arrows, Enter)
                  <div
                    key={`${s.type}-${s.id}`}
                    id={optionId(i)}
                    role="option"
                    aria-selected={i === active}
                    className={i === active ? 'suggestion is-active' : 'suggestion'}
                    // keep the focus in the field: a click must not blur it before it counts
                    onMouseDown={(e) => e.preventDefault()}
                    onClick={() => void choose(s)}
                  >
                    {s.label}
                  </div>
                );
              })}
            </div>
          ))}
        </div>
        <p className="visually-hidden" role="status">
          {open && q.trim().length >= 2 ? t('gsearch.count', { n: flat.length }) : ''}
        </p>
      </div>
      <button type="submit" className="button button-header">
        {t('gsearch.submit')}
      </button>
    </form>
  );
}
